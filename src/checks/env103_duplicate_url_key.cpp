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
  // Only names that hold a connection string can be findings: collect those first (usually a
  // handful), then one pass finds the last assignment of each, whatever its value.
  std::unordered_map<std::string_view, std::size_t> last;
  for (auto const& e : entries) {
    auto kind = pg::classify(e.logical_value);
    if (kind == pg::scheme_kind::postgres || kind == pg::scheme_kind::keyword)
      last.emplace(e.name, 0);
  }
  if (last.empty())
    return;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (auto it = last.find(entries[i].name); it != last.end())
      it->second = i;
  std::optional<line_index> lines;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    env::entry const& e = entries[i];
    auto it = last.find(e.name);
    if (it == last.end() || it->second == i)
      continue;
    auto kind = pg::classify(e.logical_value);
    if (kind != pg::scheme_kind::postgres && kind != pg::scheme_kind::keyword)
      continue;
    if (!lines)
      lines.emplace(in.doc.text);
    auto line = lines->position(entries[it->second].key.begin).line;
    out.report(r, e.key, e.name, {{"line", std::to_string(line)}});
  }
}

} // namespace poolcheck::checks
