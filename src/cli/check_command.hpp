// `poolcheck check`: find problems in .env files; with --fix / --diff, resolve them.
#pragma once

#include "cli/config_resolver.hpp"
#include "cli/discover.hpp"

#include <string>
#include <vector>

namespace poolcheck::cli {

struct check_flags {
  std::vector<std::string> paths;
  std::string format = "human";
  setting_flags settings; // --config, --no-config, --select, --ignore, --client, --target, --rules
  std::string stdin_filename; // --stdin-filename: names `-` for config matching and messages
  bool show_secrets = false;
  std::string color = "auto";
  bool fix = false;
  bool diff = false;
  bool unsafe_fixes = false;
  bool backup = false;
  bool statistics = false;
  bool quiet = false;
  bool exit_zero = false;
  bool allow_empty = false; // --allow-empty: finding no file is not an error
  /// --env: also check the process environment; empty when not given, `*` for every database
  /// variable, else the names to check, comma-separated.
  std::string env;
  std::string fail_on = "warning";
};

/// Exit status: 0 nothing at the --fail-on level or above (after fixing, with --fix), 1 findings
/// (or, with --diff, changes to show; never with --exit-zero), 2 usage or I/O error.
int run_check(check_flags const& flags);

/// The same over files whose bytes are given (the pre-commit hook passes git's staged versions).
int run_check_files(check_flags const& flags, discovery found);

} // namespace poolcheck::cli
