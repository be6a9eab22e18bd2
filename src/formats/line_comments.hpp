// Whole-line `#` comments of YAML and TOML files, where inline suppressions live
// (`# poolcheck: ignore[NEON001]` covers the entry on the next line).
#pragma once

#include "core/document.hpp"

#include <string_view>
#include <vector>

namespace poolcheck::formats {

/// Each line whose first non-blank byte is `#`, with the line of the entry that starts on the
/// line right after it (`entries` in file order).
std::vector<comment> line_comments(std::string_view text, std::vector<entry> const& entries);

} // namespace poolcheck::formats
