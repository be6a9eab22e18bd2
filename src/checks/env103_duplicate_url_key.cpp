// ENV103 duplicate-url-key: the same connection-string variable set twice in one file. dotenv keeps
// the last one (its test "last duplicate key wins"), so an edit to the first does nothing.
#include "checks/registry.hpp"
#include "core/source_file.hpp"
#include "pg/conninfo.hpp"

#include <boost/unordered/unordered_flat_map.hpp>

#include <optional>

namespace poolcheck::checks {

void env103_duplicate_url_key(engine::rule const& r, checked_document const& in,
                              engine::sink& out) {
  auto const& entries = in.doc.entries;
  // From the back, the first assignment of each name seen is the one that counts (whatever its
  // value); an earlier connection string under that name is dead.
  boost::unordered_flat_map<std::string_view, std::size_t> last;
  last.reserve(entries.size());
  std::optional<line_index> lines;
  for (std::size_t i = entries.size(); i-- > 0;) {
    auto [it, first_seen] = last.try_emplace(entries[i].name, i);
    entry const& e = entries[i];
    if (first_seen || !pg::is_connection_string(e.logical_value))
      continue;
    if (!lines)
      lines.emplace(in.doc.text);
    auto line = lines->position(entries[it->second].key.begin).line;
    out.report(r, e.key, e.name, {{"line", std::to_string(line)}});
  }
}

} // namespace poolcheck::checks
