// File discovery: git's lists inside a work tree (what it tracks, and what it ignores), else a
// walk of the folder.
#include "cli/discover.hpp"

#include "cli/process.hpp"
#include "formats/deployment_yaml.hpp"
#include "formats/file_kind.hpp"
#include "pg/conninfo.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <system_error>

namespace poolcheck::cli {
namespace {

namespace fs = std::filesystem;

/// Splits git's NUL-separated output.
std::vector<std::string> nul_separated(std::string const& text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\0', start);
    if (end == std::string::npos)
      end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

/// `git ls-files` for `dir`: tracked and untracked-but-not-ignored files; nullopt outside git.
std::optional<std::vector<std::string>> git_files(std::string const& dir) {
  auto r = run_git(
      {"-C", dir, "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", "."});
  if (!r || r->status != 0)
    return std::nullopt;
  return nul_separated(r->out);
}

/// What git ignores under `dir`: files, and whole folders (with a trailing `/`) not entered.
std::vector<std::string> git_ignored(std::string const& dir) {
  auto r = run_git({"-C", dir, "ls-files", "--others", "--ignored", "--exclude-standard",
                    "--directory", "--no-empty-directory", "-z", "--", "."});
  if (!r || r->status != 0)
    return {};
  return nul_separated(r->out);
}

/// Folders of dependencies and build output: they hold copies, not a project's configuration.
bool skipped_folder(std::string_view name) {
  static constexpr std::string_view
      names[] = {".git",        "node_modules", ".next",    ".nuxt",
                 ".svelte-kit", ".turbo",       ".venv",    "venv",
                 "__pycache__", "target",       "vendor",   "dist",
                 "build",       ".output",      "coverage", "bower_components",
                 ".terraform",  ".env" /* a Python virtual environment (`python -m venv .env`) */};
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

/// The .env files under `folder`, recursively. Symlinked folders are not entered, so a symlink loop
/// cannot trap the walk; a symlink counts as the file it points to. What cannot be read (a folder
/// without permission, a .env name that is a FIFO or a broken link) is said: a check must not pass
/// over a file it did not read.
void walk(std::string const& folder, bool gitignored, std::vector<found_file>& found,
          std::vector<std::string>& errors) {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    fs::directory_entry const& child = *it;
    std::string const name = child.path().filename().string();
    std::error_code type_ec;
    if (child.is_directory(type_ec) && !child.is_symlink(type_ec)) {
      if (!skipped_folder(name))
        walk(child.path().string(), gitignored, found, errors);
      continue;
    }
    if (!formats::kind_of(child.path().string()))
      continue;
    auto const target = fs::status(child.path(), type_ec);
    if (fs::is_regular_file(target))
      found.push_back({child.path().string(), false, {}, gitignored});
    else if (!fs::is_directory(target))
      errors.push_back(child.path().string() + ": " +
                       (type_ec ? type_ec.message() : "not a regular file") + "; not checked");
  }
  if (ec)
    errors.push_back(folder + ": cannot be read (" + ec.message() + "); not checked");
}

/// The files Compose files among `found` read variables from (`env_file:`), that exist and are not
/// among them yet: Compose passes their values to its services, whatever their names. One that
/// does not exist is left out without a word: a gitignored `.env` is missing in CI by design.
void add_compose_env_files(std::vector<found_file>& found) {
  std::set<std::string> known;
  for (auto const& f : found)
    known.insert(fs::path(f.path).lexically_normal().string());
  std::size_t const count = found.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (formats::kind_of(found[i].path) != formats::file_kind::compose)
      continue;
    std::ifstream in(found[i].path, std::ios::binary);
    std::string const text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (auto const& ref : formats::compose_env_files(text)) {
      fs::path const p = (fs::path(found[i].path).parent_path() / ref.path).lexically_normal();
      std::error_code ec;
      if (fs::is_regular_file(p, ec) && known.insert(p.string()).second)
        found.push_back({p.string(), true, {}, found[i].gitignored});
    }
  }
}

} // namespace

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
      // git lists what it tracks and what it would; what it ignores is listed apart, folders
      // whole: the gitignored .env files hold the values deployed, so they are checked too.
      auto add = [&](std::string const& rel, bool gitignored) {
        fs::path p = fs::path(path) / rel;
        std::error_code type_ec;
        if (formats::kind_of(p.string()) && fs::is_regular_file(p, type_ec))
          found.push_back({p.lexically_normal().string(), false, {}, gitignored});
      };
      for (auto const& rel : *listed)
        add(rel, false);
      for (auto const& rel : git_ignored(path)) {
        if (!rel.ends_with('/'))
          add(rel, true);
        else if (!skipped_folder(fs::path(rel).parent_path().filename().string()))
          walk((fs::path(path) / rel).lexically_normal().string(), true, found, out.errors);
      }
    } else {
      walk(path, false, found, out.errors);
    }
    add_compose_env_files(found);
    std::sort(found.begin(), found.end(),
              [](found_file const& a, found_file const& b) { return a.path < b.path; });
    for (auto& f : found)
      out.files.push_back(std::move(f));
  }
  return out;
}

} // namespace poolcheck::cli
