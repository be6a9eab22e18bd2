// The project model: what package.json and prisma/schema.prisma say of each variable decides its
// client and role (small project trees, checked as a user would).
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <sys/stat.h>

namespace poolcheck::test {
namespace {

std::string const neon_direct =
    "postgresql://app:pw@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb?sslmode=require";
std::string const neon_pooled = "postgresql://app:pw@ep-cool-darkness-a1b2c3d4-pooler.us-east-2."
                                "aws.neon.tech/neondb?sslmode=require";

/// A project folder (a `.git` ends the search for project files and config).
struct project : temp_dir {
  project() { std::filesystem::create_directories(path / ".git"); }

  run_result check() const { return run_poolcheck({"check", "--no-config", "."}, "", path); }
};

} // namespace

TEST_CASE("a project without Prisma gets no Prisma advice, assumed or not", "[project]") {
  // A Hono app on node-postgres: no "assuming Prisma", no Prisma parameters.
  project p;
  p.write("package.json", R"({"dependencies": {"hono": "^4.6.0", "pg": "^8.13.0"}})");
  p.write(".env", "DATABASE_URL=" + neon_pooled + "\n");
  auto r = p.check();
  CHECK(r.out.find("PRISMA") == std::string::npos);
  CHECK(r.out.find("assuming") == std::string::npos);
  // A manifest with no database client at all: still not Prisma.
  p.write("package.json", R"({"dependencies": {"next": "15.0.3"}})");
  CHECK(p.check().out.find("assuming Prisma") == std::string::npos);
}

TEST_CASE("schema.prisma's directUrl names the migrations variable", "[project]") {
  project p;
  p.write("package.json", R"({"dependencies": {"@prisma/client": "6.19.0"}})");
  p.write("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = "
                                  "env(\"DATABASE_URL\")\n  // directUrl = env(\"OLD\")\n  "
                                  "directUrl = env(\"MIGRATE_URL\")\n}\n");
  p.write(".env", "DATABASE_URL=" + neon_direct + "\nMIGRATE_URL=" + neon_direct + "\n");
  auto r = p.check();
  CHECK(r.out.find(".env:1:") != std::string::npos);                 // the runtime URL
  CHECK(r.out.find("`MIGRATE_URL` points at") == std::string::npos); // direct, as it should be
  CHECK(r.out.find("PRISMA013") == std::string::npos); // the file has its migrations URL
}

TEST_CASE("Prisma reads what its schema names; other variables, the other clients", "[project]") {
  // Vercel's Postgres template: POSTGRES_PRISMA_URL for Prisma, POSTGRES_URL for @vercel/postgres.
  project p;
  p.write("package.json", R"({"dependencies": {"@prisma/client": "6.19.0",
                                                "@vercel/postgres": "0.10.0"}})");
  p.write("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = "
                                  "env(\"POSTGRES_PRISMA_URL\")\n  directUrl = "
                                  "env(\"POSTGRES_URL_NON_POOLING\")\n}\n");
  p.write(".env", "POSTGRES_PRISMA_URL=" + neon_pooled + "\nPOSTGRES_URL=" + neon_pooled +
                      "\nPOSTGRES_URL_NON_POOLING=" + neon_direct + "\n");
  auto r = p.check();
  CHECK(r.out.find("`POSTGRES_PRISMA_URL` has no `connection_limit`") != std::string::npos);
  CHECK(r.out.find("`POSTGRES_URL` has no") == std::string::npos);
  CHECK(r.out.find("POSTGRES_URL_NON_POOLING") == std::string::npos);
  auto shown = run_poolcheck({"config", p.path.string()});
  CHECK(shown.out.find("# POSTGRES_URL_NON_POOLING: role direct (prisma/schema.prisma:4 "
                       "directUrl), client prisma") != std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("a file named for migrations ranks above what the schema says", "[project]") {
  // schema.prisma says DATABASE_URL is Prisma's runtime URL; in .env.migrate it is the direct one.
  project p;
  p.write("package.json", R"({"dependencies": {"@prisma/client": "6.19.0"}})");
  p.write("prisma/schema.prisma",
          "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n");
  p.write(".env.migrate", "DATABASE_URL=" + neon_direct + "\n");
  auto r = p.check();
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("NEON001") == std::string::npos);
}

TEST_CASE("a poolcheck.toml anyone may write is said and not used", "[project][config]") {
  project p;
  p.write("poolcheck.toml", "ignore = [\"URL\"]\n");
  ::chmod((p.path / "poolcheck.toml").c_str(), 0666);
  p.write(".env", "DATABASE_URL=POSTGRESQL://app@db.example.com/app\n");
  auto r = run_poolcheck({"check", "."}, "", p.path);
  CHECK(r.out.find("URL005") != std::string::npos);
  CHECK(r.err.find("poolcheck.toml: anyone may write it") != std::string::npos);
  // Group-writable, as a umask of 002 makes it: used.
  ::chmod((p.path / "poolcheck.toml").c_str(), 0664);
  CHECK(run_poolcheck({"check", "."}, "", p.path).out.find("URL005") == std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("where the app runs comes from its files, flags and config first", "[project]") {
  // A Hono service in Docker: a direct host is what a long-running server wants.
  project p;
  p.write("package.json", R"({"dependencies": {"hono": "^4.6.0", "pg": "^8.13.0"}})");
  p.write("Dockerfile", "FROM node:22-slim\nCMD [\"node\", \"dist/index.js\"]\n");
  p.write(".env", "DATABASE_URL=" + neon_direct + "\n");
  CHECK(p.check().out.find("NEON001") == std::string::npos);
  CHECK(run_poolcheck({"config", p.path.string()}).out.find("# target for files here: server") !=
        std::string::npos);
  // A folder of Kubernetes manifests says the same.
  std::filesystem::remove(p.path / "Dockerfile");
  p.write("k8s/deployment.yaml", "kind: Deployment\n");
  CHECK(run_poolcheck({"config", p.path.string()})
            .out.find("# target for files here: server (k8s)") != std::string::npos);
  std::filesystem::remove_all(p.path / "k8s");
  p.write("Dockerfile", "FROM node:22-slim\nCMD [\"node\", \"dist/index.js\"]\n");
  // --target wins over the files.
  auto flagged = run_poolcheck({"check", "--no-config", "--target", "serverless", "."}, "", p.path);
  CHECK(flagged.out.find("NEON001") != std::string::npos);
  // A platform's own file says serverless, even beside a Dockerfile, and the origin says both.
  p.write("vercel.json", "{}\n");
  CHECK(p.check().out.find("NEON001") != std::string::npos);
  CHECK(run_poolcheck({"config", p.path.string()})
            .out.find("serverless (vercel.json, over "
                      "Dockerfile)") != std::string::npos);
}

TEST_CASE("with nothing to say where the app runs, serverless advice is a guess", "[project]") {
  project p;
  p.write("package.json", R"({"dependencies": {"@prisma/client": "6.19.0", "next": "15.1.0"}})");
  p.write(".env", "DATABASE_URL=" + neon_direct + "\n");
  auto guessed = p.check();
  INFO(guessed.out);
  // Said, at info level, so it fails no build.
  CHECK(guessed.exit_code == 0);
  CHECK(guessed.out.find("info[NEON001]") != std::string::npos);
  CHECK(guessed.out.find("assuming serverless") != std::string::npos);
  CHECK(guessed.out.find("= context: role runtime (the name DATABASE_URL); target unknown, "
                         "assumed serverless") != std::string::npos);
  // A dependency on a serverless platform's package says where it runs: the advice stands.
  p.write("package.json", R"({"dependencies": {"@prisma/client": "6.19.0", "next": "15.1.0",
                              "@vercel/analytics": "1.5.0"}})");
  auto said = p.check();
  INFO(said.out);
  CHECK(said.exit_code == 1);
  CHECK(said.out.find("error[NEON001]") != std::string::npos);
  CHECK(said.out.find("target serverless (package.json:2 dependencies.@vercel/analytics)") !=
        std::string::npos);
}

TEST_CASE("JSON carries each finding's context with where each fact came from", "[project]") {
  project p;
  p.write("package.json", R"({"dependencies": {"@prisma/client": "6.19.0"}})");
  p.write("vercel.json", "{}\n");
  p.write("prisma/schema.prisma", "datasource db {\n  provider  = \"postgresql\"\n"
                                  "  url       = env(\"DATABASE_URL\")\n"
                                  "  directUrl = env(\"MIGRATE_URL\")\n}\n");
  p.write(".env", "DATABASE_URL=" + neon_direct + "\nMIGRATE_URL=" + neon_pooled + "\n");
  auto r = run_poolcheck({"check", "--no-config", "--format", "json", "."}, "", p.path);
  INFO(r.out);
  CHECK(r.out.find("\"version\": 2") != std::string::npos);
  CHECK(r.out.find("\"origin\": \"prisma/schema.prisma:4 directUrl\"") != std::string::npos);
  CHECK(r.out.find("\"origin\": \"prisma/schema.prisma:3 url\"") != std::string::npos);
  CHECK(r.out.find("\"origin\": \"vercel.json\"") != std::string::npos);
  CHECK(r.out.find("\"provider\": \"neon\"") != std::string::npos);
  CHECK(r.out.find("\"assumed\": []") != std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("a lock file gives the Prisma version a spec does not name", "[project]") {
  // `latest` names no version; pnpm's lock says 7: driver adapters ignore connection_limit.
  project p;
  p.write("package.json", R"({"dependencies": {"@prisma/client": "latest"}})");
  p.write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n\npackages:\n\n  '@prisma/client@7.1.0':\n"
                            "    resolution: {integrity: sha512-abc}\n");
  p.write(".env", "DATABASE_URL=" + neon_pooled + "&connection_limit=5\n");
  CHECK(p.check().out.find("PRISMA007") != std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

std::string const supavisor_transaction =
    "postgresql://postgres.abcdefghijklmnop@aws-1-us-east-2.pooler.supabase.com:6543/postgres";

TEST_CASE("a Python or Go manifest without Prisma gets no Prisma advice", "[project]") {
  project p;
  p.write(".env", "DATABASE_URL=" + supavisor_transaction + "\n");
  // With nothing to go by, Prisma is assumed: pgbouncer=true and connection_limit.
  REQUIRE(p.check().out.find("PRISMA001") != std::string::npos);
  SECTION("pyproject.toml with psycopg: libpq") {
    p.write("pyproject.toml", "[project]\nname = \"api\"\ndependencies = [\n  \"fastapi\",\n"
                              "  \"psycopg[binary]>=3.2\",\n]\n");
    auto r = p.check();
    CHECK(r.out.find("PRISMA") == std::string::npos);
    CHECK(r.out.find("assuming") == std::string::npos);
    CHECK(run_poolcheck({"config", p.path.string()})
              .out.find("# client for files here: libpq (pyproject.toml: psycopg)") !=
          std::string::npos);
    // libpq's own advice applies: it rejects pgbouncer=true.
    p.write(".env", "DATABASE_URL=" + supavisor_transaction + "?pgbouncer=true\n");
    CHECK(p.check().out.find("PRISMA010") != std::string::npos);
  }
  SECTION("go.mod with pgx, the .env below it: not Prisma") {
    p.write("go.mod", "module example.com/api\n\ngo 1.23\n\nrequire (\n\tgithub.com/jackc/pgx/v5 "
                      "v5.7.1\n)\n");
    p.write("deploy/.env", "DATABASE_URL=" + supavisor_transaction + "\n");
    auto r = p.check();
    CHECK(r.out.find("PRISMA") == std::string::npos);
    CHECK(r.out.find("assuming") == std::string::npos);
    CHECK(run_poolcheck({"config", (p.path / "deploy").string()})
              .out.find("# client for files here: unknown (go.mod: github.com/jackc/pgx/v5)") !=
          std::string::npos);
  }
}

TEST_CASE("requirements.txt with asyncpg: the client is asyncpg", "[project]") {
  project p;
  p.write("requirements.txt", "# API\nfastapi==0.115.0\nasyncpg==0.30.0 \\\n"
                              "    --hash=sha256:0123\npsycopg2-binary==2.9.10\n");
  p.write(".env", "DATABASE_URL=" + supavisor_transaction + "?connection_limit=5\n");
  CHECK(run_poolcheck({"config", p.path.string()})
            .out.find("# client for files here: asyncpg (requirements.txt: asyncpg, named before "
                      "psycopg2-binary)") != std::string::npos);
  auto r = p.check();
  CHECK(r.out.find("PRISMA011") != std::string::npos); // asyncpg sends it to the server
  CHECK(r.out.find("PRISMA001") == std::string::npos);
  // package.json wins over the manifest beside it.
  p.write("package.json", R"({"dependencies": {"@prisma/client": "6.19.0"}})");
  CHECK(run_poolcheck({"config", p.path.string()})
            .out.find("# client for files here: prisma (package.json: prisma 6.19.0)") !=
        std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("the schema is found where the Prisma CLI looks, inside the project only", "[project]") {
  project p;
  p.write("app/package.json", R"({"prisma": {"schema": "../shared/schema.prisma"},
                                  "dependencies": {"@prisma/client": "6.19.0"}})");
  p.write("shared/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = "
                                  "env(\"OUTSIDE_URL\")\n}\n");
  p.write("app/.env", "OUTSIDE_URL=" + neon_pooled + "\n");
  // A path out of the project is not followed: nothing names OUTSIDE_URL.
  CHECK(run_poolcheck({"config", (p.path / "app").string()}).out.find("OUTSIDE_URL") ==
        std::string::npos);
  // Nor is a symlink out of it.
  std::filesystem::create_directories(p.path / "app" / "prisma");
  std::filesystem::create_symlink(p.path / "shared" / "schema.prisma",
                                  p.path / "app" / "prisma" / "schema.prisma");
  p.write("app/package.json", R"({"dependencies": {"@prisma/client": "6.19.0"}})");
  CHECK(run_poolcheck({"config", (p.path / "app").string()}).out.find("OUTSIDE_URL") ==
        std::string::npos);
  // prisma.config.ts's `schema` wins over package.json's.
  p.write("app/prisma.config.ts", "import { defineConfig } from \"prisma/config\";\n"
                                  "export default defineConfig({ schema: \"db/main.prisma\" });\n");
  p.write("app/db/main.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = "
                                "env(\"MAIN_URL\")\n}\n");
  auto shown = run_poolcheck({"config", (p.path / "app").string()});
  INFO(shown.out);
  CHECK(shown.out.find("# MAIN_URL: role runtime (db/main.prisma:3 url)") != std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("PRISMA014 says to change the file that names the variable", "[project]") {
  // Prisma 6 with a driver adapter still migrates with the schema's url: the schema is where
  // directUrl goes, whatever client reads the variable at run time.
  project p;
  p.write("package.json", R"({"dependencies": {"@prisma/client": "6.19.0",
                                                "@prisma/adapter-pg": "6.19.0"}})");
  p.write("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = "
                                  "env(\"DATABASE_URL\")\n}\n");
  p.write(".env", "DATABASE_URL=" + neon_pooled + "\n");
  auto r = p.check();
  INFO(r.out);
  CHECK(r.out.find("warning[PRISMA014]") != std::string::npos);
  CHECK(r.out.find("add `directUrl = env(\"DIRECT_URL\")` to the datasource in "
                   "prisma/schema.prisma") != std::string::npos);
  CHECK(r.out.find("prisma.config") == std::string::npos);
}

} // namespace poolcheck::test
