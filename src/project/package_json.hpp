// Reads a package.json text for the database clients a project depends on (dependencies and
// devDependencies), and for a sign that it deploys to a serverless platform.
#pragma once

#include "project/fact.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::project {

enum class db_client {
  prisma_client,   // @prisma/client
  prisma_cli,      // prisma
  prisma_adapter,  // @prisma/adapter-* (Prisma driver adapters)
  node_postgres,   // pg
  postgres_js,     // postgres
  neon_serverless, // @neondatabase/serverless
  vercel_postgres, // @vercel/postgres
  kysely,
  knex,
  typeorm,
  sequelize,
  pg_promise,
  drizzle_orm,
};

std::string_view to_string(db_client c);

struct dependency {
  std::string name; // as written: "@prisma/adapter-pg"
  std::string spec; // "^6.19.0"; empty when not a string, or a URL or path (it may hold a token)
  bool dev = false; // from devDependencies
  origin at;        // key "dependencies.pg" or "devDependencies.prisma"
};

struct client_dependency {
  db_client client;
  dependency dep;
};

struct package_facts {
  std::vector<client_dependency> clients; // in file order; a package in both sections twice
  /// The first dependency on a serverless platform's CLI or SDK (`vercel`, `@vercel/*`,
  /// `netlify-cli`, `@netlify/*`, `wrangler`, `serverless`), if any.
  std::optional<dependency> serverless_sign;
  /// `"prisma": {"schema": "..."}`: where the Prisma CLI finds the schema (a file or a folder).
  std::optional<std::string> prisma_schema;

  /// The first dependency on `c`, if any.
  std::optional<dependency> find(db_client c) const;
  /// The Prisma version spec's dependency: @prisma/client's, else prisma's.
  std::optional<dependency> prisma() const;

  bool uses_prisma_adapters() const { return find(db_client::prisma_adapter).has_value(); }
};

/// nullopt when `text` is not a JSON object; total otherwise.
std::optional<package_facts> read_package_json(std::string_view text);

} // namespace poolcheck::project
