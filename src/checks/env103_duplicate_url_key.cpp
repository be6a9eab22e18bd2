// ENV103 duplicate-url-key: the same connection-string variable set twice in one file. dotenv keeps
// the last one (its test "last duplicate key wins"), so an edit to the first does nothing.
#include "checks/registry.hpp"
#include "core/source_file.hpp"
#include "pg/conninfo.hpp"

#include <optional>
#include <unordered_map>

namespace poolcheck::checks {

void env103_duplicate_url_key(engine::rule const& r, input const& in, engine::sink& out) {
  if (in.url)
    return;
  auto const& entries = in.doc.entries;
  // The last assignment of each name, found in one pass (a file may hold many thousands).
  std::unordered_map<std::string_view, std::size_t> last;
  for (std::size_t i = 0; i < entries.size(); ++i)
    last[entries[i].name] = i;
  std::optional<line_index> lines;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    env::entry const& e = entries[i];
    std::size_t final = last[e.name];
    if (final == i)
      continue;
    auto kind = pg::classify(e.logical_value);
    if (kind != pg::scheme_kind::postgres && kind != pg::scheme_kind::keyword)
      continue;
    if (!lines)
      lines.emplace(in.doc.text);
    auto line = lines->position(entries[final].key.begin).line;
    out.report(r, e.key, e.name, {{"line", std::to_string(line)}});
  }
}

} // namespace poolcheck::checks
