// The variables a Dockerfile sets, as entries: `ENV KEY=value ...` (several pairs to an
// instruction), the legacy `ENV KEY value` (the rest of the line is the value), and the defaults
// of `ARG NAME=default`. Instructions are read as BuildKit reads them: their names in any case,
// lines continued by a trailing escape character (`\`, or `` ` `` when a parser directive says),
// `#` lines comments, also inside a continued instruction, where the builder drops them. Each
// build stage (`FROM`) sets its own variables; its ARG defaults are a scope apart from its ENV
// values, as `--build-arg` overrides them. Heredocs are not told apart from instructions.
#pragma once

#include "core/document.hpp"

#include <string_view>

namespace poolcheck::formats {

/// Reads `text` as a Dockerfile. Total: an instruction the builder would refuse is skipped (and
/// its lines hidden from output: a value left unread may be a secret). `text` must outlive the
/// document.
document read_dockerfile(std::string_view text);

} // namespace poolcheck::formats
