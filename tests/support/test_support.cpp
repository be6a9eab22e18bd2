// Test helpers.
#include "test_support.hpp"

#include "checks/registry.hpp"
#include "engine/rule_loader.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <grp.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace poolcheck::test {

std::filesystem::path source_dir() {
  return POOLCHECK_SOURCE_DIR;
}

std::string read_file(std::filesystem::path const& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

engine::rule_set const& rules() {
  static engine::rule_set const set = [] {
    auto loaded = engine::builtin_rules(checks::code_rules());
    if (!loaded)
      throw std::runtime_error(describe(loaded.error()));
    return std::move(*loaded);
  }();
  return set;
}

std::vector<std::filesystem::path> fixture_env_files() {
  std::vector<std::filesystem::path> out;
  for (auto const& e :
       std::filesystem::recursive_directory_iterator(source_dir() / "tests" / "fixtures"))
    if (e.is_regular_file() && e.path().extension() == ".env")
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::filesystem::path> fixture_deployment_files() {
  std::vector<std::filesystem::path> out;
  for (auto const& e : std::filesystem::recursive_directory_iterator(source_dir() / "tests" /
                                                                     "fixtures" / "formats"))
    if (e.is_regular_file() && e.path().extension() != ".fixed")
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string escaped(std::string_view s) {
  std::string out = "\"";
  constexpr std::string_view digits = "0123456789abcdef";
  for (char c : s) {
    auto const u = static_cast<unsigned char>(c);
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c == '"' || c == '\\')
      out += std::string("\\") + c;
    else if (u < 0x20 || u >= 0x7f)
      out += std::string("\\x") + digits[u >> 4] + digits[u & 0xf];
    else
      out += c;
  }
  return out + "\"";
}

std::string shell_quote(std::string const& s) {
  std::string out = "'";
  for (char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

namespace {

// The user `nobody` on Debian.
constexpr ::uid_t unprivileged_id = 65534;

void give_to_unprivileged(std::filesystem::path const& owned) {
  std::error_code ec;
  if (::lchown(owned.c_str(), unprivileged_id, unprivileged_id) != 0)
    throw std::runtime_error("cannot give " + owned.string() + " to nobody");
  for (auto const& e : std::filesystem::recursive_directory_iterator(owned, ec))
    if (::lchown(e.path().c_str(), unprivileged_id, unprivileged_id) != 0)
      throw std::runtime_error("cannot give " + e.path().string() + " to nobody");
}

run_result run_command(std::string const& prefix, std::vector<std::string> const& args,
                       std::string const& stdin_text, std::filesystem::path const& cwd) {
  auto dir =
      std::filesystem::temp_directory_path() / ("poolcheck_run_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto in = dir / "stdin", out = dir / "stdout", err = dir / "stderr";
  std::ofstream(in, std::ios::binary) << stdin_text;
  std::string cmd = cwd.empty() ? "" : "cd " + shell_quote(cwd.string()) + " && ";
  cmd += prefix + shell_quote(POOLCHECK_BINARY);
  for (auto const& a : args)
    cmd += " " + shell_quote(a);
  cmd += " <" + shell_quote(in.string()) + " >" + shell_quote(out.string()) + " 2>" +
         shell_quote(err.string());
  int status = std::system(cmd.c_str());
  run_result r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  std::filesystem::remove_all(dir);
  return r;
}

} // namespace

run_result run_poolcheck(std::vector<std::string> const& args, std::string const& stdin_text,
                         std::filesystem::path const& cwd) {
  return run_command("", args, stdin_text, cwd);
}

run_result
run_poolcheck_in_environment(std::vector<std::pair<std::string, std::string>> const& variables,
                             std::vector<std::string> const& args,
                             std::filesystem::path const& cwd) {
  std::string prefix = "env -i PATH=\"$PATH\"";
  for (auto const& [name, value] : variables)
    prefix += " " + shell_quote(name + "=" + value);
  return run_command(prefix + " ", args, "", cwd);
}

int as_unprivileged(std::filesystem::path const& owned, std::function<int()> const& run) {
  if (::geteuid() != 0)
    return run();
  give_to_unprivileged(owned);
  ::pid_t const child = ::fork();
  if (child == 0) {
    bool const dropped = ::setgroups(0, nullptr) == 0 &&
                         ::setresgid(unprivileged_id, unprivileged_id, unprivileged_id) == 0 &&
                         ::setresuid(unprivileged_id, unprivileged_id, unprivileged_id) == 0;
    ::_exit(dropped ? run() : 125);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

run_result run_poolcheck_unprivileged(std::filesystem::path const& owned,
                                      std::vector<std::string> const& args,
                                      std::string const& stdin_text,
                                      std::filesystem::path const& cwd) {
  if (::geteuid() != 0)
    return run_poolcheck(args, stdin_text, cwd);
  give_to_unprivileged(owned);
  // The shell opens the redirections as root; poolcheck itself runs as nobody.
  return run_command("setpriv --reuid=nobody --regid=nogroup --clear-groups ", args, stdin_text,
                     cwd);
}

temp_dir::temp_dir() {
  static std::atomic<int> counter{0};
  path = std::filesystem::temp_directory_path() /
         ("poolcheck_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
  std::filesystem::create_directories(path);
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::permissions(path, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ec);
  std::filesystem::remove_all(path, ec);
}

std::string temp_dir::write(std::string const& relative, std::string const& bytes) const {
  auto target = path / relative;
  std::filesystem::create_directories(target.parent_path());
  std::ofstream(target, std::ios::binary) << bytes;
  return target.string();
}

} // namespace poolcheck::test
