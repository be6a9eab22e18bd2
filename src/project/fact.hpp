// What every project reader hands back: a fact and where it came from (which kind of file, which
// line, which key), so messages can say "role direct (prisma/schema.prisma:7 directUrl)".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace poolcheck::project {

enum class file_kind {
  prisma_schema,  // schema.prisma
  prisma_config,  // prisma.config.ts / .js / .mjs (Prisma 7)
  drizzle_config, // drizzle.config.ts / .js
  package_json,
  package_lock, // package-lock.json
  pnpm_lock,    // pnpm-lock.yaml
  yarn_lock,    // yarn.lock
  bun_lock,     // bun.lock (text form)
  // Other ecosystems' manifests (manifests.hpp), in the order they are consulted.
  pyproject_toml,
  requirements_txt, // requirements.txt, requirements-dev.txt, ...
  go_mod,
  cargo_toml,
  gemfile,
  pom_xml,
  build_gradle,
  build_gradle_kts,
};

/// The usual file name of a kind ("schema.prisma", "prisma.config.ts", ...), for messages when the
/// caller has no path.
std::string_view to_string(file_kind k);

struct origin {
  file_kind file = file_kind::package_json;
  std::size_t line = 0; // 1-based; 0 when the reader could not tell
  std::string key;      // what was read there: "directUrl", "datasource.url", "dependencies.pg"

  friend bool operator==(origin const&, origin const&) = default;
};

/// "prisma/schema.prisma:7 directUrl": `path` when given, else the kind's usual file name.
std::string describe(origin const& o, std::string_view path = {});

/// How a URL setting gets its value.
enum class value_kind {
  variable,   // from an environment variable, named in `url_source::variable`
  literal,    // a string written in the file; its text is never kept (it may hold a password)
  expression, // anything else (a call, a concatenation, a variable of the program)
};

struct url_source {
  value_kind kind = value_kind::expression;
  std::string variable; // the variable's name when kind is variable, else empty
  /// `process.env.X ?? "..."` or `|| "..."`: another value when X is unset.
  bool has_fallback = false;
  origin at;

  friend bool operator==(url_source const&, url_source const&) = default;
};

/// Whether `name` can be an environment variable's name as these files write it
/// ([A-Za-z_][A-Za-z0-9_]*). Anything else read where a name goes is not kept: it may be a URL.
bool is_variable_name(std::string_view name);

} // namespace poolcheck::project
