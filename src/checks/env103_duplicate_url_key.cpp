// ENV103 duplicate-url-key: the same connection-string variable set twice in one file. dotenv keeps
// the last one (its test "last duplicate key wins"), so an edit to the first does nothing.
#include "checks/registry.hpp"
#include "core/source_file.hpp"
#include "pg/conninfo.hpp"

#include <algorithm>

namespace poolcheck::checks {

void env103_duplicate_url_key(engine::rule const& r, input const& in, engine::sink& out) {
  if (in.url)
    return;
  auto const& entries = in.doc.entries;
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    auto kind = pg::classify(it->logical_value);
    if (kind != pg::scheme_kind::postgres && kind != pg::scheme_kind::keyword)
      continue;
    auto later = std::find_if(it + 1, entries.end(),
                              [&](env::entry const& e) { return e.name == it->name; });
    if (later == entries.end())
      continue;
    auto line = line_number(in.doc.text, later->key.begin);
    out.report(r, it->key, it->name, {{"line", std::to_string(line)}});
  }
}

} // namespace poolcheck::checks
