// Reading inputs and rule files; the only place besides the fix writer that touches the disk.
#include "cli/inputs.hpp"

#include "checks/registry.hpp"
#include "core/redact.hpp"
#include "engine/rule_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace poolcheck::cli {

namespace fs = std::filesystem;

void error_line(std::string const& message) {
  std::cerr << "poolcheck: " << redactor::message(message) << '\n';
}

namespace {

struct opened_file {
  int fd = -1;
  std::size_t size = 0;
};

problem read_problem(std::string const& path, char const* what, int err) {
  return problem{path + ": " + what + " (" + std::strerror(err) + ")", {}};
}

/// Opens `path` if it is a regular file (a FIFO or device would block or never end).
result<opened_file> open_regular(std::string const& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return read_problem(path, "cannot be read", errno);

  struct stat st {};

  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return read_problem(path, "cannot be read", err);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return problem{
        path + (S_ISDIR(st.st_mode) ? ": is a folder, not a file" : ": not a regular file"), {}};
  }
  return opened_file{fd, static_cast<std::size_t>(st.st_size)};
}

/// Reads an open file to its end. One open, one fstat, reads into a buffer of the file's size: a
/// tree of small files is dominated by these system calls.
result<std::string> read_to_end(std::string const& path, opened_file file) {
  // The size fstat gave is read and no more: asking again to see the end costs a system call per
  // file. A file that reports no size (a pipe, some in /proc) is read to its end.
  std::string bytes;
  bytes.resize(file.size > 0 ? file.size : 4096);
  std::size_t done = 0;
  while (file.size == 0 || done < file.size) {
    if (done == bytes.size())
      bytes.resize(bytes.size() * 2); // only when fstat gave no size
    ssize_t n = ::read(file.fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return read_problem(path, "read error", errno);
    if (n == 0)
      break;
    done += static_cast<std::size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

/// Standard input, which may be closed or a folder: each is said, not read as empty.
result<std::string> read_stdin() {
  struct stat st {};

  if (::fstat(STDIN_FILENO, &st) != 0)
    return read_problem("<stdin>", "cannot be read", errno);
  if (S_ISDIR(st.st_mode))
    return problem{"<stdin>: is a folder, not a file", {}};
  return read_to_end(
      "<stdin>", {STDIN_FILENO, S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0});
}

} // namespace

result<std::string> read_input(std::string const& path) {
  if (path == "-")
    return read_stdin();
  POOLCHECK_TRY(file, open_regular(path));
  auto bytes = read_to_end(path, *file);
  ::close(file->fd);
  return bytes;
}

result<engine::rule_set> load_all_rules(std::vector<std::string> const& dirs) {
  auto builtin = engine::builtin_rules(checks::code_rules());
  if (!builtin)
    return builtin.error();
  engine::rule_set set = std::move(*builtin);
  if (dirs.empty())
    return set; // finished already
  for (auto const& dir : dirs) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".toml")
        files.push_back(it->path());
    if (ec)
      return problem{dir + ": " + ec.message(), {}};
    std::sort(files.begin(), files.end());
    for (auto const& f : files) {
      auto text = read_input(f.string());
      if (!text)
        return text.error();
      if (auto loaded = engine::load_rules(f.string(), *text, set, engine::rule_origin::user);
          !loaded)
        return loaded.error();
    }
  }
  if (auto done = engine::finish(set, checks::code_rules()); !done)
    return done.error();
  return set;
}

bool use_color(std::string const& mode, int fd) {
  if (mode == "always")
    return true;
  if (mode == "never")
    return false;
  char const* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color)
    return false;
  return isatty(fd) != 0;
}

} // namespace poolcheck::cli
