// Which lines of a .env file the checks read, decided line by line as the parser goes (see
// env::parse with a filter): a large file then costs memory in proportion to its connection
// strings, not to its lines.
#pragma once

#include "core/huge_pages.hpp"
#include "engine/name_hash.hpp"
#include "engine/rule.hpp"
#include "env/document.hpp"

#include <boost/unordered/unordered_flat_set.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace poolcheck::engine {

/// An entry line a filter dropped: where it begins and the low bits of its name's hash.
struct dropped_entry {
  std::uint32_t begin;
  std::uint32_t hash;
};

/// Keeps connection strings, later assignments of their names (ENV103), direct-role names
/// (PRISMA013), suppression comments and the line after each.
class needed_lines {
public:
  /// With `record_dropped`, it records every entry it drops (in a text under 4 GiB): a filter for
  /// one piece of a text (env::parse_in_pieces) cannot know the names earlier pieces gave
  /// connection strings, and keep_later_assignments finds their assignments among those.
  /// `piece_bytes`, the length of the piece it reads (the whole text by default), sizes its tables.
  needed_lines(std::string_view text, rule_set const& rules, bool record_dropped = false,
               std::size_t piece_bytes = std::string_view::npos);

  bool operator()(env::line const& l, env::entry const* e);

  /// Whether a name whose hash has these low bits may have held a connection string in a line it
  /// kept (never false when one did).
  [[nodiscard]] bool may_have_held(std::uint64_t hash) const;

  /// Whether `name`, of hash `hash`, held a connection string in a line it kept.
  [[nodiscard]] bool held_connection_string(std::uint64_t hash, std::string_view name) const;

  using dropped_entries = std::vector<dropped_entry, huge_page_allocator<dropped_entry>>;

  [[nodiscard]] dropped_entries const& dropped() const { return dropped_; }

private:
  std::string_view text_;
  rule_set const& rules_;
  // A one-hash Bloom filter in front of url_names_: most names never held a connection string,
  // and one bit of a small array says so faster than a hash-table probe.
  std::vector<std::uint64_t> seen_;
  boost::unordered_flat_set<std::string_view, name_hash, std::equal_to<>,
                            huge_page_allocator<std::string_view>>
      url_names_;
  bool after_directive_ = false;
  bool record_dropped_;
  dropped_entries dropped_;
};

/// Adds to `doc`, read in pieces through `filters` that began at `from` (npos: none), the entries
/// whose names held a connection string in an earlier piece, from among those the filters dropped.
void keep_later_assignments(env::document& doc, std::vector<std::size_t> const& from,
                            std::vector<needed_lines> const& filters);

} // namespace poolcheck::engine
