// A hash for variable names in the sets and maps that hold every name of a large file.
#pragma once

#include <cstddef>
#include <string_view>

namespace poolcheck::engine {

/// Hashes a name's first and last eight bytes and its length: enough to tell most names apart
/// (a clash costs one comparison more), and cheaper than hashing every byte of every name.
struct name_hash {
  using is_avalanching = void; // mixed enough: Boost's flat tables need not mix it again
  std::size_t operator()(std::string_view name) const;
};

} // namespace poolcheck::engine
