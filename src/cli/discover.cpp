// File discovery with std::filesystem's error_code overloads (no exceptions): symlinked
// folders are not followed, so a symlink loop cannot trap the walk.
#include "cli/discover.hpp"

#include "cli/process.hpp"

#include <algorithm>
#include <filesystem>
#include <unordered_set>

namespace poolcheck::cli {
namespace {

namespace fs = std::filesystem;

/// `git ls-files` for `dir`: tracked and untracked-but-not-ignored files; nullopt outside git.
std::optional<std::vector<std::string>> git_files(std::string const& dir) {
  auto r = run_process({"git", "-C", dir, "ls-files", "--cached", "--others", "--exclude-standard",
                        "-z", "--", "."});
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

void walk(std::string const& path, fs::path const& cwd, std::vector<std::string>& found,
          discovery& out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.errors.push_back(path + ": " + ec.message());
    return;
  }
  out.folders.listed(normal_folder(cwd, path));
  for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) {
      out.errors.push_back(path + ": " + ec.message());
      return;
    }
    std::string name = it->path().filename().string();
    if (folder_listing::tracks(name))
      out.folders.saw(normal_folder(cwd, it->path().parent_path()), name);
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      if (name == ".git" || name == "node_modules")
        it.disable_recursion_pending();
      else if (!it->is_symlink(type_ec))
        out.folders.listed(normal_folder(cwd, it->path()));
      continue;
    }
    if (is_env_file_name(name) && it->is_regular_file(type_ec))
      found.push_back(it->path().string());
  }
}

/// What git's list says about the folders of the found files and their ancestors below `path`
/// (not `path` itself: a `.git` there is not in the list). A file git ignores is missed, which for
/// package.json or poolcheck.toml beside tracked .env files does not happen in practice.
void note_git_folders(std::string const& path, fs::path const& cwd,
                      std::vector<std::string> const& listed, std::vector<fs::path> const& found,
                      folder_listing& folders) {
  std::unordered_set<std::string> wanted; // relative to `path`
  for (auto const& f : found)
    for (fs::path d = f.parent_path(); !d.empty(); d = d.parent_path())
      if (!wanted.insert(d.generic_string()).second)
        break;
  if (wanted.empty())
    return;
  fs::path const base = normal_folder(cwd, path);
  for (auto const& d : wanted)
    folders.listed(normal_folder(cwd, base / d));
  for (auto const& rel : listed) {
    fs::path const r(rel);
    std::string const name = r.filename().string();
    if (!folder_listing::tracks(name))
      continue;
    fs::path const folder = r.parent_path();
    if (wanted.contains(folder.generic_string()))
      folders.saw(normal_folder(cwd, base / folder), name);
    // prisma/schema.prisma: the `prisma` folder is known through the file in it.
    if (name == "schema.prisma" && folder.filename() == "prisma" &&
        wanted.contains(folder.parent_path().generic_string())) {
      folders.saw(normal_folder(cwd, base / folder.parent_path()), "prisma");
      folders.saw(normal_folder(cwd, base / folder), name);
    }
  }
}

} // namespace

bool is_env_file_name(std::string const& name) {
  if (name == ".env" || name.rfind(".env.", 0) == 0)
    return true;
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".env") == 0;
}

discovery discover(std::vector<std::string> const& paths) {
  discovery out;
  std::error_code cwd_ec;
  fs::path const cwd = fs::current_path(cwd_ec);
  for (auto const& path : paths) {
    if (path == "-") {
      out.files.push_back({path, true, {}});
      continue;
    }
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.errors.push_back(path + ": no such file or folder");
      continue;
    }
    if (!fs::is_directory(status)) {
      out.files.push_back({path, true, {}});
      continue;
    }
    std::vector<std::string> found;
    if (auto listed = git_files(path)) {
      std::vector<fs::path> found_rel;
      for (auto const& rel : *listed) {
        fs::path p = fs::path(path) / rel;
        std::error_code type_ec;
        if (is_env_file_name(p.filename().string()) && fs::is_regular_file(p, type_ec)) {
          found.push_back(p.lexically_normal().string());
          found_rel.emplace_back(rel);
        }
      }
      note_git_folders(path, cwd, *listed, found_rel, out.folders);
    } else {
      walk(path, cwd, found, out);
    }
    std::sort(found.begin(), found.end());
    for (auto& f : found)
      out.files.push_back({std::move(f), false, {}});
  }
  return out;
}

} // namespace poolcheck::cli
