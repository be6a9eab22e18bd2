// Which files `check` reads: files as given (always), `-` for stdin, and in folders every `.env`,
// `.env.*` and `*.env` file, recursively. Inside a git work tree folders are listed by git, so
// .gitignore is honoured; elsewhere by a walk that skips `.git` and `node_modules`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::cli {

struct found_file {
  std::string path;                // "-" stands for stdin
  bool explicit_ = false;          // named on the command line (include/exclude do not apply)
  std::optional<std::string> text; // the bytes when already read (git's index)
};

struct discovery {
  std::vector<found_file> files;   // in a stable order
  std::vector<std::string> errors; // one line each: what could not be read or walked
};

discovery discover(std::vector<std::string> const& paths);

/// Whether a file name looks like a .env file.
bool is_env_file_name(std::string_view name);

} // namespace poolcheck::cli
