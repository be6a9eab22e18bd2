// Reads .env bytes exactly as motdotla/dotenv's released regex parser does, without copying or
// normalising them, and records every byte in a line item so the document prints back unchanged.
#include "core/huge_pages.hpp"
#include "core/in_parallel.hpp"
#include "env/document.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <deque>
#include <span>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace poolcheck::env {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// Binary input would otherwise produce one issue per byte; a hundred of each is enough to act on.
constexpr std::size_t max_encoding_issues = 100;

constexpr std::uint64_t ones = 0x0101010101010101ULL;
constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
constexpr std::uint64_t low_bits = 0x7f7f7f7f7f7f7f7fULL;

// One bit (0x80) set per byte of `word` that is zero, with no false positives.
std::uint64_t zero_bytes(std::uint64_t word) {
  return ~(((word & low_bits) + low_bits) | word) & high_bits;
}

std::uint64_t load_word(char const* at) {
  std::uint64_t word = 0;
  std::memcpy(&word, at, sizeof word);
  return word;
}

// JavaScript's `\w` is ASCII-only, so the key class is exactly [A-Za-z0-9_.-].
constexpr std::array<bool, 256> key_char_table = [] {
  std::array<bool, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) {
    table[static_cast<std::size_t>(c)] = true;
  }
  for (int c = 'A'; c <= 'Z'; ++c) {
    table[static_cast<std::size_t>(c)] = true;
  }
  for (int c = '0'; c <= '9'; ++c) {
    table[static_cast<std::size_t>(c)] = true;
  }
  table['_'] = true;
  table['.'] = true;
  table['-'] = true;
  return table;
}();

// Offset of the first byte of `text` at or after `at` that is a line break or, when `stop_at_hash`,
// a `#`; text.size() when there is none. Sixteen or eight bytes at a time: values and lines are
// long.
std::size_t find_line_stop(std::string_view text, std::size_t at, bool stop_at_hash) {
#if defined(__SSE2__)
  __m128i const lf = _mm_set1_epi8('\n');
  __m128i const cr = _mm_set1_epi8('\r');
  __m128i const other = _mm_set1_epi8(stop_at_hash ? '#' : '\n');
  for (; at + 16 <= text.size(); at += 16) {
    __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(text.data() + at));
    __m128i const hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)),
                                      _mm_cmpeq_epi8(v, other));
    if (auto const mask = static_cast<unsigned>(_mm_movemask_epi8(hits)); mask != 0) {
      return at + static_cast<std::size_t>(std::countr_zero(mask));
    }
  }
#endif
  std::uint64_t const hash_mask = stop_at_hash ? ones * '#' : ones * '\n';
  if constexpr (std::endian::native == std::endian::little) {
    for (; at + 8 <= text.size(); at += 8) {
      std::uint64_t const word = load_word(text.data() + at);
      std::uint64_t const hits = zero_bytes(word ^ (ones * '\n')) |
                                 zero_bytes(word ^ (ones * '\r')) | zero_bytes(word ^ hash_mask);
      if (hits != 0) {
        return at + static_cast<std::size_t>(std::countr_zero(hits)) / 8;
      }
    }
  }
  for (; at < text.size(); ++at) {
    char const c = text[at];
    if (c == '\n' || c == '\r' || (stop_at_hash && c == '#')) {
      return at;
    }
  }
  return at;
}

bool is_quote(char c) {
  return c == '\'' || c == '"' || c == '`';
}

bool is_newline(char c) {
  return c == '\n' || c == '\r';
}

quoting quoting_of(char c) {
  if (c == '\'') {
    return quoting::single;
  }
  if (c == '"') {
    return quoting::double_quote;
  }
  return quoting::backtick;
}

struct ending_counts {
  std::size_t lf = 0;
  std::size_t crlf = 0;
  std::size_t cr = 0;
};

// LF bytes in `word`. Summing the 0/1 bytes with a multiply avoids a library popcount call on
// baseline x86-64.
std::size_t count_lf(std::uint64_t word) {
  std::uint64_t const hits = zero_bytes(word ^ (ones * '\n')) >> 7;
  return static_cast<std::size_t>((hits * ones) >> 56);
}

// LF bytes in `text` from `i` on.
std::size_t count_lf(std::string_view text, std::size_t i) {
  std::size_t lf_bytes = 0;
  for (; i + 8 <= text.size(); i += 8) {
    lf_bytes += count_lf(load_word(text.data() + i));
  }
  for (; i < text.size(); ++i) {
    lf_bytes += text[i] == '\n' ? 1U : 0U;
  }
  return lf_bytes;
}

// Line endings by kind, given the number of LF bytes (scan_encoding counts them).
ending_counts count_endings(std::string_view text, std::size_t lf_bytes) {
  ending_counts counts;
  for (std::size_t at = text.find('\r'); at != npos; at = text.find('\r', at + 1)) {
    if (at + 1 < text.size() && text[at + 1] == '\n') {
      ++counts.crlf;
    } else {
      ++counts.cr;
    }
  }
  counts.lf = lf_bytes - counts.crlf;
  return counts;
}

line_ending dominant_of(ending_counts const& counts) {
  if (counts.crlf > counts.lf && counts.crlf >= counts.cr) {
    return line_ending::crlf;
  }
  if (counts.cr > counts.lf && counts.cr > counts.crlf) {
    return line_ending::cr;
  }
  return line_ending::lf;
}

bool is_continuation(unsigned char c) {
  return (c & 0xc0) == 0x80;
}

// From `i`, skips bytes that are ASCII and not NUL, adding the LF bytes among them to `lf_bytes`;
// returns where that run ends (at most eight bytes before the end of the text). A whole file is
// usually one run.
std::size_t skip_plain_ascii(std::string_view text, std::size_t i, std::size_t& lf_bytes) {
#if defined(__SSE2__)
  __m128i const zero = _mm_setzero_si128();
  __m128i const lf = _mm_set1_epi8('\n');
  while (i + 16 <= text.size()) {
    // LF counts per byte lane: each lane holds at most 255 before it is summed.
    __m128i counts = zero;
    std::size_t const stop = std::min(text.size(), i + 255 * 16);
    bool plain = true;
    for (; i + 16 <= stop; i += 16) {
      __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(text.data() + i));
      if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero))) != 0) {
        plain = false;
        break;
      }
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, lf));
    }
    __m128i const sums = _mm_sad_epu8(counts, zero);
    lf_bytes += static_cast<std::size_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
    if (!plain) {
      return i;
    }
  }
#endif
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t const word = load_word(text.data() + i);
    if ((word & high_bits) != 0 || zero_bytes(word) != 0) {
      break;
    }
    lf_bytes += count_lf(word);
  }
  return i;
}

// Reports NUL bytes and malformed UTF-8. A bad sequence is a lead byte with the continuation bytes
// it claims (overlong, surrogate, out of range or truncated), or a run of stray continuation bytes.
// Returns the number of LF bytes: counting them on the way saves a second pass over a large file.
std::size_t scan_encoding(std::string_view text, std::vector<syntax_issue>& issues) {
  auto const* bytes = reinterpret_cast<unsigned char const*>(text.data());
  std::size_t const size = text.size();
  std::size_t nul_count = 0;
  std::size_t bad_count = 0;
  std::size_t lf_bytes = 0;
  std::size_t i = 0;
  while (i < size) {
    if (nul_count >= max_encoding_issues && bad_count >= max_encoding_issues) {
      return lf_bytes + count_lf(text, i);
    }
    i = skip_plain_ascii(text, i, lf_bytes);
    if (i >= size) {
      break;
    }
    unsigned char const lead = bytes[i];
    if (lead == 0) {
      if (nul_count < max_encoding_issues) {
        issues.push_back({syntax_issue_kind::nul_byte, {i, i + 1}});
        ++nul_count;
      }
      ++i;
      continue;
    }
    if (lead < 0x80) {
      lf_bytes += lead == '\n' ? 1U : 0U;
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    bool valid = true;
    if (is_continuation(lead)) {
      while (end < size && is_continuation(bytes[end])) {
        ++end;
      }
      valid = false;
    } else {
      // Table 3-7 of the Unicode standard: how many continuation bytes follow, and the allowed
      // range of the first one (which rules out overlongs, surrogates and values past U+10FFFF).
      std::size_t need = 0;
      unsigned char low = 0x80;
      unsigned char high = 0xbf;
      if (lead <= 0xc1) {
        need = 1;
        valid = false;
      } else if (lead <= 0xdf) {
        need = 1;
      } else if (lead <= 0xef) {
        need = 2;
        low = lead == 0xe0 ? 0xa0 : 0x80;
        high = lead == 0xed ? 0x9f : 0xbf;
      } else if (lead <= 0xf4) {
        need = 3;
        low = lead == 0xf0 ? 0x90 : 0x80;
        high = lead == 0xf4 ? 0x8f : 0xbf;
      } else if (lead <= 0xf7) {
        need = 3;
        valid = false;
      } else {
        valid = false;
      }
      std::size_t got = 0;
      while (got < need && end < size && is_continuation(bytes[end])) {
        if (got == 0 && (bytes[end] < low || bytes[end] > high)) {
          valid = false;
        }
        ++got;
        ++end;
      }
      valid = valid && got == need;
    }
    if (!valid && bad_count < max_encoding_issues) {
      issues.push_back({syntax_issue_kind::invalid_utf8, {i, end}});
      ++bad_count;
    }
    i = end;
  }
  return lf_bytes;
}

// The byte order mark, encoding issues and line-ending counts of text[begin, end), a part that
// starts at a line start (so no UTF-8 sequence or CRLF crosses its edges).
struct encoding_facts {
  std::vector<syntax_issue> issues; // in offset order
  ending_counts endings;
};

bool starts_with_bom(std::string_view text) {
  return text.starts_with("\xef\xbb\xbf");
}

encoding_facts read_encoding(std::string_view text, std::size_t begin, std::size_t end) {
  encoding_facts facts;
  if (begin == 0 && starts_with_bom(text.substr(0, end))) {
    facts.issues.push_back({syntax_issue_kind::byte_order_mark, {0, 3}});
  }
  std::string_view const part = text.substr(begin, end - begin);
  std::size_t const first_issue = facts.issues.size();
  facts.endings = count_endings(part, scan_encoding(part, facts.issues));
  for (std::size_t i = first_issue; i < facts.issues.size(); ++i) {
    facts.issues[i].span = {facts.issues[i].span.begin + begin, facts.issues[i].span.end + begin};
  }
  return facts;
}

// Fills the whole-text fields of `doc` from the encoding facts of its parts, in order.
void set_text_facts(document& doc, std::span<encoding_facts const> parts) {
  std::string_view const text = doc.text;
  doc.has_bom = starts_with_bom(text);
  doc.ends_with_newline = !text.empty() && is_newline(text.back());
  ending_counts total;
  for (auto const& part : parts) {
    total.lf += part.endings.lf;
    total.crlf += part.endings.crlf;
    total.cr += part.endings.cr;
  }
  doc.dominant_ending = dominant_of(total);
  // The parts' issues, capped per kind for the whole text as scan_encoding caps them for one part;
  // then merged with the parse's, both being in offset order.
  std::vector<syntax_issue> encoding;
  std::size_t nul_count = 0;
  std::size_t bad_count = 0;
  for (auto const& part : parts) {
    for (auto const& issue : part.issues) {
      std::size_t* count = issue.kind == syntax_issue_kind::nul_byte       ? &nul_count
                           : issue.kind == syntax_issue_kind::invalid_utf8 ? &bad_count
                                                                           : nullptr;
      if (count == nullptr || (*count)++ < max_encoding_issues) {
        encoding.push_back(issue);
      }
    }
  }
  auto const parse_issue_count = static_cast<std::ptrdiff_t>(doc.issues.size());
  doc.issues.insert(doc.issues.end(), encoding.begin(), encoding.end());
  std::inplace_merge(
      doc.issues.begin(), doc.issues.begin() + parse_issue_count, doc.issues.end(),
      [](syntax_issue const& a, syntax_issue const& b) { return a.span.begin < b.span.begin; });
}

// For a large text, capacity reserved up front saves moving every entry as the vectors grow
// (untouched capacity costs address space, not memory). Unfiltered: an upper bound on both counts.
// Filtered: a guess of one kept line in 256 bytes, generous for what callers keep. A small text
// just grows: reserving costs more than it saves.
void reserve_for(document& doc, std::size_t bytes, ending_counts const& endings, bool filtered) {
  if (bytes < 64 * 1024) {
    return;
  }
  std::size_t const line_bound = endings.lf + endings.crlf + endings.cr + 1;
  std::size_t const expected = filtered ? std::min(line_bound, bytes / 256 + 16) : line_bound;
  doc.lines.reserve(expected);
  doc.entries.reserve(expected);
  prefer_huge_pages(doc.lines.data(), doc.lines.capacity() * sizeof(line));
  prefer_huge_pages(doc.entries.data(), doc.entries.capacity() * sizeof(entry));
}

// Reads lines into a document. The parse is context-free at a line start: reading from any line
// start the whole-text parse reaches gives the same lines from there on.
class parser {
public:
  parser(std::string_view text, line_filter const* keep, document& doc)
      : text_(text), size_(text.size()),
        bytes_(reinterpret_cast<unsigned char const*>(text.data())), keep_(keep), doc_(&doc) {}

  // Reads the line (or multi-line entry) starting at the line start `pos`; returns where the next
  // one starts.
  std::size_t step(std::size_t pos) {
    std::size_t const first = skip_inline_space(pos);
    if (first >= size_) {
      push_line(line_kind::blank, pos, size_);
      return size_;
    }
    if (is_newline(text_[first])) {
      std::size_t const next = first + newline_length(first);
      push_line(line_kind::blank, pos, next);
      return next;
    }
    return parse_line(pos, first);
  }

private:
  struct key_match {
    byte_span key;
    separator sep = separator::equals;
    std::size_t value_begin = 0;
  };

  std::string_view text_;
  std::size_t size_;
  unsigned char const* bytes_;
  line_filter const* keep_;
  document* doc_;
  entry scratch_;

  // Records a line and, for an entry line, `value` (moved into the document when kept).
  void push_line(line_kind kind, std::size_t begin, std::size_t end, entry* value = nullptr) {
    line item{kind, {begin, end}, doc_->entries.size()};
    if (keep_ != nullptr && !(*keep_)(item, value)) {
      doc_->complete = false;
      if (value != nullptr && !value->logical_to_raw.empty()) {
        doc_->decoded.pop_back();
      }
      return;
    }
    if (value != nullptr) {
      doc_->entries.push_back(std::move(*value));
    }
    doc_->lines.push_back(item);
  }

  // Records the lines of [begin, next) after the first as hidden, if the first ends before
  // `value_end`.
  void hide_lines_after_first(std::size_t begin, std::size_t value_end, std::size_t next) {
    if (std::size_t const first_end = line_end(begin); first_end < value_end) {
      doc_->hidden_lines.push_back({first_end + newline_length(first_end), next});
    }
  }

  void add_issue(syntax_issue_kind kind, std::size_t begin, std::size_t end) {
    doc_->issues.push_back({kind, {begin, end}});
  }

  // Length of the line terminator at `at` (CRLF counts as one, as dotenv folds it to LF), or 0.
  [[nodiscard]] std::size_t newline_length(std::size_t at) const {
    if (at >= size_) {
      return 0;
    }
    if (text_[at] == '\n') {
      return 1;
    }
    if (text_[at] != '\r') {
      return 0;
    }
    return at + 1 < size_ && text_[at + 1] == '\n' ? 2 : 1;
  }

  // Length of the JavaScript `\s` character at `at` other than a line terminator, or 0. Unicode
  // spaces count because the regex and String.prototype.trim both treat them as whitespace.
  [[nodiscard]] std::size_t inline_space_length(std::size_t at) const {
    if (at >= size_) {
      return 0;
    }
    unsigned char const c = bytes_[at];
    if (c < 0x80) {
      return c == ' ' || c == '\t' || c == '\v' || c == '\f' ? 1 : 0;
    }
    return wide_space_length(at);
  }

  [[nodiscard]] std::size_t wide_space_length(std::size_t at) const {
    unsigned char const c = bytes_[at];
    unsigned char const b1 = at + 1 < size_ ? bytes_[at + 1] : 0;
    if (c == 0xc2) {
      return b1 == 0xa0 ? 2 : 0; // U+00A0
    }
    if (at + 2 >= size_) {
      return 0;
    }
    unsigned char const b2 = bytes_[at + 2];
    switch (c) {
    case 0xe1:
      return b1 == 0x9a && b2 == 0x80 ? 3 : 0; // U+1680
    case 0xe2:
      if (b1 == 0x80) { // U+2000..U+200A, U+2028, U+2029, U+202F
        return (b2 >= 0x80 && b2 <= 0x8a) || b2 == 0xa8 || b2 == 0xa9 || b2 == 0xaf ? 3 : 0;
      }
      return b1 == 0x81 && b2 == 0x9f ? 3 : 0; // U+205F
    case 0xe3:
      return b1 == 0x80 && b2 == 0x80 ? 3 : 0; // U+3000
    case 0xef:
      return b1 == 0xbb && b2 == 0xbf ? 3 : 0; // U+FEFF
    default:
      return 0;
    }
  }

  // Length of the whitespace character ending just before `end`, not reaching before `begin`.
  [[nodiscard]] std::size_t inline_space_length_before(std::size_t begin, std::size_t end) const {
    if (end <= begin) {
      return 0;
    }
    if (bytes_[end - 1] < 0x80) {
      return inline_space_length(end - 1);
    }
    if (end - begin >= 2 && bytes_[end - 2] == 0xc2 && bytes_[end - 1] == 0xa0) {
      return 2;
    }
    if (end - begin >= 3 && wide_space_length(end - 3) == 3) {
      return 3;
    }
    return 0;
  }

  // The whole `\s` class, line terminators included (one character).
  [[nodiscard]] std::size_t space_length(std::size_t at) const {
    std::size_t const inline_length = inline_space_length(at);
    return inline_length > 0 ? inline_length : newline_length(at);
  }

  [[nodiscard]] std::size_t skip_inline_space(std::size_t at) const {
    while (std::size_t const length = inline_space_length(at)) {
      at += length;
    }
    return at;
  }

  // `\s*`: crosses line breaks, as dotenv's regex does.
  [[nodiscard]] std::size_t skip_space(std::size_t at) const {
    while (std::size_t const length = space_length(at)) {
      at += length;
    }
    return at;
  }

  [[nodiscard]] std::size_t line_end(std::size_t at) const {
    return find_line_stop(text_, at, false);
  }

  // Parses the line starting at `begin` whose first non-blank character is at `first`; returns
  // where the next line starts.
  std::size_t parse_line(std::size_t begin, std::size_t first) {
    if (text_[first] != '#') {
      std::optional<key_match> match;
      bool exported = false;
      if (text_.compare(first, 6, "export") == 0 && space_length(first + 6) > 0) {
        match = match_key(skip_space(first + 6));
        exported = match.has_value();
      }
      if (!match) {
        // The regex backtracks out of the optional `export\s+` prefix: `export=1` sets `export`.
        match = match_key(first);
      }
      if (match) {
        // Built in place of the last one: most entries of a large file are read and dropped.
        entry& item = scratch_;
        item.key = match->key;
        item.name = match->key.of(text_);
        item.exported = exported;
        item.sep = match->sep;
        item.quote = quoting::none;
        item.logical_value = {};
        item.logical_to_raw.clear();
        item.comment.reset();
        std::size_t const next = parse_value(match->value_begin, item);
        if (item.quote != quoting::none) {
          hide_lines_after_first(begin, item.raw_value.end, next);
        }
        push_line(line_kind::entry, begin, next, &item);
        return next;
      }
    }
    std::size_t const end = line_end(first);
    if (text_[first] == '#') {
      push_line(line_kind::comment, begin, end + newline_length(end));
    } else {
      push_line(line_kind::invalid, begin, end + newline_length(end));
      add_issue(syntax_issue_kind::unmatched_line, begin, end);
      doc_->hidden_lines.push_back({begin, end + newline_length(end)});
    }
    return end + newline_length(end);
  }

  // `([\w.-]+)(?:\s*=\s*?|:\s+?)`. The lazy quantifiers never need to grow: at the value position
  // either a value alternative or the empty value always lets the rest of the regex match.
  [[nodiscard]] std::optional<key_match> match_key(std::size_t begin) const {
    std::size_t end = begin;
    while (end < size_ && key_char_table[bytes_[end]]) {
      ++end;
    }
    if (end == begin) {
      return std::nullopt;
    }
    std::size_t const equals = skip_space(end);
    if (equals < size_ && text_[equals] == '=') {
      return key_match{{begin, end}, separator::equals, equals + 1};
    }
    if (end < size_ && text_[end] == ':') {
      if (std::size_t const length = space_length(end + 1)) {
        return key_match{{begin, end}, separator::colon, end + 1 + length};
      }
    }
    return std::nullopt;
  }

  // Fills the value fields of `item` from the value position `at`; returns the next line start.
  std::size_t parse_value(std::size_t at, entry& item) {
    // Each quoted alternative starts with its own `\s*`, so the opening quote may sit on a later
    // line than the separator.
    std::size_t const open = skip_space(at);
    if (open < size_ && is_quote(text_[open])) {
      std::size_t const terminal = first_unescaped_quote(open);
      std::size_t const close = closing_quote(open, terminal);
      if (close != npos) {
        return finish_quoted(open, close, item);
      }
      if (skip_inline_space(at) == open) {
        report_bad_quote(open, terminal);
      }
    }
    return finish_unquoted(at, item);
  }

  // The body `(?:\\q|[^q])*` can pass a quote only when a backslash precedes it, so the candidates
  // for the closing quote end at the first quote without one.
  [[nodiscard]] std::size_t first_unescaped_quote(std::size_t open) const {
    char const quote = text_[open];
    std::size_t at = open + 1;
    while (at < size_) {
      void const* hit = std::memchr(text_.data() + at, quote, size_ - at);
      if (hit == nullptr) {
        return npos;
      }
      at = static_cast<std::size_t>(static_cast<char const*>(hit) - text_.data());
      if (text_[at - 1] != '\\') {
        return at;
      }
      ++at;
    }
    return npos;
  }

  // Whether `\s*(?:#.*)?$` matches right after a closing quote candidate.
  [[nodiscard]] bool rest_of_line_is_blank_or_comment(std::size_t at) const {
    std::size_t const next = skip_inline_space(at);
    return next >= size_ || text_[next] == '#' || is_newline(text_[next]);
  }

  // The greedy body backtracks from the last candidate to the first; the first one after which
  // the line is blank or a comment closes the value. npos when none does.
  [[nodiscard]] std::size_t closing_quote(std::size_t open, std::size_t terminal) const {
    if (terminal != npos && rest_of_line_is_blank_or_comment(terminal + 1)) {
      return terminal;
    }
    char const quote = text_[open];
    std::size_t before = terminal == npos ? size_ : terminal;
    while (before > open + 1) {
      std::size_t const candidate = text_.rfind(quote, before - 1);
      if (candidate == npos || candidate <= open) {
        return npos;
      }
      if (rest_of_line_is_blank_or_comment(candidate + 1)) {
        return candidate;
      }
      before = candidate;
    }
    return npos;
  }

  // dotenv then falls back to the unquoted alternative on the first line, keeping the quote.
  void report_bad_quote(std::size_t open, std::size_t terminal) {
    std::size_t const first_line_end = line_end(open);
    if (terminal == npos || terminal >= first_line_end) {
      add_issue(syntax_issue_kind::unterminated_quote, open, first_line_end);
      return;
    }
    std::size_t const begin = skip_inline_space(terminal + 1);
    std::size_t end = begin;
    while (end < first_line_end && text_[end] != '#') {
      ++end;
    }
    add_issue(syntax_issue_kind::text_after_quote, begin, trim_back(begin, end));
  }

  [[nodiscard]] std::size_t trim_back(std::size_t begin, std::size_t end) const {
    while (std::size_t const length = inline_space_length_before(begin, end)) {
      end -= length;
    }
    return end;
  }

  // Where the trailing `\s*(?:#.*)?` ends; records the comment. Returns the next line start.
  std::size_t finish_line(std::size_t at, entry& item) {
    std::size_t const end = line_end(at);
    if (at < size_ && text_[at] == '#') {
      item.comment = byte_span{at, end};
    }
    return end + newline_length(end);
  }

  std::size_t finish_quoted(std::size_t open, std::size_t close, entry& item) {
    item.quote = quoting_of(text_[open]);
    item.raw_value = {open, close + 1};
    item.inner = {open + 1, close};
    set_logical(item, text_[open] == '"');
    return finish_line(skip_inline_space(close + 1), item);
  }

  // `[^#\r\n]+`, trimmed, then one pair of matching quotes stripped (`A='x' 'y'` gives `x' 'y`).
  std::size_t finish_unquoted(std::size_t at, entry& item) {
    std::size_t const stop = find_line_stop(text_, at, true);
    std::size_t const begin = skip_inline_space(at);
    std::size_t const end = begin >= stop ? stop : trim_back(begin, stop);
    if (begin >= end) {
      item.raw_value = {stop, stop};
      item.inner = item.raw_value;
      return finish_line(stop, item);
    }
    item.raw_value = {begin, end};
    item.inner = item.raw_value;
    char const first = text_[begin];
    if (end - begin >= 2 && is_quote(first) && text_[end - 1] == first) {
      item.quote = quoting_of(first);
      item.inner = {begin + 1, end - 1};
    }
    // dotenv looks at the first character before stripping, so `A="a\nb` still expands.
    set_logical(item, first == '"');
    return finish_line(stop, item);
  }

  [[nodiscard]] bool has_newline_escape(std::string_view inner) const {
    for (std::size_t at = inner.find('\\'); at != npos; at = inner.find('\\', at + 1)) {
      if (at + 1 < inner.size() && (inner[at + 1] == 'n' || inner[at + 1] == 'r')) {
        return true;
      }
    }
    return false;
  }

  // The logical value folds CRLF and CR to LF and, for double quotes, turns `\n` and `\r` into
  // line breaks; other escapes stay literal, as in dotenv.
  void set_logical(entry& item, bool expand_escapes) {
    std::string_view const inner = item.inner.of(text_);
    bool const has_cr = inner.find('\r') != npos;
    if (!has_cr && !(expand_escapes && has_newline_escape(inner))) {
      item.logical_value = inner;
      return;
    }
    std::string& value = *doc_->decoded.emplace_back(std::make_unique<std::string>());
    value.reserve(inner.size());
    item.logical_to_raw.reserve(inner.size() + 1);
    auto emit = [&item, &value](char c, std::size_t raw) {
      value.push_back(c);
      item.logical_to_raw.push_back(static_cast<std::uint32_t>(raw));
    };
    std::size_t const end = item.inner.end;
    std::size_t at = item.inner.begin;
    while (at < end) {
      char const c = text_[at];
      if (c == '\r') {
        emit('\n', at);
        at += at + 1 < end && text_[at + 1] == '\n' ? 2U : 1U;
        continue;
      }
      if (expand_escapes && c == '\\' && at + 1 < end &&
          (text_[at + 1] == 'n' || text_[at + 1] == 'r')) {
        emit(text_[at + 1] == 'n' ? '\n' : '\r', at);
        at += 2;
        continue;
      }
      emit(c, at);
      ++at;
    }
    item.logical_to_raw.push_back(static_cast<std::uint32_t>(end));
    item.logical_value = value;
  }
};

} // namespace

std::string document::print() const {
  std::string out;
  out.reserve(text.size());
  for (line const& item : lines) {
    out.append(item.span.of(text));
  }
  return out;
}

namespace {

// One piece of a text parsed in pieces (or the whole text, read as one), and where its parse
// stands.
struct piece {
  piece(std::string_view text, line_filter const* keep, std::size_t begin, std::size_t end)
      : reader(text, keep, doc), start(begin), stop(end), pos(begin), filtered(keep != nullptr) {
    doc.text = text;
  }

  document doc;
  parser reader;
  std::size_t start;
  std::size_t stop;
  std::size_t pos;
  bool filtered;
  // The first line starts this piece read: where an earlier piece that reads on can join it.
  std::vector<std::size_t> line_starts;
  encoding_facts encoding;

  // `first`: no piece comes before this one, and its document becomes the result (so it reserves
  // room for the whole text).
  void read(bool first) {
    constexpr std::size_t joinable_lines = 256;
    encoding = read_encoding(doc.text, start, stop);
    reserve_for(doc, first ? doc.text.size() : stop - start, encoding.endings, filtered);
    while (pos < stop) {
      if (!first && line_starts.size() < joinable_lines) {
        line_starts.push_back(pos);
      }
      pos = reader.step(pos);
    }
  }
};

} // namespace

std::vector<std::size_t> piece_starts(std::string_view text, std::size_t count) {
  constexpr std::size_t min_piece = 1024 * 1024;
  count = std::max<std::size_t>(1, std::min(count, text.size() / min_piece));
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 1; i < count; ++i) {
    std::size_t const lf = text.find('\n', std::max(starts.back(), text.size() * i / count));
    if (lf == npos || lf + 1 >= text.size()) {
      break;
    }
    starts.push_back(lf + 1);
  }
  return starts;
}

document parse_in_pieces(std::string_view text, std::vector<std::size_t> const& starts,
                         std::vector<line_filter> const& keep, std::vector<std::size_t>& from) {
  std::deque<piece> pieces; // a parser points at its piece's document: they must not move
  for (std::size_t i = 0; i < starts.size(); ++i) {
    pieces.emplace_back(text, &keep[i], starts[i],
                        i + 1 < starts.size() ? starts[i + 1] : text.size());
  }
  // A thread costs more than reading a small piece (texts cut by hand, in tests): those are read
  // here, one after the other, and met just the same.
  in_parallel(
      pieces.size(), [&](std::size_t i) { pieces[i].read(i == 0); }, text.size() >= 1024 * 1024);

  // Join: the piece being read on meets each next one, or reads all of it. They meet once the
  // earlier one has read a line from a line start the next one also read from (its filter, which
  // saw the lines before, decides that line); both read on alike from there. The first piece's
  // document, which reserved room for all, takes the lines of the others.
  document& doc = pieces.front().doc;
  from.assign(pieces.size(), npos);
  from[0] = 0;
  std::size_t current = 0;
  for (std::size_t next = 1; next < pieces.size(); ++next) {
    piece& reading = pieces[current];
    auto const& meet = pieces[next].line_starts;
    auto const read_by_next = [&meet](std::size_t at) {
      return std::binary_search(meet.begin(), meet.end(), at);
    };
    bool met = false;
    while (reading.pos < pieces[next].stop && !met) {
      bool const line_read_by_next = read_by_next(reading.pos);
      reading.pos = reading.reader.step(reading.pos);
      met = line_read_by_next && read_by_next(reading.pos);
    }
    if (met) {
      if (current != 0) {
        append_lines(doc, std::move(reading.doc), from[current]);
      }
      current = next;
      from[current] = reading.pos;
    }
  }
  if (current != 0) {
    append_lines(doc, std::move(pieces[current].doc), from[current]);
  }

  std::vector<encoding_facts> parts;
  for (auto& p : pieces) {
    parts.push_back(std::move(p.encoding));
  }
  set_text_facts(doc, parts);
  return std::move(doc);
}

document parse_line_at(std::string_view text, std::size_t begin) {
  document doc;
  doc.text = text;
  parser(text, nullptr, doc).step(begin);
  doc.complete = false;
  return doc;
}

void append_lines(document& doc, document&& more, std::size_t from) {
  auto const first_line =
      std::lower_bound(more.lines.begin(), more.lines.end(), from,
                       [](line const& l, std::size_t at) { return l.span.begin < at; });
  std::size_t const first_entry =
      first_line == more.lines.end() ? more.entries.size() : first_line->entry_index;
  std::size_t const base = doc.entries.size();
  for (auto l = first_line; l != more.lines.end(); ++l) {
    doc.lines.push_back({l->kind, l->span, l->entry_index - first_entry + base});
  }
  std::move(more.entries.begin() + static_cast<std::ptrdiff_t>(first_entry), more.entries.end(),
            std::back_inserter(doc.entries));
  std::move(more.decoded.begin(), more.decoded.end(), std::back_inserter(doc.decoded));
  auto const first_issue =
      std::lower_bound(more.issues.begin(), more.issues.end(), from,
                       [](syntax_issue const& i, std::size_t at) { return i.span.begin < at; });
  doc.issues.insert(doc.issues.end(), first_issue, more.issues.end());
  auto const first_hidden =
      std::lower_bound(more.hidden_lines.begin(), more.hidden_lines.end(), from,
                       [](byte_span const& e, std::size_t at) { return e.begin < at; });
  doc.hidden_lines.insert(doc.hidden_lines.end(), first_hidden, more.hidden_lines.end());
  doc.complete = doc.complete && more.complete;
}

void insert_lines(document& doc, document&& more) {
  std::vector<line> lines;
  std::vector<entry> entries;
  lines.reserve(doc.lines.size() + more.lines.size());
  entries.reserve(doc.entries.size() + more.entries.size());
  auto take = [&](document& from, line const& l) {
    lines.push_back({l.kind, l.span, entries.size()});
    if (l.kind == line_kind::entry) {
      entries.push_back(std::move(from.entries[l.entry_index]));
    }
  };
  auto a = doc.lines.begin();
  auto b = more.lines.begin();
  while (a != doc.lines.end() || b != more.lines.end()) {
    if (b == more.lines.end() || (a != doc.lines.end() && a->span.begin < b->span.begin)) {
      take(doc, *a++);
    } else {
      take(more, *b++);
    }
  }
  doc.lines = std::move(lines);
  doc.entries = std::move(entries);
  std::move(more.decoded.begin(), more.decoded.end(), std::back_inserter(doc.decoded));
}

namespace {

document parse_whole(std::string_view text, line_filter const* keep) {
  piece whole(text, keep, 0, text.size());
  whole.read(true);
  set_text_facts(whole.doc, {&whole.encoding, 1});
  return std::move(whole.doc);
}

} // namespace

document parse(std::string_view text) {
  return parse_whole(text, nullptr);
}

document parse(std::string_view text, line_filter const& keep) {
  return parse_whole(text, &keep);
}

} // namespace poolcheck::env
