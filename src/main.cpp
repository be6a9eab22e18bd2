// Entry point: hands argv to the CLI and maps its outcome to an exit code.
#include "cli/run.hpp"

#include <cstdio>
#include <exception>
#include <malloc.h>

int main(int argc, char** argv) {
  // The heap grows in steps of 32 MB of address space (pages cost only once touched) and is not
  // handed back until exit: a tree of files otherwise makes thousands of small grow and trim
  // system calls.
  mallopt(M_TOP_PAD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  try {
    return poolcheck::cli::run(argc, argv);
  } catch (std::exception const&) {
    std::fputs("poolcheck: internal error\n", stderr);
    return 2;
  }
}
