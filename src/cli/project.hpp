// Finds which client reads a project's URLs: package.json (Prisma and its version: 7 and later
// use driver adapters; an @prisma/adapter-* dependency means adapters too; else pg, postgres)
// and prisma/schema.prisma, in the checked file's folder or the nearest parent up to the
// repository root.
#pragma once

#include "engine/context.hpp"

#include <filesystem>
#include <map>

namespace poolcheck::cli {

class project_detector {
public:
  /// The client for files in `folder`; unknown when nothing says.
  engine::client_choice client_for(std::filesystem::path const& folder);

private:
  std::map<std::filesystem::path, engine::client_choice> cache_;
};

/// The client a package.json's text implies, with its origin (exposed for tests).
engine::client_choice client_from_package_json(std::string const& text);

} // namespace poolcheck::cli
