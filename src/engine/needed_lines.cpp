#include "engine/needed_lines.hpp"

#include "engine/suppressions.hpp"
#include "pg/conninfo.hpp"

#include <algorithm>
#include <bit>
#include <utility>

namespace poolcheck::engine {

namespace {

// About a bit per 64 bytes of text, at least 4096: a few percent of false hits at most.
std::size_t bloom_words(std::size_t text_size) {
  return std::bit_ceil(std::max<std::size_t>(text_size / 64, 4096)) / 64;
}

void set_bit(std::vector<std::uint64_t>& bits, std::uint64_t hash) {
  std::size_t const bit = hash & (bits.size() * 64 - 1);
  bits[bit / 64] |= std::uint64_t{1} << (bit % 64);
}

bool has_bit(std::vector<std::uint64_t> const& bits, std::uint64_t hash) {
  std::size_t const bit = hash & (bits.size() * 64 - 1);
  return (bits[bit / 64] >> (bit % 64)) & 1U;
}

} // namespace

needed_lines::needed_lines(std::string_view text, rule_set const& rules, bool record_dropped,
                           std::size_t piece_bytes)
    : text_(text), rules_(rules), seen_(bloom_words(text.size())), record_dropped_(record_dropped) {
  piece_bytes = std::min(piece_bytes, text.size());
  // Room for a connection string every 512 bytes: growing the set re-reads every name in it, a
  // cache miss each in a large file.
  url_names_.reserve(piece_bytes / 512);
  // Room for an entry every 32 bytes: address space only, as pages never written cost no memory
  // (unless the system refuses to overcommit: then a large file needs it all).
  if (record_dropped)
    dropped_.reserve(piece_bytes / 32);
}

bool needed_lines::operator()(env::line const& l, env::entry const* e) {
  bool const after_directive = std::exchange(after_directive_, false);
  if (l.kind == env::line_kind::comment) {
    after_directive_ = is_directive(l.span.of(text_));
    return after_directive_ || after_directive;
  }
  if (after_directive)
    return true;
  if (e == nullptr)
    return false; // blank, or unmatched (its syntax issue is kept apart)
  std::uint64_t const hash = name_hash{}(e->name);
  if (pg::is_connection_string(e->logical_value)) {
    set_bit(seen_, hash);
    url_names_.insert(e->name);
    return true;
  }
  if (rules_.direct_names.matches(e->name) || held_connection_string(hash, e->name))
    return true;
  if (record_dropped_)
    dropped_.push_back(
        {static_cast<std::uint32_t>(l.span.begin), static_cast<std::uint32_t>(hash)});
  return false;
}

bool needed_lines::may_have_held(std::uint64_t hash) const {
  return has_bit(seen_, hash);
}

bool needed_lines::held_connection_string(std::uint64_t hash, std::string_view name) const {
  return has_bit(seen_, hash) && url_names_.find(name) != url_names_.end();
}

void keep_later_assignments(env::document& doc, std::vector<std::size_t> const& from,
                            std::vector<needed_lines> const& filters) {
  constexpr auto npos = std::string_view::npos;
  env::document found;
  found.text = doc.text;
  for (std::size_t piece = 1; piece < from.size(); ++piece) {
    if (from[piece] == npos)
      continue;
    std::size_t end = doc.text.size();
    for (std::size_t later = piece + 1; later < from.size(); ++later)
      if (from[later] != npos) {
        end = from[later];
        break;
      }
    // A piece read whole by the one before it has no lines of its own to know names from.
    auto any_earlier = [&](auto const& holds) {
      for (std::size_t earlier = 0; earlier < piece; ++earlier)
        if (from[earlier] != npos && holds(filters[earlier]))
          return true;
      return false;
    };
    for (auto const& d : filters[piece].dropped()) {
      // Lines before `from` were read by this piece alone and are not in the document.
      if (d.begin < from[piece] || d.begin >= end ||
          !any_earlier([&](needed_lines const& f) { return f.may_have_held(d.hash); }))
        continue;
      env::document line = env::parse_line_at(doc.text, d.begin);
      std::string_view const name = line.entries.front().name;
      if (any_earlier(
              [&](needed_lines const& f) { return f.held_connection_string(d.hash, name); }))
        env::append_lines(found, std::move(line)); // in file order: pieces, then records
    }
  }
  if (!found.lines.empty())
    env::insert_lines(doc, std::move(found));
}

} // namespace poolcheck::engine
