// JSON strings in place: where each decoded byte of a string comes from, and how a changed value
// is written back as a string's content.
#pragma once

#include "formats/yaml_scalar.hpp"

#include <string>
#include <string_view>

namespace poolcheck::formats {

/// The map of a string whose content (inside its quotes) is `raw` at file offset `base` and whose
/// decoded value is `value` (what the parser read): exact when its escapes decode to `value`;
/// near, and not exact, otherwise.
scalar_map map_json_string(std::string_view raw, std::size_t base, std::string_view value);

/// `text` as the content of a JSON string: `"` and `\` escaped, control bytes as `\u00XX`. Every
/// text can be written so.
std::string json_written(std::string_view text);

} // namespace poolcheck::formats
