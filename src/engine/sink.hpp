// Where rules report: turns a rule, a span and placeholder values into a diagnostic with its
// message and fix expanded from the rule's templates.
#pragma once

#include "core/diagnostic.hpp"
#include "core/entry.hpp"
#include "engine/rule.hpp"
#include "engine/template.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace poolcheck::engine {

using vars = std::map<std::string, std::string, std::less<>>;

class sink {
public:
  explicit sink(std::vector<diagnostic>& out) : out_(out) {}

  /// Reports `r` at `span` (file bytes). `edits` empty = no derivable fix (the rule's advice, if
  /// any, is shown instead). `assumed` lowers a safe fix to unsafe: it rests on a guessed client.
  void report(rule const& r, byte_span span, std::string_view variable, vars const& values,
              std::vector<edit> edits = {}, bool assumed = false);

  /// Reports `r` about entry `e`: `span` and `edits` are relative to its logical value and are
  /// written back in the entry's format and quoting (a re-quoted value makes the fix unsafe).
  /// `untrusted`: the edits change where the URL connects (host, port, user, password, database)
  /// and rest on rule data from outside poolcheck, so the fix is unsafe.
  void report_value(rule const& r, entry const& e, byte_span span, vars const& values,
                    std::vector<edit> const& edits = {}, bool assumed = false,
                    bool untrusted = false);

private:
  std::vector<diagnostic>& out_;
};

} // namespace poolcheck::engine
