// Reads rules/*.toml into a rule_set (through core/toml_reader, whose problems name file:line:col).
// Unknown keys and bad values are errors.
#pragma once

#include "core/result.hpp"
#include "engine/rule.hpp"

#include <span>
#include <string_view>

namespace poolcheck::engine {

/// Adds the rules, endpoints, parameters and lists of one TOML document to `into`. A rule whose
/// code is already present replaces it (user rule folders override the built-in rules).
/// Where a rule file comes from: what is compiled into poolcheck, or a folder a user (or a
/// repository's poolcheck.toml) names. Fixes that data from outside may steer are unsafe.
enum class rule_origin { builtin, user };

result<void> load_rules(std::string_view path, std::string_view text, rule_set& into,
                        rule_origin origin);

/// The built-in rules (the embedded rules/*.toml), finished (see finish) with `code_rules`.
result<rule_set> builtin_rules(std::span<code_rule const> code_rules);

/// Whether the parameters' recommended values let fixes settle: a fix writes `recommended`, so it
/// must not be below the parameter's `minimum` nor equal a value a rule reports (`equals`, e.g.
/// pool_timeout=0), or --fix would go round. The problem names the parameter and the rule.
result<void> check_parameter_values(rule_set const& set);

/// Sorts rules by code, checks cross-references (named lists, parameters) and gives each
/// `kind = "code"` rule its hook from `code_rules` (an error when it has none).
result<void> finish(rule_set& set, std::span<code_rule const> code_rules);

} // namespace poolcheck::engine
