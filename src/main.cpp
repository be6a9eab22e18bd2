// Entry point: hands argv to the CLI and maps its outcome to an exit code.
#include "cli/run.hpp"

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
  try {
    return poolcheck::cli::run(argc, argv);
  } catch (std::exception const&) {
    std::fputs("poolcheck: internal error\n", stderr);
    return 2;
  }
}
