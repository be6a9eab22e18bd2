// ENV103 duplicate-url-key: the same connection-string variable set twice in one file. dotenv keeps
// the last one (its test "last duplicate key wins"), so an edit to the first does nothing.
#include "checks/registry.hpp"
#include "core/huge_pages.hpp"
#include "core/source_file.hpp"
#include "engine/name_hash.hpp"
#include "pg/conninfo.hpp"

#include <boost/unordered/unordered_flat_set.hpp>

#include <optional>

namespace poolcheck::checks {
namespace {

/// Hashes and compares entries (by index) by name. The hashes were found beforehand: in a large
/// file reading each name again is a cache miss, so names are read only when the hashes agree.
struct same_name {
  using is_avalanching = void; // name_hash mixes its bits
  std::vector<env::entry> const* entries;
  std::span<std::uint64_t const> hashes;

  std::size_t operator()(std::size_t i) const { return hashes[i]; }

  bool operator()(std::size_t a, std::size_t b) const {
    return hashes[a] == hashes[b] && (*entries)[a].name == (*entries)[b].name;
  }
};

} // namespace

void env103_duplicate_url_key(engine::rule const& r, input const& in, engine::sink& out) {
  if (in.url)
    return;
  auto const& entries = in.doc.entries;
  std::vector<std::uint64_t> own_hashes; // for a caller that did not find them
  std::span<std::uint64_t const> hashes = in.name_hashes;
  if (hashes.size() != entries.size()) {
    for (auto const& e : entries)
      own_hashes.push_back(engine::name_hash{}(e.name));
    hashes = own_hashes;
  }
  same_name const by_name{&entries, hashes};
  // From the back, the first assignment of each name seen is the one that counts (whatever its
  // value); an earlier connection string under that name is dead.
  boost::unordered_flat_set<std::size_t, same_name, same_name, huge_page_allocator<std::size_t>>
      last(entries.size(), by_name, by_name);
  std::optional<line_index> lines;
  for (std::size_t i = entries.size(); i-- > 0;) {
    auto [it, first_seen] = last.insert(i);
    env::entry const& e = entries[i];
    if (first_seen || !pg::is_connection_string(e.logical_value))
      continue;
    if (!lines)
      lines.emplace(in.doc.text);
    auto line = lines->position(entries[*it].key.begin).line;
    out.report(r, e.key, e.name, {{"line", std::to_string(line)}});
  }
}

} // namespace poolcheck::checks
