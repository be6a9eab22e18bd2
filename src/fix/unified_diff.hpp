// Unified diffs of a file before and after fixing, for `--diff` style previews.
#pragma once

#include "core/span.hpp"

#include <span>
#include <string>
#include <string_view>

namespace poolcheck::fixes {

/// A unified diff (like `diff -u`, 3 lines of context) of two texts, with `--- a/NAME` /
/// `+++ b/NAME` headers (no a/ and b/ for an absolute NAME); empty string when equal. Lines keep
/// their CR if the file uses CRLF; a last line without a newline gets "\ No newline at end of
/// file". Linear-space Myers on lines, after trimming the common prefix and suffix, so a few
/// changed lines in a large file are cheap.
///
/// The parts of each version's lines that `masked` covers (spans of that text, in order, apart:
/// file_report::all_masked) are printed as `****`, line endings kept.
struct masked_spans {
  std::span<byte_span const> before;
  std::span<byte_span const> after;
};

std::string unified_diff(std::string_view before, std::string_view after, std::string_view name,
                         masked_spans masked = {});

} // namespace poolcheck::fixes
