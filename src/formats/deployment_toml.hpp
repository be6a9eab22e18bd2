// The variables TOML deployment files set, as entries: fly.toml `[env]`, netlify.toml
// `[build.environment]` and `[context.*.environment]`, wrangler.toml `[vars]` and
// `[env.*.vars]`. toml++ reads the values; their bytes are found from its line:column regions
// (columns count code points) through one line index.
#pragma once

#include "core/document.hpp"
#include "core/result.hpp"
#include "formats/file_kind.hpp"

#include <string_view>

namespace poolcheck::formats {

/// Reads `text` as a TOML file of `kind`. `text` must outlive the document.
result<document> read_deployment_toml(file_kind kind, std::string_view text);

} // namespace poolcheck::formats
