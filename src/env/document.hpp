// The lossless model of a .env file: every byte belongs to exactly one line item, in order, so
// printing the items gives back the input byte for byte. Entries expose key, logical value (what
// motdotla/dotenv's released parser returns), the raw value span and the quoting style. Names and
// values are views into the parsed text; only values that escapes or CRLF change are stored.
#pragma once

#include "core/span.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace poolcheck::env {

enum class quoting { none, single, double_quote, backtick };
enum class separator { equals, colon };

struct entry {
  byte_span key;         // the key bytes (after optional `export `)
  std::string_view name; // the key text
  bool exported = false; // `export KEY=...`
  separator sep = separator::equals;
  byte_span raw_value; // the value as written: quotes included; for unquoted values, trimmed
                       // and ending before a `#` comment; empty span placed after the separator
                       // when the value is empty
  byte_span inner;     // inside the quotes (== raw_value when unquoted)
  quoting quote = quoting::none;
  std::string_view logical_value; // what dotenv hands the program
  /// File offset of each logical byte, plus one entry for the end (size logical+1). Empty when the
  /// logical value is byte-identical to `inner` (no escapes, no CRLF inside a multi-line value).
  std::vector<std::uint32_t> logical_to_raw;
  std::optional<byte_span> comment; // a trailing `# ...` on the value's last line

  /// File offset of logical byte `i` (i may equal logical_value.size()).
  [[nodiscard]] std::size_t raw_offset(std::size_t i) const {
    return logical_to_raw.empty() ? inner.begin + i : logical_to_raw[i];
  }

  /// An unquoted value that a `#` with no space before it cut short: dotenv reads less than the
  /// author wrote (`postgres://u:p#ss@h/db` reads as `postgres://u:p`).
  [[nodiscard]] bool cut_by_hash() const {
    return quote == quoting::none && comment && comment->begin == raw_value.end &&
           !raw_value.empty();
  }

  /// File span of the logical range [begin, end).
  [[nodiscard]] byte_span raw_span(std::size_t begin, std::size_t end) const {
    return {raw_offset(begin), raw_offset(end)};
  }
};

enum class line_kind { entry, comment, blank, invalid };

struct line {
  line_kind kind = line_kind::blank;
  byte_span span;              // through the line terminator (a quoted value may span lines)
  std::size_t entry_index = 0; // into document::entries when kind == entry
};

enum class syntax_issue_kind {
  unmatched_line,     // matches no dotenv assignment: dotenv skips it silently
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

enum class line_ending { lf, crlf, cr };

struct document {
  document() = default;
  // Entries view `decoded`: a copy would point into the original.
  document(document const&) = delete;
  document& operator=(document const&) = delete;
  document(document&&) noexcept = default;
  document& operator=(document&&) noexcept = default;

  std::string_view text; // not owned: the bytes that were parsed
  std::vector<line> lines;
  std::vector<entry> entries; // in file order; duplicates kept (dotenv: the last one wins)
  /// Logical values that differ from their bytes in the file (each on the heap: entries view them
  /// while more are added).
  std::vector<std::unique_ptr<std::string>> decoded;
  /// False when a filter dropped lines (see parse): `lines` then no longer covers `text`.
  bool complete = true;
  std::vector<syntax_issue> issues;
  /// Lines output shows masked whole, kept or not: those after the first of a quoted value that
  /// runs over several lines (the key that says what they hold is on an earlier line), and lines
  /// that match no assignment (dotenv skips them; after a quote that never closes they are often
  /// the rest of a secret). In file order, apart.
  std::vector<byte_span> hidden_lines;
  bool has_bom = false;
  line_ending dominant_ending = line_ending::lf; // the file's own style, for inserted lines
  bool ends_with_newline = false;

  /// The concatenation of every line's bytes: equal to `text` (the round-trip invariant).
  [[nodiscard]] std::string print() const;
};

/// Parses .env bytes. Total: never fails and never throws; what it cannot read becomes a
/// syntax_issue and the rest of the file is still parsed. `text` must outlive the document.
document parse(std::string_view text);

/// Called once per line, in file order, with the line's entry (or null): whether to keep it. A
/// reference to a callable that outlives the parse (no copy, no allocation).
class line_filter {
public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::remove_cvref_t<F>, line_filter>>>
  line_filter(F&& f) // implicit, as std::function is
      : object_(const_cast<void*>(static_cast<void const*>(&f))),
        call_([](void* o, line const& l, entry const* e) -> bool {
          return (*static_cast<std::remove_reference_t<F>*>(o))(l, e);
        }) {}

  bool operator()(line const& l, entry const* e) const { return call_(object_, l, e); }

private:
  void* object_;
  bool (*call_)(void*, line const&, entry const*);
};

/// Parses like parse(text) but keeps only the lines (and their entries) `keep` accepts, so that
/// a large file costs memory in proportion to what a caller needs. Syntax issues are all kept.
document parse(std::string_view text, line_filter const& keep);

/// Where parse_in_pieces cuts `text` into at most `count` pieces of a megabyte or more: line
/// starts just after an LF, the first 0, in order.
std::vector<std::size_t> piece_starts(std::string_view text, std::size_t count);

/// Parses like parse(text, keep[0]) but reads piece i (from starts[i] to starts[i + 1]) on a
/// thread of its own (in a text under a megabyte, on this one) through keep[i]. A piece is read as
/// if a line began at its start. Where the pieces meet, the earlier one reads on (a value of it may
/// run into the next piece) until it has read a line from a line start the next one also read from;
/// the lines the next one read before are dropped. So keep[i] sees lines in file order, some
/// perhaps dropped later or past its piece, and decides each line that begins in its share knowing
/// the line before. What a filter knows of lines further back is limited to its own piece:
/// `from[i]` is where the lines piece i gives the document begin (npos when the piece before read
/// all of it), for the caller to make up for that.
document parse_in_pieces(std::string_view text, std::vector<std::size_t> const& starts,
                         std::vector<line_filter> const& keep, std::vector<std::size_t>& from);

/// The line that starts at `begin`, a line start parse(text) reaches, as parse(text) reads it.
document parse_line_at(std::string_view text, std::size_t begin);

/// Moves the lines, entries, issues and hidden lines of `more`, another reading of the same
/// text, that begin at or after `from` to the end of `doc`, whose lines all begin before them.
void append_lines(document& doc, document&& more, std::size_t from = 0);

/// Adds the lines and entries of `more`, another reading of the same text whose lines `doc`
/// lacks, to `doc` in offset order (its issues and hidden lines, `doc` has already).
void insert_lines(document& doc, document&& more);

} // namespace poolcheck::env
