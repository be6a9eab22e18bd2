// Dockerfile values: BuildKit's shell-word rules, with the origin of every decoded byte.
#include "formats/dockerfile_value.hpp"

#include "core/ascii.hpp"

namespace poolcheck::formats {
namespace {

/// Copies the `${...}` reference starting at `at` of `word` (through its matching `}`) as it is;
/// the index after it, or nullopt when it never closes.
std::optional<std::size_t> copy_braced_reference(std::string_view word, std::size_t at,
                                                 dockerfile_value& out) {
  std::size_t depth = 0;
  for (std::size_t i = at; i < word.size(); ++i) {
    out.value += word[i];
    out.from.push_back(i);
    if (word[i] == '{')
      ++depth;
    else if (word[i] == '}' && --depth == 0)
      return i + 1;
  }
  return std::nullopt;
}

} // namespace

std::optional<dockerfile_value> decode_dockerfile_value(std::string_view word, char escape) {
  dockerfile_value out;
  auto add = [&](char c, std::size_t from) {
    out.value += c;
    out.from.push_back(from);
  };
  std::size_t quoted_strings = 0;
  std::size_t last_close = 0; // the closing quote of the last quoted string
  for (std::size_t i = 0; i < word.size();) {
    char const c = word[i];
    if (c == '$' && i + 1 < word.size() && word[i + 1] == '{') {
      auto const after = copy_braced_reference(word, i, out);
      if (!after)
        return std::nullopt;
      i = *after;
    } else if (c == '\'') {
      std::size_t const close = word.find('\'', i + 1);
      if (close == std::string_view::npos)
        return std::nullopt;
      for (std::size_t k = i + 1; k < close; ++k)
        add(word[k], k);
      out.quote = quoting::single;
      ++quoted_strings;
      last_close = close;
      i = close + 1;
    } else if (c == '"') {
      std::size_t k = i + 1;
      for (;;) {
        if (k >= word.size())
          return std::nullopt;
        if (word[k] == '"')
          break;
        if (word[k] == '$' && k + 1 < word.size() && word[k + 1] == '{') {
          auto const after = copy_braced_reference(word, k, out);
          if (!after)
            return std::nullopt;
          k = *after;
        } else if (word[k] == escape && k + 1 < word.size() &&
                   (word[k + 1] == '"' || word[k + 1] == '$' || word[k + 1] == escape)) {
          add(word[k + 1], k);
          k += 2;
        } else if (word[k] == escape && k + 1 >= word.size()) {
          return std::nullopt; // the builder drops it, then finds no closing quote
        } else {
          add(word[k], k); // any other escape stays as it is
          ++k;
        }
      }
      out.quote = quoting::double_quote;
      ++quoted_strings;
      last_close = k;
      i = k + 1;
    } else if (c == escape) {
      if (i + 1 < word.size())
        add(word[i + 1], i);
      i += 2; // an escape at the very end is dropped
    } else {
      add(c, i);
      ++i;
    }
  }
  bool const whole_quoted = quoted_strings == 1 && (word.front() == '"' || word.front() == '\'') &&
                            last_close == word.size() - 1;
  out.one_quoting = quoted_strings == 0 || whole_quoted;
  if (!whole_quoted)
    out.quote = quoting::none;
  out.from.push_back(whole_quoted ? last_close : word.size());
  return out;
}

std::size_t space_at(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t k) {
    return at + k < text.size() ? static_cast<unsigned char>(text[at + k]) : 0u;
  };
  unsigned const b0 = byte(0), b1 = byte(1), b2 = byte(2);
  if (b0 == ' ' || (b0 >= '\t' && b0 <= '\r'))
    return 1;
  if (b0 == 0xC2 && (b1 == 0x85 || b1 == 0xA0)) // U+0085, U+00A0
    return 2;
  if (b0 == 0xE1 && b1 == 0x9A && b2 == 0x80) // U+1680
    return 3;
  if (b0 == 0xE2 && b1 == 0x80 &&
      ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 ||
       b2 == 0xAF)) // U+2000-U+200A, U+2028, U+2029, U+202F
    return 3;
  if (b0 == 0xE2 && b1 == 0x81 && b2 == 0x9F) // U+205F
    return 3;
  if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) // U+3000
    return 3;
  return 0;
}

std::optional<std::string> dockerfile_written(std::string_view text, quoting style) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char const c = text[i];
    bool const control = static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    bool refused = false;
    switch (style) {
    case quoting::none:
      refused = control || space_at(text, i) != 0 || c == '"' || c == '\'' || c == '\\' ||
                c == '`' || c == '$';
      break;
    case quoting::double_quote:
      refused = control || c == '"' || c == '\\' || c == '`' || c == '$';
      break;
    case quoting::single:
      refused = control || c == '\'';
      break;
    case quoting::backtick:
      refused = true;
      break;
    }
    if (refused)
      return std::nullopt;
  }
  return std::string(text);
}

bool keeps_references(std::string_view value, std::size_t begin, std::size_t end,
                      std::string_view replacement, quoting style) {
  if (style == quoting::single || begin == 0 || value[begin - 1] != '$')
    return true;
  std::string_view const after = !replacement.empty() ? replacement : value.substr(end);
  if (after.empty())
    return true;
  char const c = after.front();
  return !(ascii::is_alnum(c) || c == '_' || c == '{');
}

} // namespace poolcheck::formats
