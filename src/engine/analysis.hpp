// Checks one .env text: parse, find connection strings, build their context, run every rule.
// Pure: takes bytes and options, returns findings. Only the CLI reads and writes files.
#pragma once

#include "core/diagnostic.hpp"
#include "engine/context.hpp"
#include "engine/rule.hpp"

#include <map>
#include <optional>
#include <string_view>
#include <vector>

namespace poolcheck::engine {

struct check_options {
  client_choice client; // unknown: decide per variable from its name
  engine::target target = target::serverless;
  std::vector<std::string> select; // codes or prefixes; empty = all
  std::vector<std::string> ignore;
  std::map<std::string, severity, std::less<>> severities; // per-code overrides (config)

  /// Per-variable role and client (config `[variables.NAME]`), over what names and projects say.
  struct variable_override {
    std::optional<engine::role> role;
    std::optional<engine::client> client;
  };

  std::map<std::string, variable_override, std::less<>> variables;

  /// Threads a file's connection strings may be shared among (when there are thousands).
  std::size_t threads = 1;
};

struct file_report {
  std::vector<diagnostic> diagnostics; // sorted by position, then code
  std::vector<byte_span> secrets;      // password bytes in the file: every reporter masks them
  std::vector<byte_span> hidden_lines; // env::document::hidden_lines: shown masked
};

file_report analyze(std::string_view text, rule_set const& rules, check_options const& options);

/// Checks one connection string as if it were the value of variable `name`, outside any file:
/// spans and edits are relative to `value` (what `poolcheck rewrite` works on).
file_report analyze_value(std::string_view name, std::string_view value, rule_set const& rules,
                          check_options const& options);

/// The role a variable's name implies (`DIRECT_URL`, `*_UNPOOLED`, ... are direct).
role role_of(std::string_view name, rule_set const& rules);

} // namespace poolcheck::engine
