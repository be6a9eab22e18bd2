// YAML scalar decoding with offsets (YAML 1.2, section 7.3), and writing a value back.
#include "formats/yaml_scalar.hpp"

#include "core/utf8.hpp"

#include <fmt/format.h>

namespace poolcheck::formats {
namespace {

/// The byte a one-letter escape `\c` stands for (YAML's C-style escapes), or nullopt.
std::optional<std::string> simple_escape(char c) {
  switch (c) {
  case '0':
    return std::string(1, '\0');
  case 'a':
    return "\a";
  case 'b':
    return "\b";
  case 't':
  case '\t':
    return "\t";
  case 'n':
    return "\n";
  case 'v':
    return "\v";
  case 'f':
    return "\f";
  case 'r':
    return "\r";
  case 'e':
    return "\x1b";
  case ' ':
  case '"':
  case '/':
  case '\\':
    return std::string(1, c);
  case 'N':
    return utf8(0x85);
  case '_':
    return utf8(0xA0);
  case 'L':
    return utf8(0x2028);
  case 'P':
    return utf8(0x2029);
  default:
    return std::nullopt;
  }
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// Decodes quoted content `raw` (at file offset `base`), mapping each decoded byte; nullopt at
/// anything that folds lines or is not understood.
std::optional<scalar_map> decode_quoted(std::string_view raw, std::size_t base, bool double_quoted,
                                        std::string& decoded) {
  scalar_map map;
  map.begin = base;
  map.size = raw.size();
  map.identity = false;
  for (std::size_t i = 0; i < raw.size();) {
    char const c = raw[i];
    if (c == '\n' || c == '\r')
      return std::nullopt; // a line break folds into a space, or vanishes
    std::string piece;
    std::size_t used = 1;
    if (!double_quoted && c == '\'' && i + 1 < raw.size() && raw[i + 1] == '\'') {
      piece = "'";
      used = 2;
    } else if (double_quoted && c == '\\') {
      if (i + 1 >= raw.size())
        return std::nullopt;
      char const e = raw[i + 1];
      std::size_t const digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
      if (digits) {
        if (i + 2 + digits > raw.size())
          return std::nullopt;
        for (std::size_t k = 0; k < digits; ++k)
          if (!is_hex(raw[i + 2 + k]))
            return std::nullopt;
        piece = utf8(std::stoul(std::string(raw.substr(i + 2, digits)), nullptr, 16));
        used = 2 + digits;
      } else if (auto s = simple_escape(e)) {
        piece = *s;
        used = 2;
      } else {
        return std::nullopt;
      }
    } else {
      piece = std::string(1, c);
    }
    for (std::size_t k = 0; k < piece.size(); ++k)
      map.offsets.push_back(base + i);
    decoded += piece;
    i += used;
  }
  map.offsets.push_back(base + raw.size());
  return map;
}

} // namespace

scalar_map map_scalar(std::string_view text, yaml_node const& node) {
  std::string_view const raw = node.raw.of(text);
  if (node.style == yaml_style::plain && raw == node.value)
    return {{}, node.raw.begin, raw.size()};
  // A block scalar's bytes start with its indentation and end with the line breaks its chomping
  // keeps or strips: near its text is between them.
  bool const block = node.style == yaml_style::literal || node.style == yaml_style::folded;
  std::size_t const indent = block ? std::min(raw.find_first_not_of(" \t\r\n"), raw.size()) : 0;
  std::size_t const end =
      block ? std::max(indent, raw.find_last_not_of(" \t\r\n") + 1) : raw.size();
  scalar_map const near =
      scalar_map::near(node.raw.begin + indent, end - indent, node.value.size());
  if (node.style == yaml_style::single_quoted || node.style == yaml_style::double_quoted) {
    std::string decoded;
    auto map = decode_quoted(raw, node.raw.begin, node.style == yaml_style::double_quoted, decoded);
    if (map && decoded == node.value)
      return *map;
  }
  return near;
}

std::optional<std::string> yaml_written(std::string_view text, quoting style) {
  if (text.find_first_of("\r\n") != std::string_view::npos)
    return std::nullopt;
  switch (style) {
  case quoting::none: {
    // A plain scalar that stays one: no indicator first, no `: ` or ` #`, no flow indicator (it
    // may sit in a flow collection), no space at either end.
    static constexpr std::string_view first_not = "-?:,[]{}#&*!|>'\"%@`";
    if (text.empty() || first_not.find(text.front()) != std::string_view::npos ||
        text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos ||
        text.find_first_of(",[]{}\t") != std::string_view::npos || text.back() == ' ' ||
        text.back() == ':' || text.front() == ' ')
      return std::nullopt;
    return std::string(text);
  }
  case quoting::single: {
    std::string out;
    for (char c : text)
      out += c == '\'' ? std::string("''") : std::string(1, c);
    return out;
  }
  case quoting::double_quote: {
    std::string out;
    for (char c : text) {
      if (c == '"' || c == '\\')
        out += '\\';
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
      else
        out += c;
    }
    return out;
  }
  case quoting::backtick:
    return std::nullopt;
  }
  return std::nullopt;
}

} // namespace poolcheck::formats
