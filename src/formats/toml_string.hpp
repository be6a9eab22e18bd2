// TOML strings in place: where each decoded byte of a basic or literal string comes from, and how
// a changed value is written back in the string's own kind.
#pragma once

#include "core/entry.hpp"
#include "formats/yaml_scalar.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace poolcheck::formats {

/// The map of a one-line string whose content (inside its quotes) is `raw` at file offset `base`
/// and whose decoded value is `value`: exact for literal strings and for basic strings whose
/// escapes decode to `value`; near, and not exact, otherwise.
scalar_map map_toml_string(std::string_view raw, std::size_t base, bool basic,
                           std::string_view value);

/// `text` as the content of a basic (`double_quote`) or literal (`single`) one-line string, or
/// nullopt when the kind cannot hold it (a literal string has no escapes: no `'`, no control
/// bytes).
std::optional<std::string> toml_written(std::string_view text, quoting style);

} // namespace poolcheck::formats
