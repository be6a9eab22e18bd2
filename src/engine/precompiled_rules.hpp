// The built-in rules as C++ data, generated at build time from rules/*.toml by poolcheck_rulegen
// (src/tools/rulegen.cpp): parsing the TOML took most of a small check's run time. Programs built
// without the generated file (the generator itself, the fuzz targets) get nullptr, and
// builtin_rules() parses the embedded TOML instead. A test holds both readings equal.
#pragma once

#include "engine/rule.hpp"

namespace poolcheck::engine {

/// The generated rule set, or nullptr when this program was built without it.
rule_set const* precompiled_rule_set();

} // namespace poolcheck::engine
