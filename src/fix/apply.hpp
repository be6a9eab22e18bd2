// Applying a set of byte edits to a text in one pass, skipping the ones that collide.
#pragma once

#include "core/diagnostic.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Not `poolcheck::fix`: that name is already the fix struct in core/diagnostic.hpp.
namespace poolcheck::fixes {

struct applied_edits {
  std::string text;
  std::size_t applied = 0;
  std::size_t skipped = 0;
};

/// Applies byte edits to `text` in one pass: sorted by span start (stable: for equal starts,
/// insertions (empty spans) before replacements, then original order); an edit that overlaps one
/// already taken is skipped (a later fix pass picks it up); two insertions at the same offset are
/// both applied in order; an insertion exactly at the end of a replaced span is not an overlap.
/// Edits whose span is reversed or reaches past the end of `text` are skipped too.
applied_edits apply_edits(std::string_view text, std::vector<edit> edits);

} // namespace poolcheck::fixes
