// The package.json and lock file readers: database clients with their lines,
// exact Prisma versions from each lock format.
#include "project/lock_files.hpp"
#include "project/package_json.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace poolcheck::project;

namespace {

// The shape of a Next.js app's package.json with Prisma and Neon's adapter.
constexpr char const* next_app = R"({
  "name": "my-app",
  "version": "0.1.0",
  "private": true,
  "scripts": {
    "dev": "next dev",
    "build": "prisma generate && next build",
    "postinstall": "prisma generate"
  },
  "dependencies": {
    "@neondatabase/serverless": "^1.0.0",
    "@prisma/adapter-neon": "^6.19.0",
    "@prisma/client": "^6.19.0",
    "@vercel/analytics": "^1.5.0",
    "next": "15.5.4",
    "react": "19.1.0",
    "react-dom": "19.1.0"
  },
  "devDependencies": {
    "@types/node": "^20",
    "prisma": "^6.19.0",
    "typescript": "^5"
  }
})";

// An excerpt of a package-lock.json, lockfileVersion 3.
constexpr char const* lock_v3 = R"({
  "name": "my-app",
  "version": "0.1.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "my-app",
      "version": "0.1.0",
      "dependencies": {
        "@prisma/client": "^6.19.0"
      },
      "devDependencies": {
        "prisma": "^6.19.0"
      }
    },
    "node_modules/@prisma/client": {
      "version": "6.19.0",
      "resolved": "https://registry.npmjs.org/@prisma/client/-/client-6.19.0.tgz",
      "hasInstallScript": true,
      "license": "Apache-2.0"
    },
    "node_modules/prisma": {
      "version": "6.19.0",
      "devOptional": true,
      "hasInstallScript": true
    }
  }
})";

} // namespace

TEST_CASE("package.json: clients and adapters with lines", "[project]") {
  auto const f = read_package_json(next_app);
  REQUIRE(f);
  auto const prisma = f->prisma();
  REQUIRE(prisma);
  CHECK(prisma->name == "@prisma/client");
  CHECK(prisma->spec == "^6.19.0");
  CHECK(describe(prisma->at) == "package.json:13 dependencies.@prisma/client");
  CHECK(f->uses_prisma_adapters());
  REQUIRE(f->find(db_client::neon_serverless));
  auto const cli = f->find(db_client::prisma_cli);
  REQUIRE(cli);
  CHECK(cli->dev);
  CHECK(cli->at.line == 21);
  CHECK_FALSE(f->find(db_client::node_postgres));
}

TEST_CASE("package.json: every listed client is named", "[project]") {
  auto const f = read_package_json(R"({"dependencies": {"pg": "8", "postgres": "3", "kysely": "0",
    "knex": "3", "typeorm": "0", "sequelize": "6", "pg-promise": "11", "drizzle-orm": "0",
    "@vercel/postgres": "0", "hono": "4", "@nestjs/core": "10", "express": "4"},
    "devDependencies": {"wrangler": "3", "@netlify/functions": "2", "drizzle-kit": "0"}})");
  REQUIRE(f);
  CHECK(f->clients.size() == 9);
  CHECK(to_string(f->clients.front().client) == "pg");
}

TEST_CASE("package.json: specs that may hold a token, not JSON, empty", "[project]") {
  auto const f = read_package_json(R"({"dependencies": {
    "pg": "git+https://deploy:Sup3rS3cret@github.com/org/pg.git",
    "prisma": 6, "@prisma/client": "latest"}})");
  REQUIRE(f);
  CHECK(f->find(db_client::node_postgres)->spec.empty());
  CHECK(f->find(db_client::prisma_cli)->spec.empty());
  CHECK(f->prisma()->spec == "latest");
  for (auto const& c : f->clients)
    CHECK(c.dep.spec.find("Sup3rS3cret") == std::string::npos);
  CHECK_FALSE(read_package_json(""));
  CHECK_FALSE(read_package_json("[]"));
  CHECK_FALSE(read_package_json("{\"dependencies\": {\"pg\": \"8\""));
  CHECK(read_package_json("{}"));
  CHECK(read_package_json("\xEF\xBB\xBF{\"dependencies\":{}}"));
}

TEST_CASE("package-lock.json: the installed version, v3 and v1", "[project]") {
  auto const v = prisma_version_from_package_lock(lock_v3);
  REQUIRE(v);
  CHECK(v->package == "@prisma/client");
  CHECK(v->version == "6.19.0");
  CHECK(describe(v->at) == "package-lock.json:18 packages.node_modules/@prisma/client");
  auto const v1 = prisma_version_from_package_lock(
      R"({"lockfileVersion": 1, "dependencies": {"prisma": {"version": "5.22.0"}}})");
  REQUIRE(v1);
  CHECK(v1->package == "prisma");
  CHECK(v1->version == "5.22.0");
  CHECK_FALSE(prisma_version_from_package_lock(""));
  CHECK_FALSE(prisma_version_from_package_lock(
      R"({"packages": {"node_modules/prisma": {"version": "file:../prisma"}}})"));
  // A truncated lock still names what it got to.
  CHECK(prisma_version_from_package_lock(std::string(lock_v3).substr(0, 500))->version == "6.19.0");
}

TEST_CASE("pnpm-lock.yaml: package keys of every lockfile version", "[project]") {
  auto const v9 = prisma_version_from_pnpm_lock(R"(lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      '@prisma/client':
        specifier: ^6.19.0
        version: 6.19.0(prisma@6.19.0(typescript@5.9.3))(typescript@5.9.3)

packages:

  '@prisma/client@6.19.0':
    resolution: {integrity: sha512-x}

  prisma@6.19.0:
    resolution: {integrity: sha512-y}
)");
  REQUIRE(v9);
  CHECK(v9->package == "@prisma/client");
  CHECK(v9->version == "6.19.0");
  CHECK(v9->at.line == 13);
  auto const v6 =
      prisma_version_from_pnpm_lock("packages:\n\n  /prisma@5.22.0:\n    resolution: x\n");
  REQUIRE(v6);
  CHECK(v6->version == "5.22.0");
  auto const v5 = prisma_version_from_pnpm_lock(
      "packages:\n  /@prisma/client/4.16.2_prisma@4.16.2:\n    dev: false\n");
  REQUIRE(v5);
  CHECK(v5->version == "4.16.2");
  CHECK_FALSE(prisma_version_from_pnpm_lock("packages:\n  /prisma-kysely@1.0.0:\n  prisma:\n"));
  CHECK_FALSE(prisma_version_from_pnpm_lock(""));
}

TEST_CASE("yarn.lock: classic and Berry entries", "[project]") {
  auto const classic = prisma_version_from_yarn_lock(R"(# THIS IS AN AUTOGENERATED FILE.
# yarn lockfile v1


"@prisma/engines@6.19.0":
  version "6.19.0"

prisma@^6, "prisma@^6.19.0":
  version "6.19.0"
  resolved "https://registry.yarnpkg.com/prisma/-/prisma-6.19.0.tgz"
)");
  REQUIRE(classic);
  CHECK(classic->package == "prisma");
  CHECK(classic->version == "6.19.0");
  CHECK(classic->at.line == 9);
  auto const berry = prisma_version_from_yarn_lock(
      "\"@prisma/client@npm:^6.19.0\":\n  version: 6.19.0\n  resolution: \"x\"\n");
  REQUIRE(berry);
  CHECK(berry->package == "@prisma/client");
  CHECK(berry->version == "6.19.0");
  CHECK_FALSE(prisma_version_from_yarn_lock("prisma@^6:\n"));
  CHECK_FALSE(prisma_version_from_yarn_lock(""));
}

TEST_CASE("bun.lock: the packages entry", "[project]") {
  auto const v = prisma_version_from_bun_lock(R"({
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "app",
      "dependencies": {
        "@prisma/client": "^6.19.0",
      },
    },
  },
  "packages": {
    "@prisma/client": ["@prisma/client@6.19.0", "", { "peerDependencies": { "prisma": "*" } }, "sha512-x"],
  }
}
)");
  REQUIRE(v);
  CHECK(v->version == "6.19.0");
  CHECK(v->at.line == 12);
  CHECK_FALSE(prisma_version_from_bun_lock(""));
}
