// What a checked file's project says about its variables, found once per project folder: which
// program reads each (package.json and its lock file; other ecosystems' manifests, such as
// pyproject.toml or go.mod; the Prisma schema's url, directUrl and shadowDatabaseUrl), and so
// each one's role, where the app runs, and what `prisma migrate` connects with (prisma.config.ts,
// or the schema; drizzle.config.*). The project is the checked file's folder or the nearest
// parent holding package.json, a Prisma schema (schema.prisma, prisma/schema.prisma) or one of
// those manifests, up to the repository root.
#pragma once

#include "engine/analysis.hpp"
#include "engine/context.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace poolcheck::cli {

/// `p` made absolute against `cwd`, in normal form and without a trailing separator: the form of a
/// folder that lookups cache it by.
std::filesystem::path normal_folder(std::filesystem::path const& cwd,
                                    std::filesystem::path const& p);

/// Whether a file found by climbing folders (poolcheck.toml, package.json, schema.prisma) may
/// decide how this user's files are checked: no one but its owner may write it, and in a folder
/// anyone may write (/tmp), it is this user's or root's. One another user left in a shared parent
/// folder would otherwise steer the advice and the fixes. (Group-writable files, as a umask of 002
/// makes them, and checkouts owned by another uid, as in CI containers, are fine.)
bool trusted_file(std::filesystem::path const& file);

/// A project file's text, if it is a regular file that may be trusted (trusted_file).
std::optional<std::string> read_project_file(std::filesystem::path const& p);

/// The names in a folder, listed once: a project is told by a few dozen file names, and asking
/// for each would cost a call per name and folder.
using folder_names = std::set<std::string, std::less<>>;
folder_names names_in(std::filesystem::path const& dir);

/// The first config file `stem` + one of js::config_extensions among `here` (`prisma.config.ts`),
/// with its text, as config loaders pick it.
struct named_text {
  std::string name;
  std::string text;
};

std::optional<named_text> read_js_config(std::filesystem::path const& dir, folder_names const& here,
                                         std::string_view stem);

struct project_facts {
  /// The client of a variable no project file names: unknown when nothing says (then
  /// `not_prisma` tells whether a manifest rules Prisma out).
  engine::client_choice client;
  /// What the project files say of named variables (their role, their client).
  std::map<std::string, engine::check_options::variable_override, std::less<>> variables;
  /// Where the app runs, when its files say (and which file said it).
  engine::target_choice target;
  /// The variables migrations tools connect with, when the project's files say (prisma.config.ts
  /// or the schema; drizzle.config.*).
  std::vector<engine::migrations_source> migrations;
  /// What CI steps that run a migrations tool connect with, where no project file says (their
  /// `env:` in GitHub Actions workflows): true of the values CI's environment holds, not of a
  /// file's.
  std::vector<engine::migrations_source> ci_migrations;
};

/// Each folder is looked at once: its answer is kept for every file below it.
class project_detector {
public:
  /// The facts for files in `folder`.
  project_facts const& facts_for(std::filesystem::path const& folder);

  /// Project files that could not be read as such (a package.json that is not JSON), one line
  /// each, taken once: the advice then rests on less than the project says.
  std::vector<std::string> take_warnings() { return std::exchange(warnings_, {}); }

private:
  project_facts read_project(std::filesystem::path const& root, folder_names const& here);

  std::filesystem::path cwd_; // asked once: relative folders are resolved against it
  std::vector<std::string> warnings_;
  std::unordered_map<std::string, project_facts> cache_; // by absolute folder
};

/// The client a package.json's text implies, with its origin; nullopt when it is not a JSON object.
std::optional<engine::client_choice> client_from_package_json(std::string const& text);

} // namespace poolcheck::cli
