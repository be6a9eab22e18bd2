// The lossless model of a .env file: every byte belongs to exactly one line item, in order, so
// printing the items gives back the input byte for byte. Its entries (core/entry.hpp) hold what
// motdotla/dotenv's released parser returns; names and values are views into the parsed text.
#pragma once

#include "core/document.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::env {

enum class line_kind { entry, comment, blank, invalid };

struct line {
  line_kind kind = line_kind::blank;
  byte_span span;              // through the line terminator (a quoted value may span lines)
  std::size_t entry_index = 0; // into entries when kind == entry
};

struct document : poolcheck::document {
  std::vector<line> lines;

  /// The concatenation of every line's bytes: equal to `text` (the round-trip invariant).
  [[nodiscard]] std::string print() const;
};

/// Parses .env bytes. Total: never fails and never throws; what it cannot read becomes a
/// syntax_issue and the rest of the file is still parsed. `text` must outlive the document.
document parse(std::string_view text);

} // namespace poolcheck::env
