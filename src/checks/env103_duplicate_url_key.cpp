// ENV103 duplicate-url-key: the same connection-string variable set twice in one file. dotenv keeps
// the last one (its test "last duplicate key wins"), so an edit to the first does nothing.
#include "checks/registry.hpp"
#include "core/source_file.hpp"
#include "pg/conninfo.hpp"

#include <optional>

namespace poolcheck::checks {

void env103_duplicate_url_key(engine::rule const& r, checked_document const& in,
                              engine::sink& out) {
  std::optional<line_index> lines;
  for (entry const& e : in.doc.entries) {
    if (in.is_live(e) || !pg::is_connection_string(e.logical_value))
      continue;
    if (!lines)
      lines.emplace(in.doc.text);
    auto const& kept = in.doc.entries[in.last_assignment[in.index_of(e)]];
    out.report(r, e.key, e.name, {{"line", std::to_string(lines->position(kept.key.begin).line)}});
  }
}

} // namespace poolcheck::checks
