// JSON strings (RFC 8259, section 7): `\" \\ \/ \b \f \n \r \t` and `\uXXXX`, a code point above
// U+FFFF written as a UTF-16 surrogate pair of two escapes.
#include "formats/json_string.hpp"

#include "core/utf8.hpp"

#include <fmt/format.h>

#include <optional>

namespace poolcheck::formats {
namespace {

/// The byte a one-letter escape `\c` stands for, or 0 when `c` is none.
char simple_escape(char c) {
  switch (c) {
  case '"':
  case '\\':
  case '/':
    return c;
  case 'b':
    return '\b';
  case 'f':
    return '\f';
  case 'n':
    return '\n';
  case 'r':
    return '\r';
  case 't':
    return '\t';
  default:
    return 0;
  }
}

/// The four hex digits at `at` of `raw` as a number, or nullopt.
std::optional<unsigned long> hex4(std::string_view raw, std::size_t at) {
  if (at + 4 > raw.size())
    return std::nullopt;
  unsigned long out = 0;
  for (std::size_t k = at; k < at + 4; ++k) {
    char const c = raw[k];
    int const digit = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
    if (digit < 0)
      return std::nullopt;
    out = out * 16 + static_cast<unsigned long>(digit);
  }
  return out;
}

/// The code point of the `\uXXXX` escape at `at` (a surrogate pair when one follows) and how many
/// bytes it takes, or nullopt.
std::optional<std::pair<unsigned long, std::size_t>> unicode_escape(std::string_view raw,
                                                                    std::size_t at) {
  auto const first = hex4(raw, at + 2);
  if (!first)
    return std::nullopt;
  if (*first >= 0xD800 && *first <= 0xDBFF && raw.substr(at + 6, 2) == "\\u")
    if (auto const second = hex4(raw, at + 8); second && *second >= 0xDC00 && *second <= 0xDFFF)
      return std::pair{0x10000 + ((*first - 0xD800) << 10) + (*second - 0xDC00), std::size_t{12}};
  return std::pair{*first, std::size_t{6}};
}

} // namespace

scalar_map map_json_string(std::string_view raw, std::size_t base, std::string_view value) {
  if (raw == value)
    return {{}, base, raw.size()};
  scalar_map const near = scalar_map::near(base, raw.size(), value.size());
  scalar_map map{{}, base, raw.size(), value.size(), false, true};
  std::string decoded;
  for (std::size_t i = 0; i < raw.size();) {
    std::string piece(1, raw[i]);
    std::size_t used = 1;
    if (raw[i] == '\\') {
      if (i + 1 >= raw.size())
        return near;
      if (raw[i + 1] == 'u') {
        auto const escape = unicode_escape(raw, i);
        if (!escape)
          return near;
        piece = utf8(escape->first);
        used = escape->second;
      } else if (char const c = simple_escape(raw[i + 1])) {
        piece = std::string(1, c);
        used = 2;
      } else {
        return near;
      }
    }
    // Every byte of what an escape decodes to comes from the escape's first byte.
    map.offsets.insert(map.offsets.end(), piece.size(), base + i);
    decoded += piece;
    i += used;
  }
  map.offsets.push_back(base + raw.size());
  return decoded == value ? map : near;
}

std::string json_written(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    if (static_cast<unsigned char>(c) < 0x20)
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    else
      out += c;
  }
  return out;
}

} // namespace poolcheck::formats
