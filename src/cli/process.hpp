// Running a helper program (git) without a shell: argv in, exit status and stdout out. Every git
// call goes through run_git, which keeps a repository's own config from running commands.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace poolcheck::cli {

struct process_result {
  int status = -1; // exit status; -1 when the program did not exit normally
  std::string out; // everything it wrote to stdout (stderr is discarded)
};

/// Runs argv[0] (found on PATH) with the given arguments; nullopt when it could not be started.
std::optional<process_result> run_process(std::vector<std::string> const& argv);

/// Runs `git` with `args` (global options such as `-C DIR` first, then the subcommand), hardened
/// for a repository we do not trust: a folder handed over as an archive or a copy brings its own
/// .git/config, and git runs commands that config names. nullopt when git could not be started.
std::optional<process_result> run_git(std::vector<std::string> const& args);

} // namespace poolcheck::cli
