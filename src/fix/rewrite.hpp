// `poolcheck rewrite`: the corrected form of one connection string for a variable, client and
// target. Every fix that does not rest on a guessed client is applied, unsafe ones included (the
// user asked for the rewritten URL), until nothing changes.
#pragma once

#include "core/diagnostic.hpp"
#include "engine/analysis.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::fixes {

struct rewrite_result {
  std::string url;                  // the rewritten URL (the input when nothing changed)
  std::vector<diagnostic> changes;  // fixes applied, in order
  std::vector<diagnostic> blocking; // warnings and errors no edit can resolve: exit 1
  std::vector<diagnostic> notes;    // info findings and advice for a guessed client
  std::vector<byte_span> secrets;   // password bytes in `url`
  bool converged = true;
};

rewrite_result rewrite_url(std::string_view variable, std::string_view url,
                           engine::rule_set const& rules, engine::check_options const& options);

} // namespace poolcheck::fixes
