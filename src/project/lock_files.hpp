// Reads the exact Prisma version a lock file pins: @prisma/client's (what the application runs),
// else prisma's. Each reader is total and gives nullopt when the file names neither.
#pragma once

#include "project/fact.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace poolcheck::project {

struct locked_version {
  std::string package; // "@prisma/client" or "prisma"
  std::string version; // "6.19.0"; only a version-shaped text ([0-9][0-9A-Za-z.+-]*) is kept
  origin at;
};

/// package-lock.json (and npm-shrinkwrap.json): `packages["node_modules/<name>"].version`
/// (lockfileVersion 2 and 3), else `dependencies["<name>"].version` (lockfileVersion 1).
std::optional<locked_version> prisma_version_from_package_lock(std::string_view text);

/// pnpm-lock.yaml, by a line scan rather than a YAML parser: the first package key naming the
/// package, in any lockfile version's form: `/prisma/4.16.2:` (5.x), `/prisma@5.22.0:` (6.x),
/// `prisma@6.19.0:` and `'@prisma/client@6.19.0(prisma@6.19.0)':` (9.x). Every version lists
/// its packages under such keys, so the importers' `version:` lines are not needed.
std::optional<locked_version> prisma_version_from_pnpm_lock(std::string_view text);

/// yarn.lock, classic (`"prisma@^6", prisma@^6.1:` then `  version "6.19.0"`) and Berry
/// (`"prisma@npm:^6.19.0":` then `  version: 6.19.0`): the first entry for the package.
std::optional<locked_version> prisma_version_from_yarn_lock(std::string_view text);

/// bun.lock (Bun 1.2's text lock, JSON with trailing commas, which nlohmann/json rejects), by a
/// line scan for the `"packages"` entry `"prisma": ["prisma@6.19.0", ...`. The binary bun.lockb
/// is not read.
std::optional<locked_version> prisma_version_from_bun_lock(std::string_view text);

} // namespace poolcheck::project
