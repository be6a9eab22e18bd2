// Finds which client reads a project's URLs: package.json (Prisma and its version: 7 and later
// use driver adapters; an @prisma/adapter-* dependency means adapters too; else pg, postgres)
// and prisma/schema.prisma, in the checked file's folder or the nearest parent up to the
// repository root.
#pragma once

#include "cli/folder_listing.hpp"
#include "engine/context.hpp"

#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_map>

namespace poolcheck::cli {

/// Safe to share between threads: files are checked in parallel, each asking for its folder.
class project_detector {
public:
  /// The client for files in `folder`; unknown when nothing says.
  engine::client_choice client_for(std::filesystem::path const& folder);

  /// What discovery saw (outlives this object): spares asking the file system about those folders.
  void use_listing(folder_listing const& listing) { listing_ = &listing; }

private:
  folder_listing const* listing_ = &folder_listing::none();
  std::mutex mutex_;
  std::filesystem::path cwd_; // asked once: relative folders are resolved against it
  std::unordered_map<std::string, engine::client_choice> cache_; // by absolute folder
};

/// The client a package.json's text implies, with its origin (exposed for tests).
engine::client_choice client_from_package_json(std::string const& text);

} // namespace poolcheck::cli
