// A checked text as every input format gives it: its entries in order, its comments (where inline
// suppressions live), what its syntax got wrong, and the lines output must never show.
#pragma once

#include "core/entry.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck {

/// What a format's reader could not read as the author meant (each maps to one ENV rule).
enum class syntax_issue_kind {
  unmatched_line,     // matches no assignment: dotenv skips it silently
  unterminated_quote, // opening quote with no closing one: dotenv keeps the quote in the value
  text_after_quote,   // `A="abc"def`: dotenv's released and fast parsers disagree
  nul_byte,
  invalid_utf8,
  byte_order_mark,
};

struct syntax_issue {
  syntax_issue_kind kind;
  byte_span span;
};

/// A comment, and the line of the entry right after it (empty when a blank line, another comment
/// or nothing follows): what an inline suppression in it covers.
struct comment {
  byte_span span;
  byte_span next_entry_line;
};

enum class line_ending { lf, crlf, cr };

struct document {
  document() = default;
  // Entries may view `decoded`: a copy would point into the original.
  document(document const&) = delete;
  document& operator=(document const&) = delete;
  document(document&&) noexcept = default;
  document& operator=(document&&) noexcept = default;

  std::string_view text; // not owned: the bytes that were read
  source_format format = source_format::dotenv;
  std::vector<entry> entries; // in file order; duplicates kept (the last one wins)
  /// Logical values that differ from their bytes (each on the heap: entries view them).
  std::vector<std::unique_ptr<std::string>> decoded;
  std::vector<comment> comments;    // in file order
  std::vector<syntax_issue> issues; // in file order
  /// Lines output shows masked whole: a quoted value's lines after its first (the key that says
  /// what they hold is on an earlier line), and lines that match no assignment (after a quote
  /// that never closes they are often the rest of a secret). In file order, apart.
  std::vector<byte_span> hidden_lines;
  line_ending dominant_ending = line_ending::lf; // the file's own style, for inserted lines

  /// A copy of `s` the document owns, for an entry to view (a value whose bytes are not its text).
  std::string_view keep(std::string_view s) {
    return *decoded.emplace_back(std::make_unique<std::string>(s));
  }

  /// `value` as a view: the bytes `written` when they are it, else a copy kept.
  std::string_view view_of(std::string_view written, std::string_view value) {
    return written == value ? written : keep(value);
  }
};

} // namespace poolcheck
