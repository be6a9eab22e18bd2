// Reading inputs and rule files; the only place besides the fix writer that touches the disk.
#include "cli/inputs.hpp"

#include "core/redact.hpp"
#include "engine/rule_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace poolcheck::cli {

namespace fs = std::filesystem;

void error_line(std::string const& message) {
  std::cerr << "poolcheck: " << redactor()(message) << '\n';
}

result<std::string> read_input(std::string const& path) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec)
    return problem{path + ": cannot be read (" + ec.message() + ")", {}};
  if (fs::is_directory(status))
    return problem{path + ": is a folder, not a file", {}};
  if (!fs::is_regular_file(status)) // a FIFO or device would block or never end
    return problem{path + ": not a regular file", {}};
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return problem{path + ": cannot be read (" + std::strerror(errno) + ")", {}};
  buffer << in.rdbuf();
  if (in.bad())
    return problem{path + ": read error", {}};
  return buffer.str();
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
