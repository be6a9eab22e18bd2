// What every command reads: input files (or stdin) and rule files.
#pragma once

#include "core/result.hpp"
#include "engine/rule.hpp"

#include <string>
#include <vector>

namespace poolcheck::cli {

/// The bytes of `path`, or of stdin for "-". Folders and unreadable files are problems.
result<std::string> read_input(std::string const& path);

/// The built-in rules plus `dirs/*.toml` (in name order), checked for consistency, with the code
/// rules of checks/ attached.
result<engine::rule_set> load_all_rules(std::vector<std::string> const& dirs);

/// Colour for `--color auto|always|never` (auto: a terminal, and NO_COLOR unset or empty).
bool use_color(std::string const& mode, int fd);

/// Prints `poolcheck: message` on stderr, passwords masked.
void error_line(std::string const& message);

} // namespace poolcheck::cli
