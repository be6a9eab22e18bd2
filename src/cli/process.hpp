// Running a helper program (git) without a shell: argv in, exit status and stdout out.
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

} // namespace poolcheck::cli
