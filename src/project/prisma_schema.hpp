// Reads a schema.prisma text for where its datasource takes its URLs from: `url`, `directUrl` and
// `shadowDatabaseUrl` as env("X") or a literal, and the provider. (Whether the app uses a driver
// adapter is package.json's to say: the adapter package, not a preview flag.)
#pragma once

#include "project/fact.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace poolcheck::project {

struct prisma_schema_facts {
  std::size_t datasource_count = 0;    // the settings below come from the first datasource block
  std::optional<std::string> provider; // "postgresql"; only a plain word is kept
  std::optional<url_source> url;
  std::optional<url_source> direct_url;
  std::optional<url_source> shadow_database_url;
};

/// Total: any text gives facts, missing ones empty. Follows the Prisma Schema Language grammar
/// (prisma-engines psl/schema-ast datamodel.pest): `//` and `///` comments to the end of the line
/// (there are no block comments), JSON-like strings that end at a control character, and
/// newline-terminated `key = value` lines inside blocks.
prisma_schema_facts read_prisma_schema(std::string_view text);

} // namespace poolcheck::project
