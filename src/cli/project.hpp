// Finds which client reads a project's URLs: package.json (Prisma and its version: 7 and later
// use driver adapters; an @prisma/adapter-* dependency means adapters too; else pg, postgres)
// and prisma/schema.prisma, in the checked file's folder or the nearest parent up to the
// repository root.
#pragma once

#include "engine/context.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace poolcheck::cli {

/// `p` made absolute against `cwd`, in normal form and without a trailing separator: the form of a
/// folder that lookups cache it by.
std::filesystem::path normal_folder(std::filesystem::path const& cwd,
                                    std::filesystem::path const& p);

/// Each folder is looked at once: its answer is kept for every file below it.
class project_detector {
public:
  /// The client for files in `folder`; unknown when nothing says.
  engine::client_choice client_for(std::filesystem::path const& folder);

  /// Project files that could not be read as such (a package.json that is not JSON), one line
  /// each, taken once: the advice then rests on less than the project says.
  std::vector<std::string> take_warnings() { return std::exchange(warnings_, {}); }

private:
  std::filesystem::path cwd_; // asked once: relative folders are resolved against it
  std::vector<std::string> warnings_;
  std::unordered_map<std::string, engine::client_choice> cache_; // by absolute folder
};

/// The client a package.json's text implies, with its origin; nullopt when it is not a JSON object.
std::optional<engine::client_choice> client_from_package_json(std::string const& text);

} // namespace poolcheck::cli
