// Reads other ecosystems' manifests (Python, Go, Rust, Ruby, JVM) for the PostgreSQL drivers a
// project depends on, and turns what they name into the client of its URLs. A project with such a
// manifest and no Prisma is not Prisma. Every reader is total: any bytes give a list, empty for
// garbage (the TOML ones give nullopt when the text is not TOML).
#pragma once

#include "engine/context.hpp"
#include "project/fact.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::project {

enum class driver {
  psycopg2,          // psycopg2, psycopg2-binary: libpq
  psycopg,           // psycopg 3: psycopg, psycopg-binary, psycopg-c: libpq
  asyncpg,           // asyncpg: its own URL reader
  sqlalchemy,        // SQLAlchemy: the driver it is given reads the URL
  django,            // Django: likewise
  prisma,            // Prisma Client Python (`prisma` on PyPI), Go, Rust: Prisma's query engine
  pgx,               // github.com/jackc/pgx (v4, v5)
  lib_pq,            // github.com/lib/pq
  ruby_pg,           // the `pg` gem: libpq
  sqlx,              // Rust
  tokio_postgres,    // Rust
  rust_postgres,     // Rust `postgres`
  diesel,            // Rust
  deadpool_postgres, // Rust
  jdbc,              // org.postgresql:postgresql
};

std::string_view to_string(driver d);

/// The client a driver reads URLs as: libpq for the libpq-based ones, asyncpg, Prisma; unknown
/// for the others (their rules are not poolcheck's yet), which are still not Prisma.
engine::client client_for(driver d);

struct found_driver {
  driver which;
  origin at; // the line, and the name as written: "psycopg", "github.com/jackc/pgx/v5"
};

/// The kind of manifest a file name (no folder) is: pyproject.toml, requirements*.txt, go.mod,
/// Gemfile, Cargo.toml, pom.xml, build.gradle, build.gradle.kts; nullopt for any other name.
std::optional<file_kind> manifest_kind(std::string_view file_name);

/// pyproject.toml: PEP 621 `project.dependencies` and `project.optional-dependencies.*`, PEP 735
/// `dependency-groups.*`, PDM's `tool.pdm.dev-dependencies.*` and uv's `tool.uv.dev-dependencies`
/// (PEP 508 strings), and Poetry's `tool.poetry.dependencies`, `tool.poetry.dev-dependencies` and
/// `tool.poetry.group.*.dependencies` (keys). In file order; nullopt when the text is not TOML.
std::optional<std::vector<found_driver>> read_pyproject(std::string_view text);

/// requirements*.txt, pip's format line by line: `#` comments (at a line's start or after a
/// space), `\` continuations, blank lines and options (`-r`, `-e`, `--hash`, ...) are skipped;
/// a line's name is what precedes its extras, specifiers, markers or `@ url`, compared as PEP 503
/// normalises it (case-insensitive, `-`, `_` and `.` alike).
std::vector<found_driver> read_requirements(std::string_view text);

/// go.mod: `require path version` lines and `require ( ... )` blocks, `//` comments skipped
/// (`// indirect` requirements count: a driver another module brings is still the app's).
std::vector<found_driver> read_go_mod(std::string_view text);

/// Gemfile: `gem "pg"` and `gem('pg', ...)` lines, `#` comments skipped.
std::vector<found_driver> read_gemfile(std::string_view text);

/// Cargo.toml: the keys of `dependencies`, `dev-dependencies`, `build-dependencies`,
/// `workspace.dependencies` and their `target.*.` forms; a renamed dependency
/// (`pg = { package = "tokio-postgres" }`) by its package. In file order; nullopt when the text
/// is not TOML.
std::optional<std::vector<found_driver>> read_cargo_toml(std::string_view text);

/// pom.xml, build.gradle, build.gradle.kts: the PostgreSQL JDBC driver (`org.postgresql` and
/// `postgresql`) by a substring search, outside comments: a pom.xml `<dependency>` whose groupId
/// and artifactId are those, a Gradle `org.postgresql:postgresql` coordinate or a line with
/// `group: 'org.postgresql'` and `name: 'postgresql'`.
std::vector<found_driver> read_jvm_build(std::string_view text, file_kind kind);

/// The reader for `kind`; nullopt when the text is not what the kind is (not TOML), or the kind
/// is no manifest read here.
std::optional<std::vector<found_driver>> read_manifest(file_kind kind, std::string_view text);

struct manifest {
  std::string name; // the file's name in the project folder: "requirements-dev.txt"
  file_kind kind = file_kind::pyproject_toml;
  std::vector<found_driver> drivers;
};

/// The client a project's manifests imply, consulted in a fixed order (pyproject.toml,
/// requirements.txt, other requirements*.txt by name, go.mod, Cargo.toml, Gemfile, pom.xml,
/// build.gradle, build.gradle.kts) and each in file order: Prisma when one names it; else the
/// first driver with a known client, the origin saying when a driver read as another client
/// comes after it ("pyproject.toml: psycopg, named before asyncpg"); else unknown and not
/// Prisma, naming the first driver ("go.mod: github.com/jackc/pgx/v5") or none
/// ("Gemfile: no Prisma"). nullopt when `manifests` is empty.
std::optional<engine::client_choice> client_from(std::vector<manifest> manifests);

} // namespace poolcheck::project
