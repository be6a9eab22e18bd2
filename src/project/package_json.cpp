// package.json dependencies, with the line each was declared on.
#include "project/package_json.hpp"

#include "project/json_lines.hpp"

namespace poolcheck::project {

std::string_view to_string(db_client c) {
  switch (c) {
  case db_client::prisma_client:
    return "@prisma/client";
  case db_client::prisma_cli:
    return "prisma";
  case db_client::prisma_adapter:
    return "@prisma/adapter-*";
  case db_client::node_postgres:
    return "pg";
  case db_client::postgres_js:
    return "postgres";
  case db_client::neon_serverless:
    return "@neondatabase/serverless";
  case db_client::vercel_postgres:
    return "@vercel/postgres";
  case db_client::kysely:
    return "kysely";
  case db_client::knex:
    return "knex";
  case db_client::typeorm:
    return "typeorm";
  case db_client::sequelize:
    return "sequelize";
  case db_client::pg_promise:
    return "pg-promise";
  case db_client::drizzle_orm:
    return "drizzle-orm";
  }
  return "?";
}

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::optional<db_client> client_named(std::string_view n) {
  if (n == "@prisma/client")
    return db_client::prisma_client;
  if (n == "prisma")
    return db_client::prisma_cli;
  if (starts_with(n, "@prisma/adapter-"))
    return db_client::prisma_adapter;
  if (n == "pg")
    return db_client::node_postgres;
  if (n == "postgres")
    return db_client::postgres_js;
  if (n == "@neondatabase/serverless")
    return db_client::neon_serverless;
  if (n == "@vercel/postgres")
    return db_client::vercel_postgres;
  if (n == "kysely")
    return db_client::kysely;
  if (n == "knex")
    return db_client::knex;
  if (n == "typeorm")
    return db_client::typeorm;
  if (n == "sequelize")
    return db_client::sequelize;
  if (n == "pg-promise")
    return db_client::pg_promise;
  if (n == "drizzle-orm")
    return db_client::drizzle_orm;
  return std::nullopt;
}

/// Packages only an app deployed to a serverless platform depends on: the platform's CLI or SDK
/// (`@vercel/postgres` is both a client and such a sign).
bool serverless_platform_package(std::string_view n) {
  return n == "vercel" || n.starts_with("@vercel/") || n == "netlify-cli" ||
         n.starts_with("@netlify/") || n == "wrangler" || n == "serverless";
}

/// A spec that is a URL, a path or a git reference can carry credentials
/// (git+https://user:token@host/...); only registry-style specs are kept.
std::string safe_spec(std::optional<std::string> const& spec) {
  if (!spec)
    return {};
  std::string_view const s = *spec;
  if (s.find("://") != std::string_view::npos || s.find('@') != std::string_view::npos ||
      s.find('/') != std::string_view::npos || s.find('\\') != std::string_view::npos)
    return {};
  return std::string(s);
}

} // namespace

std::optional<dependency> package_facts::find(db_client c) const {
  for (auto const& d : clients)
    if (d.client == c)
      return d.dep;
  return std::nullopt;
}

std::optional<dependency> package_facts::prisma() const {
  if (auto d = find(db_client::prisma_client))
    return d;
  return find(db_client::prisma_cli);
}

std::optional<package_facts> read_package_json(std::string_view text) {
  package_facts out;
  bool is_object = false;
  bool first = true;
  bool const ok = json::scan(text, [&](json::scalar const& s) {
    if (first)
      is_object = !s.path.empty() && s.path.front() != "[]";
    first = false;
    if (s.path.size() == 2 && s.path[0] == "prisma" && s.path[1] == "schema" && s.string)
      out.prisma_schema = *s.string;
    if (s.path.size() != 2 || (s.path[0] != "dependencies" && s.path[0] != "devDependencies"))
      return;
    std::string const& name = s.path[1];
    dependency d{name, safe_spec(s.string), s.path[0] == "devDependencies",
                 origin{file_kind::package_json, s.line, s.path[0] + "." + name}};
    if (auto c = client_named(name))
      out.clients.push_back({*c, d});
    if (!out.serverless_sign && serverless_platform_package(name))
      out.serverless_sign = d;
  });
  // An object with no scalars at all ("{}") is still an object.
  auto const opening = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first)
    is_object = opening != std::string_view::npos && text[opening] == '{';
  if (!ok || !is_object)
    return std::nullopt;
  return out;
}

} // namespace poolcheck::project
