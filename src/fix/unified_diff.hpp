// Unified diffs of a file before and after fixing, for `--diff` style previews.
#pragma once

#include "core/span.hpp"

#include <span>
#include <string>
#include <string_view>

namespace poolcheck::fixes {

/// A unified diff (like `diff -u`, 3 lines of context) of two texts, with `--- a/NAME` /
/// `+++ b/NAME` headers; empty string when equal. Lines keep their CR if the file uses CRLF; a
/// last line without a newline gets "\ No newline at end of file". Linear-space Myers on lines,
/// after trimming the common prefix and suffix, so a few changed lines in a large file are cheap.
///
/// A line that overlaps one of `hidden` (byte spans of that text: a secret's later lines, see
/// document::hidden_lines) is printed as `****`, its line ending kept.
struct hidden_spans {
  std::span<byte_span const> before;
  std::span<byte_span const> after;
};

std::string unified_diff(std::string_view before, std::string_view after, std::string_view name,
                         hidden_spans hidden = {});

} // namespace poolcheck::fixes
