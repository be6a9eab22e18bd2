// Helpers shared by the tests: paths of the source tree, reading files, running the binary.
#pragma once

#include "engine/rule.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace poolcheck::test {

std::filesystem::path source_dir();

/// Every tests/fixtures/**/*.env, sorted.
/// Every deployment-file fixture: the files under tests/fixtures/formats/<kind>/ but the
/// `.fixed` ones, in name order.
std::vector<std::filesystem::path> fixture_deployment_files();

std::vector<std::filesystem::path> fixture_env_files();
std::string read_file(std::filesystem::path const& p);

/// The built-in rules, loaded and finished once.
engine::rule_set const& rules();

struct run_result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// `s` as a C string literal, quotes included (`\n`, `\xNN`): how a failure shows bytes.
std::string escaped(std::string_view s);

/// `s` in single quotes for /bin/sh.
std::string shell_quote(std::string const& s);

/// Runs the poolcheck binary with `args` (each shell-quoted here), feeding `stdin_text`, in the
/// folder `cwd` (the test's own when empty).
run_result run_poolcheck(std::vector<std::string> const& args, std::string const& stdin_text = "",
                         std::filesystem::path const& cwd = {});

/// run_poolcheck with nothing in its environment but `variables` (name, value) and PATH.
run_result
run_poolcheck_in_environment(std::vector<std::pair<std::string, std::string>> const& variables,
                             std::vector<std::string> const& args,
                             std::filesystem::path const& cwd = {});

/// Runs `run` where permission bits bind: as it is, or, when the suite runs as root (CI does), in a
/// child process as the unprivileged user `nobody`, once `owned` (a folder, recursively) is given
/// to that user. Returns `run`'s exit code (a child cannot report through Catch2).
int as_unprivileged(std::filesystem::path const& owned, std::function<int()> const& run);

/// run_poolcheck as the unprivileged user, `owned` given to it first (see as_unprivileged).
run_result run_poolcheck_unprivileged(std::filesystem::path const& owned,
                                      std::vector<std::string> const& args,
                                      std::string const& stdin_text = "",
                                      std::filesystem::path const& cwd = {});

/// A fresh folder under the system's temp folder, removed (permissions restored first) when the
/// object goes.
struct temp_dir {
  std::filesystem::path path;

  temp_dir();
  ~temp_dir();
  temp_dir(temp_dir const&) = delete;
  temp_dir& operator=(temp_dir const&) = delete;

  /// Writes `bytes` to `path / relative` (creating folders) and returns that path.
  std::string write(std::string const& relative, std::string const& bytes) const;
};

} // namespace poolcheck::test
