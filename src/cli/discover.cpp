// File discovery with std::filesystem's error_code overloads (no exceptions): symlinked
// folders are not followed, so a symlink loop cannot trap the walk.
#include "cli/discover.hpp"

#include <algorithm>
#include <filesystem>

namespace poolcheck::cli {

namespace fs = std::filesystem;

bool is_env_file_name(std::string const& name) {
  if (name == ".env" || name.rfind(".env.", 0) == 0)
    return true;
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".env") == 0;
}

discovery discover(std::vector<std::string> const& paths) {
  discovery out;
  for (auto const& path : paths) {
    if (path == "-") {
      out.files.push_back(path);
      continue;
    }
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.errors.push_back(path + ": no such file or folder");
      continue;
    }
    if (!fs::is_directory(status)) {
      out.files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      out.errors.push_back(path + ": " + ec.message());
      continue;
    }
    for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
      if (ec) {
        out.errors.push_back(path + ": " + ec.message());
        break;
      }
      std::string name = it->path().filename().string();
      std::error_code type_ec;
      if (it->is_directory(type_ec)) {
        if (name == ".git" || name == "node_modules")
          it.disable_recursion_pending();
        continue;
      }
      if (is_env_file_name(name) && it->is_regular_file(type_ec))
        found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    out.files.insert(out.files.end(), found.begin(), found.end());
  }
  return out;
}

} // namespace poolcheck::cli
