// TOML 1.0 strings (toml.io, "String"): basic strings escape `\b \t \n \f \r \" \\ \uXXXX
// \UXXXXXXXX`; literal strings hold their bytes as they are.
#include "formats/toml_string.hpp"

#include <fmt/format.h>

namespace poolcheck::formats {

scalar_map map_toml_string(std::string_view raw, std::size_t base, bool basic,
                           std::string_view value) {
  if (raw == value)
    return {{}, base, raw.size()};
  scalar_map const near = scalar_map::near(base, raw.size(), value.size());
  if (!basic)
    return near;
  // The YAML double-quoted decoder reads every escape TOML has, and more: a TOML parser has
  // already refused those, so what it decodes to `value` is what TOML meant.
  yaml_node as_yaml;
  as_yaml.style = yaml_style::double_quoted;
  as_yaml.raw = {0, raw.size()};
  as_yaml.value = std::string(value);
  scalar_map map = map_scalar(raw, as_yaml);
  if (!map.exact)
    return near;
  for (auto& o : map.offsets)
    o += base;
  map.begin = base;
  return map;
}

std::optional<std::string> toml_written(std::string_view text, quoting style) {
  switch (style) {
  case quoting::single:
    for (char c : text)
      if (c == '\'' || (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
        return std::nullopt;
    return std::string(text);
  case quoting::double_quote: {
    std::string out;
    for (char c : text) {
      if (c == '"' || c == '\\')
        out += '\\';
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
        out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
      else
        out += c;
    }
    return out;
  }
  default:
    return std::nullopt;
  }
}

} // namespace poolcheck::formats
