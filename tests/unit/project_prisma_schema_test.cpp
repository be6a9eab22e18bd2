// The schema.prisma reader: env() variables with their lines, literals kept as a kind only,
// comments and strings never mistaken for settings.
#include "project/prisma_schema.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace poolcheck::project;

namespace {

// The shape of create-t3-app's prisma/schema.prisma, with a directUrl added.
constexpr char const* t3_schema = R"(// This is your Prisma schema file,
// learn more about it in the docs: https://pris.ly/d/prisma-schema

generator client {
    provider = "prisma-client-js"
}

datasource db {
    provider  = "postgresql"
    // NOTE: When using mysql or sqlserver, uncomment the @db.Text annotations below
    url       = env("DATABASE_URL")
    directUrl = env("DIRECT_URL") // migrations
}

model Post {
    id        Int      @id @default(autoincrement())
    name      String
    createdAt DateTime @default(now())

    @@index([name])
}
)";

} // namespace

TEST_CASE("schema.prisma: env() variables, provider and lines", "[project]") {
  auto const f = read_prisma_schema(t3_schema);
  CHECK(f.datasource_count == 1);
  CHECK(f.provider == "postgresql");
  REQUIRE(f.url);
  CHECK(f.url->kind == value_kind::variable);
  CHECK(f.url->variable == "DATABASE_URL");
  CHECK(f.url->at.line == 11);
  REQUIRE(f.direct_url);
  CHECK(f.direct_url->variable == "DIRECT_URL");
  CHECK(describe(f.direct_url->at, "prisma/schema.prisma") == "prisma/schema.prisma:12 directUrl");
  CHECK_FALSE(f.shadow_database_url);
}

TEST_CASE("schema.prisma: a literal URL is a kind, never text", "[project]") {
  auto const f =
      read_prisma_schema("datasource db {\n  provider = \"postgresql\"\n"
                         "  url = \"postgresql://app:Sup3rS3cret@db.example.com/app\"\n"
                         "  shadowDatabaseUrl = env(\"postgres://u:Sup3rS3cret@h/d\")\n}\n");
  REQUIRE(f.url);
  CHECK(f.url->kind == value_kind::literal);
  CHECK(f.url->variable.empty());
  REQUIRE(f.shadow_database_url);
  CHECK(f.shadow_database_url->kind == value_kind::expression); // not a variable's name
  for (auto const* s : {&*f.url, &*f.shadow_database_url}) {
    CHECK(s->variable.find("Sup3rS3cret") == std::string::npos);
    CHECK(describe(s->at).find("Sup3rS3cret") == std::string::npos);
  }
}

TEST_CASE("schema.prisma: comments hide settings, strings hold braces", "[project]") {
  auto const f = read_prisma_schema(R"(/// docs for the block
datasource db {
  // url = env("COMMENTED_OUT")
  /// directUrl = env("DOC_COMMENTED")
  provider = "postgresql"
  url = env("REAL_URL") // trailing } comment
}
model A {
  note String @default("} datasource x {")
}
datasource second {
  url = env("SECOND")
}
)");
  CHECK(f.datasource_count == 2);
  REQUIRE(f.url);
  CHECK(f.url->variable == "REAL_URL");
  CHECK(f.url->at.line == 6);
  CHECK_FALSE(f.direct_url);
}

TEST_CASE("schema.prisma: unusual values and broken input", "[project]") {
  auto const f = read_prisma_schema("datasource db {\r\n  url = env(\"A\") + x\r\n"
                                    "  directUrl = \"unterminated\r\n}\r\n");
  REQUIRE(f.url);
  CHECK(f.url->kind == value_kind::expression);
  REQUIRE(f.direct_url);
  CHECK(f.direct_url->kind == value_kind::expression); // the string never closed
  CHECK(f.direct_url->at.line == 3);

  auto const empty = read_prisma_schema("");
  CHECK(empty.datasource_count == 0);
  CHECK_FALSE(empty.url);
  CHECK_FALSE(read_prisma_schema("datasource db {\n  url = env(\"X").url->variable.size());
  CHECK(read_prisma_schema("datasource db {\n  url = env(\"X\")").url->variable == "X");
  CHECK_FALSE(read_prisma_schema("datasource db {\n  url = env(\"A\\u0042\")\n}").url->kind ==
              value_kind::variable); // an escape: the name is not what it looks like
}
