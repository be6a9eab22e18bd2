// The built-in rules as C++ data, generated at build time from rules/*.toml by poolcheck_rulegen
// (src/tools/rulegen.cpp): parsing the TOML took most of a small check's run time. Programs built
// without the generated file (the generator itself, the fuzz targets) get nothing, and
// builtin_rules() parses the embedded TOML instead. A test holds both readings equal.
#pragma once

#include "engine/rule.hpp"

#include <optional>

namespace poolcheck::engine {

/// The generated rule set, built anew for the caller to own, or nullopt when this program was
/// built without it.
std::optional<rule_set> precompiled_rules();

} // namespace poolcheck::engine
