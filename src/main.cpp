// Entry point: hands argv to the CLI and maps its outcome to an exit code.
#include "cli/run.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <malloc.h>

namespace {

/// Whether everything written to stdout reached it. With `--fix -` stdout is the fixed file
/// (`poolcheck check --fix - < .env > new && mv new .env`): a full disk or a size limit must not
/// pass for success.
bool stdout_written() {
  std::cout.flush();
  return std::cout && std::fflush(stdout) == 0 && !std::ferror(stdout);
}

} // namespace

int main(int argc, char** argv) {
  // The heap grows in steps of 32 MB of address space (pages cost only once touched) and is not
  // handed back until exit: a tree of files otherwise makes thousands of small grow and trim
  // system calls.
  mallopt(M_TOP_PAD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  // Under a file size limit (ulimit -f) a write then fails with EFBIG, which is said, instead of
  // the process being killed halfway through a file.
  std::signal(SIGXFSZ, SIG_IGN);
  int status = 2;
  try {
    status = poolcheck::cli::run(argc, argv);
  } catch (std::exception const&) {
    std::fputs("poolcheck: internal error\n", stderr);
  }
  errno = 0;
  if (!stdout_written()) {
    std::fprintf(stderr, "poolcheck: the output could not be written%s%s\n", errno ? ": " : "",
                 errno ? std::strerror(errno) : "");
    return 2;
  }
  return status;
}
