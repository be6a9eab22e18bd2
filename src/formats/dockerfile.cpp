// Dockerfile -> entries, by a hand-written scanner after BuildKit's parser
// (frontend/dockerfile/parser): physical lines joined into instructions, an instruction's
// arguments split into words, each ENV or ARG word split at its first `=`.
#include "formats/dockerfile.hpp"

#include "core/ascii.hpp"
#include "formats/dockerfile_value.hpp"
#include "formats/line_comments.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace poolcheck::formats {
namespace {

/// One instruction with its continuations removed, each byte with its file offset.
struct instruction {
  std::string text;
  std::vector<std::size_t> at; // file offset of each byte of `text`
  byte_span lines;             // every line it spans, through the last one's terminator

  void append(std::string_view file, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      text += file[i];
      at.push_back(i);
    }
  }

  /// The file bytes of `text`'s range [begin, end): where a value or key is written. An empty
  /// range is where it would start.
  [[nodiscard]] byte_span file_span(std::size_t begin, std::size_t end) const {
    if (end > begin)
      return {at[begin], at[end - 1] + 1};
    std::size_t const where = begin < at.size() ? at[begin] : at.empty() ? 0 : at.back() + 1;
    return {where, where};
  }

  /// Whether `text`'s range [begin, end) is one run of file bytes (no continuation inside).
  [[nodiscard]] bool contiguous(std::size_t begin, std::size_t end) const {
    return end <= begin || at[end - 1] - at[begin] == end - 1 - begin;
  }
};

/// A physical line: its bytes without the terminator, and where the next one starts.
struct physical_line {
  std::size_t begin, end, next;
};

physical_line line_at(std::string_view text, std::size_t from) {
  std::size_t const newline = text.find('\n', from);
  std::size_t const next = newline == std::string_view::npos ? text.size() : newline + 1;
  std::size_t end = newline == std::string_view::npos ? text.size() : newline;
  while (end > from && (text[end - 1] == '\r' || text[end - 1] == '\n'))
    --end; // the builder trims every CR and LF at a line's end
  return {from, end, next};
}

std::size_t skip_spaces(std::string_view text, std::size_t from, std::size_t end) {
  while (from < end) {
    std::size_t const n = space_at(text.substr(0, end), from);
    if (n == 0)
      break;
    from += n;
  }
  return from;
}

bool is_comment(std::string_view text, physical_line l) {
  std::size_t const first = skip_spaces(text, l.begin, l.end);
  return first < l.end && text[first] == '#';
}

/// Where a line's content ends when it is continued: at its trailing escape character, after
/// which only blanks may follow; nullopt when the line is not continued.
std::optional<std::size_t> continuation_at(std::string_view text, physical_line l, char escape) {
  std::size_t end = l.end;
  while (end > l.begin && (text[end - 1] == ' ' || text[end - 1] == '\t'))
    --end;
  if (end > l.begin && text[end - 1] == escape)
    return end - 1;
  return std::nullopt;
}

/// The escape character a `# escape=` parser directive at the top of `text` sets, else `\`.
/// Directives are read until the first line that is not one.
char escape_of(std::string_view text, std::size_t from) {
  for (std::size_t at = from; at < text.size();) {
    physical_line const l = line_at(text, at);
    std::string_view const line = text.substr(l.begin, l.end - l.begin);
    std::size_t i = 0;
    auto blanks = [&] {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
        ++i;
    };
    if (line.empty() || line[0] != '#')
      return '\\';
    ++i;
    blanks();
    std::size_t const name_begin = i;
    while (i < line.size() && ascii::is_alnum(line[i]))
      ++i;
    std::string const name = ascii::lowered(line.substr(name_begin, i - name_begin));
    blanks();
    if (name.empty() || i >= line.size() || line[i] != '=')
      return '\\';
    ++i;
    blanks();
    std::string_view value = line.substr(i);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
      value.remove_suffix(1);
    if (name == "escape" && (value == "`" || value == "\\"))
      return value[0];
    at = l.next;
  }
  return '\\';
}

struct word {
  std::size_t begin, end; // in the instruction's text
};

/// The instruction's arguments from `from` on, split into words as the builder's parseWords
/// does: at white space outside quotes; an escape character takes the next character along.
std::vector<word> words_of(std::string_view s, std::size_t from, char escape) {
  std::vector<word> out;

  enum { spaces, in_word, in_quote } phase = spaces;

  char quote = 0;
  bool blank_ok = false; // a quoted empty word ("") is a word
  std::size_t begin = from, end = from;
  for (std::size_t pos = from;;) {
    if (phase == spaces) {
      if (pos == s.size())
        break;
      if (std::size_t const n = space_at(s, pos)) {
        pos += n;
        continue;
      }
      phase = in_word;
      begin = end = pos;
    }
    if (pos == s.size()) {
      if (blank_ok || end > begin)
        out.push_back({begin, end});
      break;
    }
    char const ch = s[pos];
    if (phase == in_word) {
      if (std::size_t const n = space_at(s, pos)) {
        if (blank_ok || end > begin)
          out.push_back({begin, end});
        phase = spaces;
        blank_ok = false;
        pos += n;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        blank_ok = true;
        phase = in_quote;
      } else if (ch == escape) {
        if (pos + 1 == s.size()) {
          ++pos; // an escape at the very end is dropped
          continue;
        }
        ++pos; // it and the next character join the word
      }
      end = ++pos;
      continue;
    }
    // In quotes: only a double-quoted string escapes.
    if (ch == quote) {
      phase = in_word;
    } else if (ch == escape && quote != '\'') {
      if (pos + 1 == s.size()) {
        phase = in_word;
        ++pos;
        continue;
      }
      ++pos;
    }
    end = ++pos;
  }
  return out;
}

class reader {
public:
  explicit reader(std::string_view text, document& doc) : text_(text), doc_(doc) {}

  void read() {
    std::size_t at = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0; // a byte order mark
    escape_ = escape_of(text_, at);
    while (at < text_.size()) {
      physical_line const first = line_at(text_, at);
      at = first.next;
      if (is_comment(text_, first))
        continue;
      std::size_t const content = skip_spaces(text_, first.begin, first.end);
      instruction in;
      auto continued = continuation_at(text_, {content, first.end, first.next}, escape_);
      in.append(text_, content, continued.value_or(first.end));
      std::size_t last_next = first.next;
      while (continued && at < text_.size()) {
        physical_line const l = line_at(text_, at);
        at = l.next;
        last_next = l.next;
        if (is_comment(text_, l) || skip_spaces(text_, l.begin, l.end) == l.end)
          continue; // the builder drops comment and empty lines inside an instruction
        continued = continuation_at(text_, l, escape_);
        in.append(text_, l.begin, continued.value_or(l.end));
      }
      in.lines = {first.begin, last_next};
      read(in);
    }
    doc_.comments = line_comments(text_, doc_.entries);
  }

private:
  std::string_view text_;
  document& doc_;
  char escape_ = '\\';
  std::uint32_t scopes_ = 2;
  std::uint32_t env_scope_ = 1; // the stage's ENV values
  std::uint32_t arg_scope_ = 2; // its ARG defaults (before the first FROM: the global ARGs)

  struct pair {
    word key, value;
  };

  void read(instruction const& in) {
    std::string_view const s = in.text;
    std::size_t end = s.size();
    while (end > 0 && (s[end - 1] == ' ' || (s[end - 1] >= '\t' && s[end - 1] <= '\r')))
      --end;
    std::string_view const line = s.substr(0, end);
    std::size_t const name_end = std::min(line.find_first_of(" \t\v\f\r"), line.size());
    std::string const name = ascii::lowered(line.substr(0, name_end));
    if (name == "from") {
      env_scope_ = ++scopes_;
      arg_scope_ = ++scopes_;
      return;
    }
    if (name != "env" && name != "arg")
      return;
    std::size_t const rest = std::min(line.find_first_not_of(" \t\v\f\r", name_end), line.size());
    auto const pairs = name == "env" ? env_pairs(line, rest) : arg_pairs(line, rest);
    if (!pairs) {
      doc_.hidden_lines.push_back(in.lines); // the builder refuses it: nothing is read
      return;
    }
    std::vector<entry> found;
    for (auto const& p : *pairs) {
      auto e = entry_of(in, p, name == "env" ? env_scope_ : arg_scope_);
      if (!e) {
        doc_.hidden_lines.push_back(in.lines);
        return;
      }
      found.push_back(std::move(*e));
    }
    for (auto& e : found)
      doc_.entries.push_back(std::move(e));
  }

  /// `ENV KEY=value ...`, or `ENV KEY value` when the first word has no `=`; nullopt when the
  /// builder refuses the instruction.
  std::optional<std::vector<pair>> env_pairs(std::string_view line, std::size_t rest) const {
    auto const words = words_of(line, rest, escape_);
    if (words.empty())
      return std::vector<pair>{};
    auto text = [&](word w) {
      return line.substr(w.begin, w.end - w.begin);
    };
    if (text(words[0]).find('=') == std::string_view::npos) {
      // The legacy form: the key up to the first blanks, the value all after them.
      std::size_t const key_end = std::min(line.find_first_of(" \t\v\f\r", rest), line.size());
      std::size_t const value_begin = line.find_first_not_of(" \t\v\f\r", key_end);
      if (value_begin == std::string_view::npos)
        return std::nullopt; // `ENV KEY` alone
      return std::vector<pair>{{{rest, key_end}, {value_begin, line.size()}}};
    }
    std::vector<pair> out;
    for (word w : words) {
      std::size_t const eq = text(w).find('=');
      if (eq == std::string_view::npos)
        return std::nullopt; // every word must be a pair
      out.push_back({{w.begin, w.begin + eq}, {w.begin + eq + 1, w.end}});
    }
    return out;
  }

  /// `ARG NAME=default ...`: a word without `=` declares an argument with no default.
  std::optional<std::vector<pair>> arg_pairs(std::string_view line, std::size_t rest) const {
    std::vector<pair> out;
    for (word w : words_of(line, rest, escape_)) {
      std::size_t const eq = line.substr(w.begin, w.end - w.begin).find('=');
      if (eq != std::string_view::npos)
        out.push_back({{w.begin, w.begin + eq}, {w.begin + eq + 1, w.end}});
    }
    return out;
  }

  /// The entry of one pair, or nullopt when the builder would refuse it or read its name other
  /// than as written: a value whose quote never closes, an empty name, one quoted or escaped.
  std::optional<entry> entry_of(instruction const& in, pair const& p, std::uint32_t scope) {
    std::string_view const text = in.text;
    std::string_view const key = text.substr(p.key.begin, p.key.end - p.key.begin);
    if (key.empty() || key.find_first_of(std::string("\"'$") + escape_) != std::string_view::npos)
      return std::nullopt;
    auto decoded =
        decode_dockerfile_value(text.substr(p.value.begin, p.value.end - p.value.begin), escape_);
    if (!decoded)
      return std::nullopt;
    entry e;
    e.format = source_format::dockerfile;
    e.scope = scope;
    e.key = in.file_span(p.key.begin, p.key.end);
    e.name = doc_.view_of(e.key.of(text_), key);
    e.raw_value = in.file_span(p.value.begin, p.value.end);
    e.quote = decoded->quote;
    e.inner = e.quote == quoting::none ? e.raw_value
                                       : byte_span{e.raw_value.begin + 1, e.raw_value.end - 1};
    bool const contiguous = in.contiguous(p.value.begin, p.value.end);
    e.writable = contiguous && decoded->one_quoting;
    e.line = in.lines;
    if (contiguous && decoded->value == e.inner.of(text_)) {
      e.logical_value = e.inner.of(text_);
    } else {
      e.logical_value = doc_.keep(decoded->value);
      // The file offset of each decoded byte: the word's origins, through the instruction's.
      for (std::size_t from : decoded->from) {
        std::size_t const i = p.value.begin + from;
        e.logical_to_raw.push_back(static_cast<std::uint32_t>(
            i < p.value.end ? in.at[i] : in.file_span(p.value.begin, p.value.end).end));
      }
    }
    return e;
  }
};

} // namespace

document read_dockerfile(std::string_view text) {
  document doc;
  doc.text = text;
  doc.format = source_format::dockerfile;
  reader(text, doc).read();
  return doc;
}

} // namespace poolcheck::formats
