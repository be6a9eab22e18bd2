// The plain git hook. Git runs hooks from the top of the work tree, so paths from
// `git diff --cached` are relative to where the hook runs.
#include "cli/hook_command.hpp"

#include "cli/hook_script.hpp"
#include "cli/inputs.hpp"
#include "cli/process.hpp"
#include "fix/artifact_names.hpp"
#include "formats/file_kind.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace poolcheck::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view backup_suffix = ".poolcheck-backup";

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
    s.pop_back();
  return s;
}

std::optional<fs::path> hook_path() {
  auto r = run_git({"rev-parse", "--git-path", "hooks/pre-commit"});
  if (!r || r->status != 0)
    return std::nullopt;
  return fs::path(trimmed(std::move(r->out)));
}

enum class hook_state { absent, ours, foreign };

/// What is at `path`, the link itself for a symlink: install only ever writes a regular file, so a
/// link (even one to a copy of our script, even a dangling one) is someone else's.
hook_state state_of(fs::path const& path) {
  struct stat st {};

  if (::lstat(path.c_str(), &st) != 0)
    return errno == ENOENT ? hook_state::absent : hook_state::foreign;
  if (!S_ISREG(st.st_mode))
    return hook_state::foreign;
  auto text = read_input(path.string());
  return text && is_poolcheck_hook(*text) ? hook_state::ours : hook_state::foreign;
}

/// PATH.poolcheck-backup, PATH.poolcheck-backup-2, ... as long as they name something, in the order
/// install wrote them.
std::vector<fs::path> backups_of(fs::path const& path) {
  std::string const base = path.string() + std::string(backup_suffix);
  std::vector<fs::path> out;
  std::string candidate = base;

  struct stat st {};

  for (int n = 2; ::lstat(candidate.c_str(), &st) == 0; ++n) {
    out.push_back(candidate);
    candidate = base + "-" + std::to_string(n);
  }
  return out;
}

/// The first of PATH.poolcheck-backup, PATH.poolcheck-backup-2, ... that names nothing, so an
/// earlier backup is never overwritten.
fs::path free_backup_path(fs::path const& path) {
  auto const taken = backups_of(path);
  std::string const base = path.string() + std::string(backup_suffix);
  return taken.empty() ? base : base + "-" + std::to_string(taken.size() + 1);
}

/// Writes `content` to a new executable file next to `path` (same folder, so renaming it onto
/// `path` is atomic) and returns its name, or an empty path.
fs::path write_temp_beside(fs::path const& path, std::string const& content) {
  std::string name =
      (path.parent_path() / ("." + path.filename().string() + ".poolcheck-XXXXXX")).string();
  int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0)
    return {};
  std::string_view left = content;
  bool ok = ::fchmod(fd, 0755) == 0;
  while (ok && !left.empty()) {
    ssize_t n = ::write(fd, left.data(), left.size());
    if (n < 0 && errno == EINTR)
      continue;
    ok = n > 0;
    if (ok)
      left.remove_prefix(static_cast<std::size_t>(n));
  }
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    ::unlink(name.c_str());
    return {};
  }
  return name;
}

std::string self_path() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

int install(bool force) {
  auto path = hook_path();
  if (!path) {
    error_line("not inside a git repository");
    return 2;
  }
  hook_state state = state_of(*path);
  if (state == hook_state::foreign && !force) {
    error_line(path->string() +
               " exists and is not poolcheck's; pass --force to replace it (it is kept as " +
               free_backup_path(*path).string() + ")");
    return 2;
  }
  std::error_code ec;
  fs::create_directories(path->parent_path(), ec);
  // The new hook takes the old one's place by rename, never by writing into it: a symlinked hook
  // (say, to a tracked scripts/pre-commit) is replaced as a link, and its target is left alone.
  fs::path temp = write_temp_beside(*path, hook_script(self_path()));
  if (temp.empty()) {
    error_line("cannot write " + path->string());
    return 2;
  }
  fs::path backup;
  if (state == hook_state::foreign) {
    backup = free_backup_path(*path);
    if (::rename(path->c_str(), backup.c_str()) != 0) {
      ::unlink(temp.c_str());
      error_line("cannot move " + path->string() + " to " + backup.string());
      return 2;
    }
  }
  if (::rename(temp.c_str(), path->c_str()) != 0) {
    ::unlink(temp.c_str());
    if (!backup.empty())
      (void)::rename(backup.c_str(), path->c_str());
    error_line("cannot write " + path->string());
    return 2;
  }
  std::cout << "installed " << path->string();
  if (!backup.empty())
    std::cout << "; the hook it replaced is kept as " << backup.string();
  std::cout << '\n';
  return 0;
}

int uninstall() {
  auto path = hook_path();
  if (!path) {
    error_line("not inside a git repository");
    return 2;
  }
  switch (state_of(*path)) {
  case hook_state::absent:
    std::cout << "no pre-commit hook installed\n";
    return 0;
  case hook_state::foreign:
    error_line(path->string() +
               " is not poolcheck's (not what `poolcheck hook install` writes); left alone");
    return 2;
  case hook_state::ours:
    break;
  }
  std::error_code ec;
  if (!fs::remove(*path, ec)) {
    error_line("cannot remove " + path->string());
    return 2;
  }
  std::cout << "removed " << path->string() << '\n';
  // The last backup is the hook install replaced; earlier ones, what earlier installs replaced.
  auto const backups = backups_of(*path);
  if (!backups.empty())
    std::cout << "the hook it had replaced is still at " << backups.back().string() << '\n';
  for (std::size_t i = 0; i + 1 < backups.size(); ++i)
    std::cout << "an earlier replaced hook is still at " << backups[i].string() << '\n';
  return 0;
}

/// The NUL-separated fields of `text`, in order.
std::vector<std::string_view> nul_fields(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    std::size_t end = text.find('\0');
    out.push_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return out;
}

struct staged_file {
  std::string path; // from the top of the work tree
  std::string blob; // the staged object's name
};

/// The staged regular files that are added, copied, modified or changed type (a symlink that
/// became a file: the file is what gets committed), from `git diff --cached --raw -z`. A staged
/// symlink's blob is its target's name, and a submodule has no blob: neither is env text.
std::vector<staged_file> regular_staged_files(std::string_view raw) {
  std::vector<staged_file> out;
  auto fields = nul_fields(raw);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    // ":old-mode new-mode old-blob new-blob status", then the path (two for a copy or rename).
    std::string_view meta = fields[i];
    if (meta.empty() || meta.front() != ':')
      continue;
    std::vector<std::string_view> words;
    for (std::size_t from = 1; from <= meta.size();) {
      std::size_t space = std::min(meta.find(' ', from), meta.size());
      words.push_back(meta.substr(from, space - from));
      from = space + 1;
    }
    bool two_paths = words.size() == 5 && !words[4].empty() &&
                     (words[4].front() == 'C' || words[4].front() == 'R');
    i += two_paths ? 2 : 1;
    if (words.size() != 5 || i >= fields.size())
      break;
    if (words[1] == "100644" || words[1] == "100755")
      out.push_back({std::string(fields[i]), std::string(words[3])});
  }
  return out;
}

/// For each of `paths`, whether its `filter` attribute names a driver.
std::vector<bool> has_filter(std::vector<std::string> const& paths) {
  std::vector<bool> out(paths.size(), false);
  if (paths.empty())
    return out;
  std::vector<std::string> args = {"check-attr", "-z", "filter", "--"};
  args.insert(args.end(), paths.begin(), paths.end());
  auto r = run_git(args);
  if (!r || r->status != 0)
    return out;
  // "path NUL filter NUL value NUL" per path, in the order given.
  auto fields = nul_fields(r->out);
  for (std::size_t i = 0; i + 2 < fields.size() && i / 3 < paths.size(); i += 3) {
    std::string_view value = fields[i + 2];
    out[i / 3] = value != "unspecified" && value != "unset" && value != "set";
  }
  return out;
}

int run_staged(check_flags const& flags) {
  // Paths below are from the top of the work tree, where git runs hooks; run by hand from a
  // subfolder, go there too, so files read from disk are the right ones.
  auto cdup = run_git({"rev-parse", "--show-cdup"});
  // Blob names, so the staged bytes are read as they are (cat-file applies no textconv or filter).
  // --no-renames: a renamed file comes as added, and detecting renames would read old blobs.
  auto staged = cdup && cdup->status == 0
                    ? run_git({"diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames",
                               "--no-ext-diff", "--no-textconv", "--diff-filter=ACMT"})
                    : std::nullopt;
  if (!staged || staged->status != 0) {
    error_line("cannot list staged files (is this a git repository?)");
    return 2;
  }
  std::error_code ec;
  if (std::string up = trimmed(cdup->out); !up.empty())
    fs::current_path(up, ec);
  std::vector<staged_file> candidates;
  std::vector<std::string> paths;
  bool artifact_staged = false;
  for (auto& f : regular_staged_files(staged->out)) {
    std::string const name = fs::path(f.path).filename().string();
    // A backup --fix --backup wrote, or a temporary copy a killed run left: the values before the
    // fix, passwords included, under a name an exact `.env` line in .gitignore does not hide.
    if (auto original = fixes::artifact_original(name);
        original && formats::kind_of((fs::path(f.path).parent_path() / *original).string())) {
      error_line(f.path +
                 " is a copy poolcheck --fix made of an env file, with its passwords; "
                 "unstage it (git rm --cached -- " +
                 f.path + ") and add `*.poolcheck-*` to .gitignore");
      artifact_staged = true;
      continue;
    }
    if (!formats::kind_of(f.path))
      continue;
    paths.push_back(f.path);
    candidates.push_back(std::move(f));
  }
  // A file with a filter driver (git-crypt, sops, git-lfs) is in the index in the driver's clean
  // form: ciphertext or a pointer, never env text, so checking it would block every commit of the
  // file. Its working-tree file is checked instead: the form git checks out, and the text the user
  // wrote. Skipping these would leave the hook blind where real connection strings are most likely,
  // and turning the staged blob back into text would mean running the driver's smudge command from
  // the repository's config, which run_git exists to avoid. The cost: a change made to such a file
  // after `git add` is checked too, though it is not committed.
  std::vector<bool> filtered = has_filter(paths);
  discovery found;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (filtered[i]) {
      found.files.push_back({candidates[i].path, true, std::nullopt});
      continue;
    }
    auto blob = run_git({"cat-file", "blob", candidates[i].blob});
    if (!blob || blob->status != 0) {
      found.errors.push_back(candidates[i].path + ": cannot read the staged version");
      continue;
    }
    found.files.push_back({candidates[i].path, true, std::move(blob->out)});
  }
  if (found.files.empty() && found.errors.empty())
    return artifact_staged ? 1 : 0;
  check_flags staged_flags = flags;
  staged_flags.fix = staged_flags.diff = false; // the index is not a file to write
  int const status = run_check_files(staged_flags, std::move(found));
  return artifact_staged ? std::max(status, 1) : status;
}

} // namespace

int run_hook(std::string const& action, bool force, check_flags const& flags) {
  if (action == "install")
    return install(force);
  if (action == "uninstall")
    return uninstall();
  return run_staged(flags);
}

} // namespace poolcheck::cli
