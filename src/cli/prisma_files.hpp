// A project's Prisma files, found where the Prisma CLI looks for them: prisma.config.ts (Prisma 7,
// or 6 with a config file) at the project root, and the schema at the config's `schema`, else
// package.json's `prisma.schema`, else prisma/schema.prisma, schema.prisma or the folder
// prisma/schema/ (a schema in several files).
#pragma once

#include "cli/project.hpp"
#include "project/prisma_config.hpp"
#include "project/prisma_schema.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace poolcheck::cli {

struct prisma_files {
  struct config_file {
    std::string name; // "prisma.config.ts"
    project::prisma_config_facts facts;
  };

  struct schema_file {
    std::string path; // from the project root: "prisma/schema.prisma", "prisma/schema/db.prisma"
    project::prisma_schema_facts facts;
  };

  std::optional<config_file> config;
  std::optional<schema_file> schema;
};

/// What `root`'s Prisma files say; `here` are its names. `package_schema` is package.json's
/// `prisma.schema`, if any. A
/// schema path that leaves the project (absolute, through `..` or through a symlink) is not
/// followed: a repository being checked does not steer what else is read.
prisma_files read_prisma_files(std::filesystem::path const& root, folder_names const& here,
                               std::optional<std::string> const& package_schema);

} // namespace poolcheck::cli
