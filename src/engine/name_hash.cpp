#include "engine/name_hash.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

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

} // namespace poolcheck::engine
