// Where each decoded byte of a YAML scalar comes from in the file, and how a changed value is
// written back in the scalar's own style.
#pragma once

#include "core/diagnostic.hpp"
#include "core/entry.hpp"
#include "formats/yaml_tree.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::formats {

struct scalar_map {
  /// File offset of each decoded byte, and one for the end (empty when `identity`).
  std::vector<std::size_t> offsets;
  std::size_t begin = 0;        // the content's first byte
  std::size_t size = 0;         // the content's length
  std::size_t decoded_size = 0; // the decoded value's length
  bool identity = true;         // decoded == content bytes
  bool exact = true;            // every decoded byte maps to the bytes that wrote it

  /// Offsets near the `size` bytes at `begin` of a value `decoded_size` bytes long, which they do
  /// not map byte by byte: good for a position, not for an edit.
  static scalar_map near(std::size_t begin, std::size_t size, std::size_t decoded_size) {
    return {{}, begin, size, decoded_size, false, false};
  }

  [[nodiscard]] std::size_t offset(std::size_t i) const {
    if (!offsets.empty())
      return offsets[std::min(i, offsets.size() - 1)];
    // Near: the value's end is the content's end, whatever folding took away, so that the value's
    // span covers all of its bytes.
    if (!exact && i >= decoded_size)
      return begin + size;
    return begin + std::min(i, size);
  }
};

/// The map of scalar `node` of `text`. A scalar folded across lines or a block scalar is not
/// exact: its offsets are then only near the bytes (good for a position, not for an edit).
scalar_map map_scalar(std::string_view text, yaml_node const& node);

/// `text` as content of a scalar quoted with `style` (plain: unchanged), or nullopt when that
/// style cannot hold it as written (a plain scalar gaining `: `, ` #`, a flow indicator or a line
/// break; any scalar gaining a line break).
std::optional<std::string> yaml_written(std::string_view text, quoting style);

} // namespace poolcheck::formats
