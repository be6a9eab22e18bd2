// Applies fixes until nothing changes: check, take every allowed fix whose edits do not collide
// with one already taken, apply them in one pass, check again. A fix is taken whole or not at all.
#pragma once

#include "core/diagnostic.hpp"
#include "engine/analysis.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::fixes {

struct loop_options {
  bool unsafe = false;        // also apply unsafe fixes (--unsafe-fixes)
  bool assumed = true;        // also apply fixes that rest on a guess (engine::assumptions)
  std::size_t max_passes = 8; // one parameter append per URL per pass, plus a final check
  /// Called after each pass with the text before it, the edits taken and the text after it
  /// (tests check that no byte outside the edits changed).
  std::function<void(std::string_view, std::vector<edit> const&, std::string_view)> on_pass;
};

struct loop_result {
  std::string text;
  std::vector<diagnostic> applied;  // every fix taken, in order, as reported when it was taken
  std::size_t passes = 0;           // checks that applied something
  bool converged = true;            // false: still changing after max_passes (a bug)
  engine::file_report final_report; // the check of `text`
};

using checker = std::function<engine::file_report(std::string_view text)>;

/// Whether `d`'s fix may be applied under `o`.
bool allowed(diagnostic const& d, loop_options const& o);

loop_result fix_until_stable(std::string_view text, checker const& check, loop_options const& o);

} // namespace poolcheck::fixes
