// The process environment as a checked document. Its text is an environment block as
// /proc/<pid>/environ holds it (`NAME=value`, each ended by a NUL byte): values are read verbatim,
// with no quoting, comments or expansion, and no value can hold a NUL, so the split is exact.
#pragma once

#include "core/document.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace poolcheck::formats {

/// The block for `variables` (name, value), in their order.
std::string environment_block(std::vector<std::pair<std::string, std::string>> const& variables);

/// Reads an environment block: one entry per `NAME=value`, its line the pair without the NUL. A
/// pair without `=` is skipped (no program can read it as a variable). `block` must outlive the
/// document.
document read_environment(std::string_view block);

} // namespace poolcheck::formats
