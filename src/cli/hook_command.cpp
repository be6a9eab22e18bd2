// The plain git hook. Git runs hooks from the top of the work tree, so paths from
// `git diff --cached` are relative to where the hook runs.
#include "cli/hook_command.hpp"

#include "cli/inputs.hpp"
#include "cli/process.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace poolcheck::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view marker = "# poolcheck pre-commit hook";

std::optional<fs::path> hook_path() {
  auto r = run_git({"rev-parse", "--git-path", "hooks/pre-commit"});
  if (!r || r->status != 0)
    return std::nullopt;
  while (!r->out.empty() && (r->out.back() == '\n' || r->out.back() == '\r'))
    r->out.pop_back();
  return fs::path(r->out);
}

bool is_ours(fs::path const& p) {
  auto text = read_input(p.string());
  return text && text->find(marker) != std::string::npos;
}

std::string self_path() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

std::string shell_quote(std::string const& s) {
  std::string out = "'";
  for (char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int install(bool force) {
  auto path = hook_path();
  if (!path) {
    error_line("not inside a git repository");
    return 2;
  }
  std::error_code ec;
  if (fs::exists(*path, ec) && !is_ours(*path) && !force) {
    error_line(path->string() + " exists and is not poolcheck's; pass --force to replace it");
    return 2;
  }
  fs::create_directories(path->parent_path(), ec);
  std::string self = self_path();
  std::ofstream out(*path, std::ios::binary | std::ios::trunc);
  out << "#!/bin/sh\n"
      << marker << ": checks the staged version of staged .env files.\n"
      << "# Installed by `poolcheck hook install`; `poolcheck hook uninstall` removes it.\n";
  if (!self.empty())
    out << "if [ -x " << shell_quote(self) << " ]; then exec " << shell_quote(self)
        << " hook run; fi\n";
  out << "exec poolcheck hook run\n";
  out.close();
  if (!out || ::chmod(path->c_str(), 0755) != 0) {
    error_line("cannot write " + path->string());
    return 2;
  }
  std::cout << "installed " << path->string() << '\n';
  return 0;
}

int uninstall() {
  auto path = hook_path();
  if (!path) {
    error_line("not inside a git repository");
    return 2;
  }
  std::error_code ec;
  if (!fs::exists(*path, ec)) {
    std::cout << "no pre-commit hook installed\n";
    return 0;
  }
  if (!is_ours(*path)) {
    error_line(path->string() + " is not poolcheck's; left alone");
    return 2;
  }
  fs::remove(*path, ec);
  std::cout << "removed " << path->string() << '\n';
  return 0;
}

int run_staged(check_flags const& flags) {
  auto staged = run_git({"diff", "--cached", "--name-only", "--no-ext-diff", "--no-textconv",
                         "--diff-filter=ACMR", "-z"});
  if (!staged || staged->status != 0) {
    error_line("cannot list staged files (is this a git repository?)");
    return 2;
  }
  discovery found;
  std::size_t start = 0;
  std::string const& names = staged->out;
  while (start < names.size()) {
    std::size_t end = names.find('\0', start);
    if (end == std::string::npos)
      end = names.size();
    std::string path = names.substr(start, end - start);
    start = end + 1;
    if (!is_env_file_name(fs::path(path).filename().string()))
      continue;
    auto blob = run_git({"show", ":" + path});
    if (!blob || blob->status != 0) {
      found.errors.push_back(path + ": cannot read the staged version");
      continue;
    }
    found.files.push_back({path, true, std::move(blob->out)});
  }
  if (found.files.empty() && found.errors.empty())
    return 0;
  check_flags staged_flags = flags;
  staged_flags.fix = staged_flags.diff = false; // the index is not a file to write
  return run_check_files(staged_flags, std::move(found));
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
