// Which lines of a .env file the checks read, decided line by line as the parser goes (see
// env::parse with a filter): a large file then costs memory in proportion to its connection
// strings, not to its lines.
#pragma once

#include "engine/rule.hpp"
#include "env/document.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace poolcheck::engine {

/// Hashes a name's first and last eight bytes and its length: enough to tell most names apart
/// (a clash costs one comparison more), and cheaper than hashing every byte of every name.
struct name_hash {
  std::size_t operator()(std::string_view name) const;
};

/// Keeps connection strings, later assignments of their names (ENV103), direct-role names
/// (PRISMA013), suppression comments and the line after each.
class needed_lines {
public:
  needed_lines(std::string_view text, rule_set const& rules);

  bool operator()(env::line const& l, env::entry const* e);

private:
  std::string_view text_;
  rule_set const& rules_;
  // A one-hash Bloom filter in front of url_names_: most names never held a connection string,
  // and one bit of a small array says so faster than a hash-table probe.
  std::vector<std::uint64_t> seen_;
  std::unordered_set<std::string_view, name_hash> url_names_;
  bool after_directive_ = false;

  void set_seen(std::uint64_t hash);
  [[nodiscard]] bool was_seen(std::uint64_t hash) const;
};

} // namespace poolcheck::engine
