// Reading inputs and rule files; the only place besides the fix writer that touches the disk.
#include "cli/inputs.hpp"

#include "core/redact.hpp"
#include "engine/rule_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace poolcheck::cli {

namespace fs = std::filesystem;

void error_line(std::string const& message) {
  std::cerr << "poolcheck: " << redactor()(message) << '\n';
}

result<std::string> read_input(std::string const& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  // One open, one fstat, reads into a buffer of the file's size: a tree of small files is
  // dominated by these system calls.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return problem{path + ": cannot be read (" + std::strerror(errno) + ")", {}};

  struct stat st {};

  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return problem{path + ": cannot be read (" + std::strerror(err) + ")", {}};
  }
  if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
    ::close(fd);
    // A FIFO or device would block or never end.
    return problem{
        path + (S_ISDIR(st.st_mode) ? ": is a folder, not a file" : ": not a regular file"), {}};
  }
  // One spare byte lets the read that returns 0 (end of file) land without growing the buffer;
  // growing zero-fills it, which costs more than reading a small file.
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(st.st_size) + 1);
  std::size_t done = 0;
  while (true) {
    if (done == bytes.size())
      bytes.resize(bytes.size() * 2); // the file grew since fstat
    ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return problem{path + ": read error (" + std::strerror(err) + ")", {}};
    }
    if (n == 0)
      break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  bytes.resize(done);
  return bytes;
}

result<engine::rule_set> load_all_rules(std::vector<std::string> const& dirs) {
  auto builtin = engine::builtin_rules();
  if (!builtin)
    return builtin.error();
  engine::rule_set set = *builtin;
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
      if (auto loaded = engine::load_rules(f.string(), *text, set); !loaded)
        return loaded.error();
    }
  }
  if (auto done = engine::finish(set); !done)
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
