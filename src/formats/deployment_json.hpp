// The variables JSON deployment files set, as entries: wrangler.json and wrangler.jsonc `vars`
// and `env.<name>.vars`, vercel.json `env` and `build.env` (a `"@name"` value there names a legacy
// Vercel Secret: no connection string, and left to the engine as such). Only string values are
// entries. Comments (`//`, `/* */`) and trailing commas are read, as wrangler reads them. Inline
// suppressions are not: a JSON file's findings are silenced in poolcheck.toml only (`ignore`,
// `exclude`).
#pragma once

#include "core/document.hpp"
#include "core/result.hpp"
#include "formats/file_kind.hpp"

#include <string_view>

namespace poolcheck::formats {

/// Reads `text` as a JSON file of `kind`. `text` must outlive the document.
result<document> read_deployment_json(file_kind kind, std::string_view text);

} // namespace poolcheck::formats
