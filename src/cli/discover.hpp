// Which files `check` reads: files as given (always), `-` for stdin, and in folders every file
// formats::kind_of knows (`.env` files and deployment files), recursively, gitignored ones
// included (they hold the values deployed), never in dependency or build folders (node_modules,
// .next, dist...), and the files a Compose file among them names in `env_file:`. Inside a git
// work tree, git lists the folders.
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
  bool gitignored = false;         // found among what git ignores
};

struct discovery {
  std::vector<found_file> files;   // in a stable order
  std::vector<std::string> errors; // one line each: what could not be read or walked
};

discovery discover(std::vector<std::string> const& paths);

} // namespace poolcheck::cli
