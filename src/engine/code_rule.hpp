// Rules whose logic data cannot say (`kind = "code"` in rules/*.toml). Each implements one hook: it
// runs once per document, or once per connection string with that string's context. The table of
// them lives in checks/ and is handed to the rule set by whoever loads it (see rule_loader): the
// engine knows no check by name.
#pragma once

#include "core/document.hpp"

#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace poolcheck::engine {

struct rule;
struct rule_set;
struct url_facts;
class sink;

/// What every check sees of the document being checked, found once per document.
struct checked_document {
  poolcheck::document const& doc;
  rule_set const& rules;
  /// Whether an entry has the direct (migrations) role, by its name or by config.
  bool has_direct_entry = false;
  /// Per entry: the index of the last assignment of its name, the one a program reads.
  std::vector<std::size_t> last_assignment;
  /// Variables a fix already offers to add to this document (connection-string checks run in
  /// file order): two runtime URLs need one DIRECT_URL, not two.
  mutable std::set<std::string, std::less<>> added_variables;
  /// The file is one git ignores: it is not committed (check_options::gitignored).
  bool gitignored = false;

  [[nodiscard]] std::size_t index_of(entry const& e) const {
    return static_cast<std::size_t>(&e - doc.entries.data());
  }

  /// Whether `e` is the last assignment of its name: an edit to an earlier one changes nothing.
  [[nodiscard]] bool is_live(entry const& e) const {
    return last_assignment[index_of(e)] == index_of(e);
  }
};

using document_check = void (*)(rule const&, checked_document const&, sink&);
using connection_string_check = void (*)(rule const&, checked_document const&, url_facts const&,
                                         sink&);

/// The hook a rule implements; monostate for rules the engine interprets from data.
using code_check = std::variant<std::monostate, document_check, connection_string_check>;

struct code_rule {
  std::string_view code;
  code_check check;
};

} // namespace poolcheck::engine
