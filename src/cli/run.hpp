// The command line: parses argv, runs a command, returns the exit code
// (0 clean, 1 findings at warning or above, 2 usage or I/O error).
#pragma once

namespace poolcheck::cli {

int run(int argc, char** argv);

} // namespace poolcheck::cli
