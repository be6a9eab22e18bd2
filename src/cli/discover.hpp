// Which files `check` reads: files as given, `-` for stdin, and in folders every `.env`,
// `.env.*` and `*.env` file, recursively, skipping `.git` and `node_modules`.
#pragma once

#include <string>
#include <vector>

namespace poolcheck::cli {

struct discovery {
  std::vector<std::string> files;  // in a stable order; "-" stands for stdin
  std::vector<std::string> errors; // one line each: what could not be walked
};

discovery discover(std::vector<std::string> const& paths);

/// Whether a file name looks like a .env file.
bool is_env_file_name(std::string const& name);

} // namespace poolcheck::cli
