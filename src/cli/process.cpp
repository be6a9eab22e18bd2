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

} // namespace poolcheck::cli
