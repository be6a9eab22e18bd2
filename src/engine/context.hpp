// The context a connection string is judged in: who reads it (client), what runs it (target),
// what the variable is for (role), and which provider endpoint it points at.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace poolcheck::engine {

/// The program that reads the URL. Prisma's query engine (ORM <= 6 without driver adapters) reads
/// connection_limit/pool_timeout/pgbouncer; Prisma 7 and driver adapters ignore them; libpq,
/// asyncpg and postgres.js reject or forward unknown parameters (providers.md section 4).
enum class client { unknown, prisma, prisma_adapter, libpq, node_postgres, postgres_js, asyncpg };

enum class target { serverless, server };

/// runtime: the app's queries (DATABASE_URL); direct: migrations and tools (DIRECT_URL,
/// *_UNPOOLED).
enum class role { runtime, direct };

std::string_view to_string(client c);
std::string_view to_string(target t);
std::string_view to_string(role r);
std::optional<client> parse_client(std::string_view s);
std::optional<target> parse_target(std::string_view s);
std::optional<role> parse_role(std::string_view s);

/// The client a Prisma version spec implies (`6.19.0`, `^7.0.1`, `~5`): its query engine before
/// 7, driver adapters from 7 on; nullopt when the spec names no major version.
std::optional<client> client_for_prisma_version(std::string_view spec);

/// How the client was decided, for messages ("--client", "package.json: prisma 6.19.0", ...).
struct client_choice {
  engine::client value = client::unknown;
  std::string origin;
  /// Unknown, but not Prisma: a project manifest without it. Rules that would assume Prisma's
  /// query engine stay silent.
  bool not_prisma = false;
};

/// Where the app runs, and what said so ("--target", "poolcheck.toml", "vercel.json"); no value
/// when nothing did.
struct target_choice {
  std::optional<engine::target> value;
  std::string origin;
};

/// A variable's role, and what said so ("prisma/schema.prisma directUrl", "the name DIRECT_URL").
struct role_choice {
  engine::role value = role::runtime;
  std::string origin;
};

/// A variable a migrations tool connects with, when the project says so, and what said it:
/// `prisma migrate` ("prisma.config.ts:6 datasource.url", "prisma/schema.prisma:3 url, and no
/// directUrl"), `drizzle-kit` ("drizzle.config.ts:9 dbCredentials.url").
enum class migrations_tool { prisma_migrate, drizzle_kit };

std::string_view to_string(migrations_tool t); // "prisma migrate", "drizzle-kit"
std::optional<migrations_tool> parse_migrations_tool(std::string_view s);

struct migrations_source {
  migrations_tool tool = migrations_tool::prisma_migrate;
  std::string variable;
  std::string origin;
  std::string file; // the file that names it, where a change goes: "prisma/schema.prisma"
};

/// What a rule took for granted about one connection string because nothing said it. A finding
/// that rests on an assumption says so, is never more than info (a guess alone fails no build),
/// and its fix is unsafe.
struct assumptions {
  bool client = false; // Prisma's query engine, for a client nobody named
  bool target = false; // serverless, for an app nothing says where it runs

  [[nodiscard]] bool any() const { return client || target; }
};

} // namespace poolcheck::engine
