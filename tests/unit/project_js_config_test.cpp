// The prisma.config.ts and drizzle.config.ts readers: the config object's URL properties as
// variables, literals or expressions, never fooled by comments, strings or templates.
#include "project/drizzle_config.hpp"
#include "project/prisma_config.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace poolcheck::project;

namespace {

// The shape of Prisma's docs example of prisma.config.ts.
constexpr char const* prisma_docs = R"(import 'dotenv/config'
import { defineConfig, env } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  datasource: {
    url: env('DATABASE_URL'),
    shadowDatabaseUrl: env("SHADOW_DATABASE_URL"),
  },
})
)";

// The shape of Drizzle's docs example of drizzle.config.ts.
constexpr char const* drizzle_docs = R"(import 'dotenv/config';
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  out: './drizzle',
  schema: './src/db/schema.ts',
  dialect: 'postgresql',
  dbCredentials: {
    url: process.env.DATABASE_URL!,
  },
});
)";

} // namespace

TEST_CASE("prisma.config.ts: env() in the datasource", "[project]") {
  auto const f = read_prisma_config(prisma_docs);
  CHECK(f.config_found);
  CHECK(f.datasource_found);
  REQUIRE(f.url);
  CHECK(f.url->kind == value_kind::variable);
  CHECK(f.url->variable == "DATABASE_URL");
  CHECK(describe(f.url->at) == "prisma.config.ts:11 datasource.url");
  REQUIRE(f.shadow_database_url);
  CHECK(f.shadow_database_url->variable == "SHADOW_DATABASE_URL");
  CHECK(f.shadow_database_url->at.line == 12);
}

TEST_CASE("prisma.config.ts: process.env forms and other export shapes", "[project]") {
  auto const a = read_prisma_config(R"(import type { PrismaConfig } from 'prisma'
const config: PrismaConfig = {
  datasource: { url: process.env["DATABASE_URL"] as string },
}
export default config
)");
  REQUIRE(a.url);
  CHECK(a.url->variable == "DATABASE_URL");
  CHECK(a.url->at.line == 3);

  auto const b =
      read_prisma_config("module.exports = { datasource: { url: process.env.DB ?? '' } }");
  REQUIRE(b.url);
  CHECK(b.url->variable == "DB");
  CHECK(b.url->has_fallback);

  auto const c = read_prisma_config("export default { datasource: { url: `${process.env.A}` } }"
                                    " satisfies PrismaConfig");
  REQUIRE(c.url);
  CHECK(c.url->kind == value_kind::expression);
}

TEST_CASE("prisma.config.ts: comments, strings and templates hide nothing real", "[project]") {
  auto const f =
      read_prisma_config(R"(// export default defineConfig({ datasource: { url: env('COMMENT') } })
/* defineConfig({ datasource: { url: env('BLOCK') } }) */
const note = "defineConfig({ datasource: { url: env('STRING') } }) }}}";
const tpl = `} ${ "{" } defineConfig({ ${ `${'}'}` } }`;
export default defineConfig({
  schema: "a}b{c",
  datasource: {
    // url: env('OLD_URL'),
    url: env('DATABASE_URL'), /* url: env('NOPE') */
  },
})
)");
  REQUIRE(f.url);
  CHECK(f.url->variable == "DATABASE_URL");
  CHECK(f.url->at.line == 9);
}

TEST_CASE("prisma.config.ts: a literal URL keeps no text; unknown shapes find nothing",
          "[project]") {
  auto const f =
      read_prisma_config("export default defineConfig({ datasource: {\n"
                         "  url: 'postgresql://app:Sup3rS3cret@db.example.com/app' } })");
  REQUIRE(f.url);
  CHECK(f.url->kind == value_kind::literal);
  CHECK(f.url->variable.empty());
  CHECK(describe(f.url->at).find("Sup3rS3cret") == std::string::npos);
  auto const named = read_prisma_config("export default defineConfig({ datasource: { url: "
                                        "process.env['postgres://u:Sup3rS3cret@h/d'] } })");
  REQUIRE(named.url);
  CHECK(named.url->kind == value_kind::expression);
  CHECK(named.url->variable.empty());

  CHECK_FALSE(read_prisma_config("").config_found);
  CHECK_FALSE(read_prisma_config("export default makeConfig()").config_found);
  auto const shorthand = read_prisma_config("const datasource = { url: env('X') }\n"
                                            "export default defineConfig({ datasource })");
  CHECK(shorthand.config_found);
  CHECK_FALSE(shorthand.datasource_found);
  CHECK(read_prisma_config("export default defineConfig({ datasource: { url: env('X'").url->kind ==
        value_kind::expression);
  CHECK_FALSE(read_prisma_config("export default defineConfig({ datasource: { url: env(`X`) } })")
                  .url->variable.size());
}

TEST_CASE("drizzle.config.ts: dbCredentials.url with a non-null assertion", "[project]") {
  auto const f = read_drizzle_config(drizzle_docs);
  CHECK(f.config_found);
  CHECK(f.dialect == "postgresql");
  REQUIRE(f.url);
  CHECK(f.url->kind == value_kind::variable);
  CHECK(f.url->variable == "DATABASE_URL");
  CHECK(describe(f.url->at, "drizzle.config.ts") == "drizzle.config.ts:9 dbCredentials.url");
}

TEST_CASE("drizzle.config.ts: env objects, older keys, literals", "[project]") {
  // create-t3-app's shape: an env object imported from the app.
  auto const t3 = read_drizzle_config(R"(import { type Config } from "drizzle-kit";

import { env } from "~/env";

export default {
  schema: "./src/server/db/schema.ts",
  dialect: "postgresql",
  dbCredentials: {
    url: env.DATABASE_URL,
  },
  tablesFilter: ["project1_*"],
} satisfies Config;
)");
  REQUIRE(t3.url);
  CHECK(t3.url->variable == "DATABASE_URL");
  CHECK(t3.url->at.line == 9);

  auto const old = read_drizzle_config("export default { driver: 'pg', dbCredentials: "
                                       "{ connectionString: process.env['PG_URL']! } }");
  REQUIRE(old.url);
  CHECK(old.url->variable == "PG_URL");
  CHECK(old.url->at.key == "dbCredentials.connectionString");

  auto const lit = read_drizzle_config("export default defineConfig({ dbCredentials: "
                                       "{ url: \"postgres://u:Sup3rS3cret@h/db\" } })");
  REQUIRE(lit.url);
  CHECK(lit.url->kind == value_kind::literal);
  CHECK(lit.url->variable.empty());

  auto const parts = read_drizzle_config("export default defineConfig({ dbCredentials: "
                                         "{ host: 'h', password: process.env.PW } })");
  CHECK(parts.config_found);
  CHECK_FALSE(parts.url);
  CHECK_FALSE(read_drizzle_config("").config_found);
  CHECK_FALSE(read_drizzle_config("export default defineConfig({ dbCredentials: { url: proc")
                  .url->variable.size());
}
