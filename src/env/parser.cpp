// Reads .env bytes exactly as motdotla/dotenv's released regex parser does, without copying or
// normalising them, and records every byte in a line item so the document prints back unchanged.
#include "env/document.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <utility>

namespace poolcheck::env {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// Binary input would otherwise produce one issue per byte; a hundred of each is enough to act on.
constexpr std::size_t max_encoding_issues = 100;

// JavaScript's `\w` is ASCII-only, so the key class is exactly [A-Za-z0-9_.-].
bool is_key_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
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

bool is_continuation(unsigned char c) {
  return (c & 0xc0) == 0x80;
}

// The length of the UTF-8 sequence at `i`, and whether it is valid. A bad sequence is a lead byte
// with the continuation bytes it claims (overlong, surrogate, out of range or truncated), or a run
// of stray continuation bytes.
std::pair<std::size_t, bool> utf8_sequence(std::string_view text, std::size_t i) {
  auto const byte = [&](std::size_t at) {
    return static_cast<unsigned char>(text[at]);
  };
  unsigned char const lead = byte(i);
  std::size_t end = i + 1;
  if (is_continuation(lead)) {
    while (end < text.size() && is_continuation(byte(end))) {
      ++end;
    }
    return {end - i, false};
  }
  // Table 3-7 of the Unicode standard: how many continuation bytes follow, and the allowed range
  // of the first one (which rules out overlongs, surrogates and values past U+10FFFF).
  std::size_t need = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xbf;
  bool valid = true;
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
  } else {
    need = lead <= 0xf7 ? 3 : 0;
    valid = false;
  }
  std::size_t got = 0;
  while (got < need && end < text.size() && is_continuation(byte(end))) {
    if (got == 0 && (byte(end) < low || byte(end) > high)) {
      valid = false;
    }
    ++got;
    ++end;
  }
  return {end - i, valid && got == need};
}

// The byte order mark, NUL bytes and malformed UTF-8 (at most max_encoding_issues of each), in
// offset order; and the file's most common line ending.
void scan_encoding(std::string_view text, std::vector<syntax_issue>& issues,
                   line_ending& dominant) {
  if (text.starts_with("\xef\xbb\xbf")) {
    issues.push_back({syntax_issue_kind::byte_order_mark, {0, 3}});
  }
  std::size_t nul_count = 0;
  std::size_t bad_count = 0;
  std::size_t lf = 0;
  std::size_t crlf = 0;
  std::size_t cr = 0;
  for (std::size_t i = 0; i < text.size();) {
    char const c = text[i];
    if (c == '\n') {
      ++lf;
    } else if (c == '\r') {
      bool const pair = i + 1 < text.size() && text[i + 1] == '\n';
      ++(pair ? crlf : cr);
      i += pair ? 2 : 1;
      continue;
    } else if (c == '\0' && nul_count++ < max_encoding_issues) {
      issues.push_back({syntax_issue_kind::nul_byte, {i, i + 1}});
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      auto const [length, valid] = utf8_sequence(text, i);
      if (!valid && bad_count++ < max_encoding_issues) {
        issues.push_back({syntax_issue_kind::invalid_utf8, {i, i + length}});
      }
      i += length;
      continue;
    }
    ++i;
  }
  dominant = crlf > lf && crlf >= cr ? line_ending::crlf
             : cr > lf && cr > crlf  ? line_ending::cr
                                     : line_ending::lf;
}

// Reads lines into a document. The parse is context-free at a line start: reading from any line
// start the whole-text parse reaches gives the same lines from there on.
class parser {
public:
  parser(std::string_view text, document& doc)
      : text_(text), size_(text.size()),
        bytes_(reinterpret_cast<unsigned char const*>(text.data())), doc_(&doc) {}

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
    std::size_t value_begin = 0;
  };

  std::string_view text_;
  std::size_t size_;
  unsigned char const* bytes_;
  document* doc_;

  // Records a line and, for an entry line, its entry.
  void push_line(line_kind kind, std::size_t begin, std::size_t end, entry* value = nullptr) {
    doc_->lines.push_back({kind, {begin, end}, doc_->entries.size()});
    if (value != nullptr) {
      value->line = {begin, end};
      doc_->entries.push_back(std::move(*value));
    }
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

  // Offset of the first line break (or, when `stop_at_hash`, `#`) at or after `at`; the end of the
  // text when there is none.
  [[nodiscard]] std::size_t find_line_stop(std::size_t at, bool stop_at_hash) const {
    while (at < size_ && !is_newline(text_[at]) && !(stop_at_hash && text_[at] == '#')) {
      ++at;
    }
    return at;
  }

  [[nodiscard]] std::size_t line_end(std::size_t at) const { return find_line_stop(at, false); }

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
        entry item;
        item.key = match->key;
        item.name = match->key.of(text_);
        item.exported = exported;
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
    while (end < size_ && is_key_char(bytes_[end])) {
      ++end;
    }
    if (end == begin) {
      return std::nullopt;
    }
    std::size_t const equals = skip_space(end);
    if (equals < size_ && text_[equals] == '=') {
      return key_match{{begin, end}, equals + 1};
    }
    if (end < size_ && text_[end] == ':') {
      if (std::size_t const length = space_length(end + 1)) {
        return key_match{{begin, end}, end + 1 + length};
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
    std::size_t const stop = find_line_stop(at, true);
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

document parse(std::string_view text) {
  document doc;
  doc.text = text;
  parser reader(text, doc);
  for (std::size_t pos = 0; pos < text.size();) {
    pos = reader.step(pos);
  }
  // A comment's suppressions cover the entry on the next line (a comment or blank line in between
  // breaks the link, as with hadolint's `ignore=`).
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.lines[i].kind != line_kind::comment) {
      continue;
    }
    bool const entry_next = i + 1 < doc.lines.size() && doc.lines[i + 1].kind == line_kind::entry;
    doc.comments.push_back({doc.lines[i].span, entry_next ? doc.lines[i + 1].span : byte_span{}});
  }
  // The parse's issues and the encoding's, both in offset order, merged.
  std::vector<syntax_issue> encoding;
  scan_encoding(text, encoding, doc.dominant_ending);
  auto const parse_issues = static_cast<std::ptrdiff_t>(doc.issues.size());
  doc.issues.insert(doc.issues.end(), encoding.begin(), encoding.end());
  std::inplace_merge(
      doc.issues.begin(), doc.issues.begin() + parse_issues, doc.issues.end(),
      [](syntax_issue const& a, syntax_issue const& b) { return a.span.begin < b.span.begin; });
  return doc;
}

} // namespace poolcheck::env
