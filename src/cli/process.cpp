// fork/exec with a pipe for stdout; stdin and stderr go to /dev/null so git never prompts.
#include "cli/process.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace poolcheck::cli {

std::optional<process_result> run_process(std::vector<std::string> const& argv) {
  if (argv.empty())
    return std::nullopt;
  int pipe_fd[2];
  if (::pipe(pipe_fd) != 0)
    return std::nullopt;
  std::vector<char*> args;
  for (auto const& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_fd[0]);
    ::close(pipe_fd[1]);
    return std::nullopt;
  }
  if (pid == 0) {
    int null_fd = ::open("/dev/null", O_RDWR);
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(null_fd, STDERR_FILENO);
    ::dup2(pipe_fd[1], STDOUT_FILENO);
    ::close(pipe_fd[0]);
    ::close(pipe_fd[1]);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(pipe_fd[1]);
  process_result r;
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(pipe_fd[0], buffer, sizeof buffer);
    if (n > 0)
      r.out.append(buffer, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR)
      break;
  }
  ::close(pipe_fd[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (r.status == 127)
    return std::nullopt;
  return r;
}

std::optional<process_result> run_git(std::vector<std::string> const& args) {
  // What a repository's config could otherwise run, and why each option (see gitsecurityboundary
  // and git-config):
  // - core.fsmonitor names a command git runs whenever it reads the index (ls-files, diff
  //   --cached, check-attr); `false` also keeps the built-in daemon from starting.
  // - protocol.allow=never: we never need the network, and in a partial clone a missing object
  //   would be fetched from the repository's own remote with its own core.sshCommand.
  // - safe.bareRepository=explicit: a bare repository buried in a checked-out folder is not
  //   picked up as the repository (it can only be set on the command line, which is the point).
  // - --no-pager: core.pager and pager.* are commands (git only pages to a terminal, but cheap).
  // - --no-optional-locks: we only read, so git must not refresh and rewrite the user's index.
  // Diff drivers and textconv (diff.external, diff.<driver>.command) run only where a patch is
  // produced; the caller that diffs passes --no-ext-diff --no-textconv. core.hooksPath is left
  // alone: none of our commands runs a hook, and `rev-parse --git-path hooks/pre-commit` must
  // answer where git will look for the hook, which is what that setting says.
  std::vector<std::string> argv = {"git",
                                   "--no-pager",
                                   "--no-optional-locks",
                                   "-c",
                                   "core.fsmonitor=false",
                                   "-c",
                                   "protocol.allow=never",
                                   "-c",
                                   "safe.bareRepository=explicit"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

} // namespace poolcheck::cli
