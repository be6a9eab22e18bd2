// File discovery: git's list inside a work tree, else a walk of the folder.
#include "cli/discover.hpp"

#include "cli/process.hpp"
#include "fix/artifact_names.hpp"
#include "pg/conninfo.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace poolcheck::cli {
namespace {

namespace fs = std::filesystem;

/// `git ls-files` for `dir`: tracked and untracked-but-not-ignored files; nullopt outside git.
std::optional<std::vector<std::string>> git_files(std::string const& dir) {
  auto r = run_git(
      {"-C", dir, "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", "."});
  if (!r || r->status != 0)
    return std::nullopt;
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < r->out.size()) {
    std::size_t end = r->out.find('\0', start);
    if (end == std::string::npos)
      end = r->out.size();
    out.push_back(r->out.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

/// The .env files under `folder`, recursively. Symlinked folders are not entered, so a symlink loop
/// cannot trap the walk; a symlink counts as the file it points to. What cannot be read (a folder
/// without permission, a .env name that is a FIFO or a broken link) is said: a check must not pass
/// over a file it did not read.
void walk(std::string const& folder, std::vector<found_file>& found,
          std::vector<std::string>& errors) {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    fs::directory_entry const& child = *it;
    std::string const name = child.path().filename().string();
    std::error_code type_ec;
    if (child.is_directory(type_ec) && !child.is_symlink(type_ec)) {
      if (name != ".git" && name != "node_modules")
        walk(child.path().string(), found, errors);
      continue;
    }
    if (!is_env_file_name(name))
      continue;
    auto const target = fs::status(child.path(), type_ec);
    if (fs::is_regular_file(target))
      found.push_back({child.path().string(), false, {}});
    else if (!fs::is_directory(target))
      errors.push_back(child.path().string() + ": " +
                       (type_ec ? type_ec.message() : "not a regular file") + "; not checked");
  }
  if (ec)
    errors.push_back(folder + ": cannot be read (" + ec.message() + "); not checked");
}

} // namespace

bool is_env_file_name(std::string_view name) {
  if (fixes::is_artifact(name))
    return false; // a backup or temporary copy --fix wrote
  return name == ".env" || name.starts_with(".env.") || (name.size() > 4 && name.ends_with(".env"));
}

discovery discover(std::vector<std::string> const& paths) {
  discovery out;
  for (auto const& path : paths) {
    if (path == "-") {
      out.files.push_back({path, true, {}});
      continue;
    }
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (!fs::exists(status)) {
      // A permission error or a symlink loop is said as what it is.
      bool const missing = !ec || ec == std::errc::no_such_file_or_directory;
      if (missing && pg::is_connection_string(path)) {
        // Not echoed: it may hold a password.
        out.errors.push_back("an argument is a connection string, not a file (not shown); `check` "
                             "reads .env files, `poolcheck rewrite URL` reads one URL");
        continue;
      }
      out.errors.push_back(path + ": " + (missing ? "no such file or folder" : ec.message()));
      continue;
    }
    if (!fs::is_directory(status)) {
      out.files.push_back({path, true, {}});
      continue;
    }
    std::vector<found_file> found;
    if (auto listed = git_files(path)) {
      // git's list leaves out ignored files, and a gitignored poolcheck.toml or package.json
      // still counts: what the folders hold is asked of the file system, not of the list.
      for (auto const& rel : *listed) {
        fs::path p = fs::path(path) / rel;
        std::error_code type_ec;
        if (is_env_file_name(p.filename().string()) && fs::is_regular_file(p, type_ec))
          found.push_back({p.lexically_normal().string(), false, {}});
      }
    } else {
      walk(path, found, out.errors);
    }
    std::sort(found.begin(), found.end(),
              [](found_file const& a, found_file const& b) { return a.path < b.path; });
    for (auto& f : found)
      out.files.push_back(std::move(f));
  }
  return out;
}

} // namespace poolcheck::cli
