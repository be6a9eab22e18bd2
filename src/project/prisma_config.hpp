// Reads a prisma.config.ts / .js / .mjs text (Prisma 7) for where its datasource takes its URLs
// from: `datasource: { url: env("X"), shadowDatabaseUrl: ... }` in the object passed to
// defineConfig or exported as default. TypeScript is never run.
#pragma once

#include "project/fact.hpp"

#include <optional>
#include <string_view>

namespace poolcheck::project {

struct prisma_config_facts {
  bool config_found = false;     // the config object was found (see js::config_object)
  bool datasource_found = false; // it has a `datasource` object
  std::optional<url_source> url;
  std::optional<url_source> shadow_database_url;
  std::optional<std::string> schema; // `schema: "..."`: the schema file or folder, when a string
};

/// Total: an unknown shape gives nothing found rather than a guess.
prisma_config_facts read_prisma_config(std::string_view text);

} // namespace poolcheck::project
