#include "engine/needed_lines.hpp"

#include "engine/suppressions.hpp"
#include "pg/conninfo.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

namespace poolcheck::engine {

std::size_t name_hash::operator()(std::string_view name) const {
  std::uint64_t head = 0;
  std::uint64_t tail = 0;
  std::memcpy(&head, name.data(), std::min<std::size_t>(name.size(), 8));
  if (name.size() > 8)
    std::memcpy(&tail, name.data() + name.size() - 8, 8);
  // MurmurHash3's finaliser: every input bit reaches every output bit.
  std::uint64_t h = head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ name.size();
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  return h ^ (h >> 33);
}

needed_lines::needed_lines(std::string_view text, rule_set const& rules)
    : text_(text), rules_(rules),
      // About a bit per 64 bytes of text, at least 4096: a few percent of false hits at most.
      seen_(std::bit_ceil(std::max<std::size_t>(text.size() / 64, 4096)) / 64) {}

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
    set_seen(hash);
    url_names_.insert(e->name);
    return true;
  }
  return rules_.direct_names.matches(e->name) ||
         (was_seen(hash) && url_names_.find(e->name) != url_names_.end());
}

void needed_lines::set_seen(std::uint64_t hash) {
  std::size_t const bit = hash & (seen_.size() * 64 - 1);
  seen_[bit / 64] |= std::uint64_t{1} << (bit % 64);
}

bool needed_lines::was_seen(std::uint64_t hash) const {
  std::size_t const bit = hash & (seen_.size() * 64 - 1);
  return (seen_[bit / 64] >> (bit % 64)) & 1U;
}

} // namespace poolcheck::engine
