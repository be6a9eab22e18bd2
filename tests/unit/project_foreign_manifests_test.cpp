// Other ecosystems' manifests: the drivers each reader finds, with lines and names as written, and
// the client they imply.
#include "project/manifests.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace poolcheck::project;
using poolcheck::engine::client;

namespace {

/// "psycopg@3" for each driver: its name as written and its line.
std::vector<std::string> shown(std::vector<found_driver> const& found) {
  std::vector<std::string> out;
  for (auto const& d : found)
    out.push_back(d.at.key + "@" + std::to_string(d.at.line));
  return out;
}

std::vector<std::string> shown(std::optional<std::vector<found_driver>> const& found) {
  REQUIRE(found);
  return shown(*found);
}

using names = std::vector<std::string>;

} // namespace

TEST_CASE("pyproject.toml: PEP 621 dependencies and extras, in file order", "[project]") {
  // A FastAPI service's pyproject.toml (PEP 621, uv's dev dependencies).
  auto const found = read_pyproject(R"([project]
name = "api"
version = "0.1.0"
requires-python = ">=3.11"
dependencies = [
    "fastapi>=0.115",
    "SQLAlchemy[asyncio]>=2.0",  # the ORM
    "Psycopg[binary,pool] >=3.2 ; python_version >= '3.11'",
    "./vendored/psycopg2",
    "https://example.com/asyncpg.tar.gz",
]

[project.optional-dependencies]
async = ["asyncpg @ https://files.example.com/asyncpg-0.30.tar.gz"]
docs = ["mkdocs"]

[dependency-groups]
dev = ["pytest", { include-group = "lint" }, "psycopg2_binary==2.9.10"]

[tool.uv]
dev-dependencies = ["Django~=5.1"]
)");
  CHECK(shown(found) ==
        names{"SQLAlchemy@7", "Psycopg@8", "asyncpg@14", "psycopg2_binary@18", "Django@21"});
  REQUIRE(found->size() == 5);
  CHECK((*found)[1].which == driver::psycopg);
  CHECK((*found)[3].which == driver::psycopg2);
  CHECK(describe((*found)[1].at) == "pyproject.toml:8 Psycopg");
}

TEST_CASE("pyproject.toml: Poetry's dependency tables and groups by key", "[project]") {
  auto const found = read_pyproject(R"([tool.poetry]
name = "worker"

[tool.poetry.dependencies]
python = "^3.12"
psycopg2-binary = "^2.9"
requests = "*"

[tool.poetry.group.test.dependencies]
pytest = "^8"
ASYNCPG = { version = "^0.30", optional = true }

[tool.poetry.dev-dependencies]
"django" = "5.1"
)");
  CHECK(shown(found) == names{"psycopg2-binary@6", "ASYNCPG@11", "django@14"});
  // PDM's dev groups.
  CHECK(shown(read_pyproject("[tool.pdm.dev-dependencies]\ntest = [\"asyncpg>=0.29\"]\n")) ==
        names{"asyncpg@2"});
  // Prisma Client Python.
  auto const prisma = read_pyproject("[project]\ndependencies = [\"prisma==0.15.0\"]\n");
  REQUIRE(prisma);
  REQUIRE(prisma->size() == 1);
  CHECK((*prisma)[0].which == driver::prisma);
}

TEST_CASE("pyproject.toml and Cargo.toml that are not TOML give nothing", "[project]") {
  CHECK_FALSE(read_pyproject("[project\ndependencies = [\"psycopg\"]\n"));
  CHECK_FALSE(read_pyproject(std::string("\xff\xfe[project]", 11)));
  CHECK_FALSE(read_cargo_toml("[dependencies]\nsqlx = \n"));
  // Where toml++ 3.3.0 asserts or reaches `unreachable`: a parse error, or a document read.
  CHECK_FALSE(read_pyproject("[!]\n"));
  CHECK_FALSE(read_cargo_toml("dependencies = [}\n"));
  CHECK_FALSE(read_pyproject("x = 1\xC2\xA1\n"));
  CHECK(shown(read_pyproject("s = \"\"\"\\\n\xC2\xA7\"\"\"\n")).empty()); // tomlplusplus#190
  CHECK(shown(read_pyproject("# caf\xC3\xA9\n[project]\ndependencies = [\"asyncpg\"]\n")) ==
        names{"asyncpg@3"});
  // TOML with other shapes where the tables go: nothing, no error.
  CHECK(shown(read_pyproject("project = 1\ntool = [1, 2]\n")).empty());
  CHECK(shown(read_pyproject("[project]\ndependencies = \"psycopg\"\n")).empty());
  CHECK(shown(read_cargo_toml("dependencies = [\"sqlx\"]\ntarget = 3\n")).empty());
}

TEST_CASE("requirements.txt: names before specifiers, options and comments skipped", "[project]") {
  auto const found = read_requirements("\xEF\xBB\xBF# psycopg2==2.9 is the old one\n"
                                       "-r base.txt\n"
                                       "--index-url https://pypi.example.com/simple\n"
                                       "-e git+https://github.com/x/asyncpg.git#egg=asyncpg\n"
                                       "\n"
                                       "Django==5.1.2  # the web framework\n"
                                       "psycopg[binary]>=3.2; python_version >= \"3.11\"\r\n"
                                       "ASYNC_PG==1.0\n"
                                       "AsyncPG \\\n"
                                       "    ==0.30.0 \\\n"
                                       "    --hash=sha256:abc\n"
                                       "    --hash=sha256:def\n"
                                       "psycopg2.binary @ https://example.com/p.whl#sha256=1\n"
                                       "https://example.com/asyncpg-0.30.tar.gz\n"
                                       "./local/psycopg\n");
  CHECK(shown(found) == names{"Django@6", "psycopg@7", "AsyncPG@9", "psycopg2.binary@13"});
  REQUIRE(found.size() == 4);
  CHECK(found[0].which == driver::django);
  CHECK(found[2].which == driver::asyncpg);
  CHECK(found[3].which == driver::psycopg2); // PEP 503: `.` is `-`
  CHECK(found[0].at.file == file_kind::requirements_txt);
  // A comment line ending in `\` does not go on; a name line does.
  CHECK(shown(read_requirements("# a \\\nasyncpg\n")) == names{"asyncpg@2"});
  CHECK(shown(read_requirements("asyncpg\\\n")) == names{"asyncpg@1"});
  CHECK(shown(read_requirements("\\\n\\\n")).empty());
}

TEST_CASE("go.mod: require lines and blocks, comments skipped", "[project]") {
  auto const found = read_go_mod(R"(module example.com/api

go 1.23

// require github.com/lib/pq v1.10.9
require github.com/lib/pq v1.10.9 // the old driver

require (
	github.com/gin-gonic/gin v1.10.0
	github.com/jackc/pgx/v5 v5.7.1
	github.com/jackc/pgx/v5/stdlib v5.7.1
	github.com/jackc/pgpassfile v1.0.0 // indirect
	// github.com/jackc/pgx/v4 v4.18.3
	"github.com/jackc/pgx" v3.6.2+incompatible
)

replace github.com/jackc/pgx/v4 => ../pgx
exclude github.com/lib/pq v1.0.0
)");
  CHECK(shown(found) ==
        names{"github.com/lib/pq@6", "github.com/jackc/pgx/v5@10", "github.com/jackc/pgx@14"});
  REQUIRE(found.size() == 3);
  CHECK(found[0].which == driver::lib_pq);
  CHECK(found[1].which == driver::pgx);
  // A block's entries are read only inside it; a lone `)` or path is no requirement.
  CHECK(read_go_mod(")\ngithub.com/lib/pq v1.10.9\nrequire github.com/lib/pq\n").empty());
  CHECK(read_go_mod("require (\n\tgithub.com/lib/pq latest\n)\n").empty());
}

TEST_CASE("Gemfile: gem lines, comments and strings", "[project]") {
  auto const found = read_gemfile(R"(source "https://rubygems.org"
# gem "pg"
gem "rails", "~> 7.2"
gem 'pg', '~> 1.5' # PostgreSQL
gem("pg")
gem "pgvector"
gems "pg"
puts "#{gem 'pg'}"
)");
  CHECK(shown(found) == names{"pg@4", "pg@5"});
  REQUIRE_FALSE(found.empty());
  CHECK(found[0].which == driver::ruby_pg);
  CHECK(describe(found[0].at) == "Gemfile:4 pg");
}

TEST_CASE("Cargo.toml: dependency tables, targets, renames", "[project]") {
  auto const found = read_cargo_toml(R"([package]
name = "api"

[dependencies]
tokio = { version = "1", features = ["full"] }
sqlx = { version = "0.8", features = ["postgres", "runtime-tokio"] }
pg = { package = "tokio-postgres", version = "0.7" }

[dev-dependencies]
deadpool_postgres = "0.14"

[target.'cfg(unix)'.dependencies]
postgres = "0.19"

[dependencies.diesel]
version = "2.2"
features = ["postgres"]
)");
  CHECK(shown(found) ==
        names{"sqlx@6", "pg@7", "deadpool_postgres@10", "postgres@13", "diesel@15"});
  REQUIRE(found->size() == 5);
  CHECK((*found)[1].which == driver::tokio_postgres);
  CHECK((*found)[2].which == driver::deadpool_postgres);
  CHECK((*found)[3].which == driver::rust_postgres);
  CHECK((*found)[4].which == driver::diesel);
}

TEST_CASE("pom.xml and Gradle: the PostgreSQL JDBC driver outside comments", "[project]") {
  auto const pom = read_jvm_build(R"(<project>
  <dependencies>
    <!--
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>postgresql</artifactId>
    </dependency>
    -->
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>r2dbc-postgresql</artifactId>
    </dependency>
    <dependency>
      <artifactId>postgresql</artifactId>
      <groupId> org.postgresql </groupId>
      <scope>runtime</scope>
    </dependency>
  </dependencies>
</project>
)",
                                  file_kind::pom_xml);
  CHECK(shown(pom) == names{"org.postgresql:postgresql@15"});
  auto const gradle = read_jvm_build(R"(dependencies {
    // implementation 'org.postgresql:postgresql:42.7.3'
    /* runtimeOnly "org.postgresql:postgresql" */
    implementation 'org.postgresql:r2dbc-postgresql:1.0.7.RELEASE'
    runtimeOnly 'org.postgresql:postgresql:42.7.4' // JDBC
    runtimeOnly group: 'org.postgresql', name: 'postgresql', version: '42.7.4'
    implementation("org.postgresql:postgresql")
    implementation "org.postgresql:postgresqlx:1"
}
)",
                                     file_kind::build_gradle_kts);
  CHECK(shown(gradle) == names{"org.postgresql:postgresql@5", "org.postgresql:postgresql@6",
                               "org.postgresql:postgresql@7"});
  REQUIRE_FALSE(gradle.empty());
  CHECK(gradle[0].which == driver::jdbc);
  CHECK(gradle[0].at.file == file_kind::build_gradle_kts);
  CHECK(read_jvm_build("<dependency><groupId>org.postgresql", file_kind::pom_xml).empty());
}

TEST_CASE("manifest file names", "[project]") {
  CHECK(manifest_kind("pyproject.toml") == file_kind::pyproject_toml);
  CHECK(manifest_kind("requirements.txt") == file_kind::requirements_txt);
  CHECK(manifest_kind("requirements-dev.txt") == file_kind::requirements_txt);
  CHECK(manifest_kind("go.mod") == file_kind::go_mod);
  CHECK(manifest_kind("Cargo.toml") == file_kind::cargo_toml);
  CHECK(manifest_kind("Gemfile") == file_kind::gemfile);
  CHECK(manifest_kind("pom.xml") == file_kind::pom_xml);
  CHECK(manifest_kind("build.gradle.kts") == file_kind::build_gradle_kts);
  CHECK_FALSE(manifest_kind("Gemfile.lock"));
  CHECK_FALSE(manifest_kind("requirements.in"));
  CHECK_FALSE(manifest_kind("go.sum"));
  CHECK(to_string(file_kind::go_mod) == "go.mod");
  CHECK(to_string(file_kind::build_gradle_kts) == "build.gradle.kts");
}

TEST_CASE("the client a project's manifests imply", "[project]") {
  auto manifest_of = [](std::string name, std::string_view text) {
    auto const kind = manifest_kind(name);
    REQUIRE(kind);
    auto drivers = read_manifest(*kind, text);
    REQUIRE(drivers);
    return manifest{std::move(name), *kind, std::move(*drivers)};
  };
  SECTION("libpq-based drivers") {
    auto c = client_from(
        {manifest_of("pyproject.toml", "[project]\ndependencies = [\"psycopg[binary]\"]\n")});
    REQUIRE(c);
    CHECK(c->value == client::libpq);
    CHECK(c->origin == "pyproject.toml: psycopg");
    CHECK(c->not_prisma);
    c = client_from({manifest_of("Gemfile", "gem 'rails'\ngem 'pg'\n")});
    REQUIRE(c);
    CHECK(c->value == client::libpq);
    CHECK(c->origin == "Gemfile: pg");
  }
  SECTION("the first of psycopg and asyncpg decides, and the origin says so") {
    auto c = client_from({manifest_of("requirements.txt", "asyncpg\nsqlalchemy\npsycopg2\n")});
    REQUIRE(c);
    CHECK(c->value == client::asyncpg);
    CHECK(c->origin == "requirements.txt: asyncpg, named before psycopg2");
    // requirements.txt is consulted before requirements-dev.txt, whatever the listing's order.
    c = client_from({manifest_of("requirements-dev.txt", "psycopg2-binary\n"),
                     manifest_of("requirements.txt", "SQLAlchemy\nasyncpg\n")});
    REQUIRE(c);
    CHECK(c->value == client::asyncpg);
    CHECK(c->origin ==
          "requirements.txt: asyncpg; requirements-dev.txt also names psycopg2-binary");
  }
  SECTION("drivers of unknown clients, and none, are not Prisma") {
    auto c = client_from({manifest_of("go.mod", "require github.com/jackc/pgx/v5 v5.7.1\n")});
    REQUIRE(c);
    CHECK(c->value == client::unknown);
    CHECK(c->not_prisma);
    CHECK(c->origin == "go.mod: github.com/jackc/pgx/v5");
    // SQLAlchemy alone: its driver is not named.
    c = client_from({manifest_of("requirements.txt", "SQLAlchemy==2.0\n")});
    REQUIRE(c);
    CHECK(c->value == client::unknown);
    CHECK(c->origin == "requirements.txt: SQLAlchemy");
    c = client_from({manifest_of("Cargo.toml", "[dependencies]\nserde = \"1\"\n"),
                     manifest_of("go.mod", "module x\n")});
    REQUIRE(c);
    CHECK(c->value == client::unknown);
    CHECK(c->not_prisma);
    CHECK(c->origin == "go.mod: no Prisma"); // go.mod is consulted first
  }
  SECTION("Prisma Client Python is Prisma") {
    auto c = client_from(
        {manifest_of("pyproject.toml", "[project]\ndependencies = [\"psycopg\", \"prisma\"]\n")});
    REQUIRE(c);
    CHECK(c->value == client::prisma);
    CHECK_FALSE(c->not_prisma);
    CHECK(c->origin == "pyproject.toml: prisma");
  }
  CHECK_FALSE(client_from({}));
}
