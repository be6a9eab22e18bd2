// Reads a drizzle.config.ts / .js text for the URL drizzle-kit migrates with:
// `dbCredentials: { url: process.env.X! }` (or `connectionString`, drizzle-kit before 0.21) in the
// object passed to defineConfig or exported as default. TypeScript is never run.
#pragma once

#include "project/fact.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace poolcheck::project {

struct drizzle_config_facts {
  bool config_found = false;          // the config object was found (see js::config_object)
  std::optional<std::string> dialect; // "postgresql"; only a plain word is kept
  std::optional<url_source> url;      // the migrations URL
};

/// Total: an unknown shape gives nothing found rather than a guess.
drizzle_config_facts read_drizzle_config(std::string_view text);

} // namespace poolcheck::project
