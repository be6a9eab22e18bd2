// Reads rules/*.toml into a rule_set. The only file that includes toml++; its exceptions are
// caught here and become problems that name file:line:col. Unknown keys and bad values are errors.
#pragma once

#include "core/result.hpp"
#include "engine/rule.hpp"

#include <string_view>

namespace poolcheck::engine {

/// Adds the rules, endpoints, parameters and lists of one TOML document to `into`. A rule whose
/// code is already present replaces it (user rule folders override the built-in rules).
result<void> load_rules(std::string_view path, std::string_view text, rule_set& into);

/// The built-in rules, finished (see finish): precompiled at build time when the program has them
/// (see precompiled_rules.hpp), else parsed from the embedded rules/*.toml. Built for each call.
result<rule_set> builtin_rules();

/// The embedded rules/*.toml, parsed now (what the precompiled rules are generated from).
result<rule_set> parse_embedded_rules();

/// Sorts rules by code and checks cross-references (named lists, parameters, code rules).
result<void> finish(rule_set& set);

} // namespace poolcheck::engine
