// libpq's own reading of a connection string (PQconninfoParse), and what libpq would store for
// poolcheck's reading of it: the two sides every libpq differential test compares.
#pragma once

#include "pg/conninfo.hpp"

#include <map>
#include <string>

namespace poolcheck::test {

using values = std::map<std::string, std::string>;

struct libpq_reading {
  bool accepted = false;
  std::string error;
  values stored; // keywords whose val is non-NULL
};

/// PQconninfoParse's result for `text`.
libpq_reading ask_libpq(std::string const& text);

/// What libpq stores for our reading. URI parts first, skipping empty ones as libpq does ("Avoid
/// setting dbname to an empty string"), then every parameter in order, the last one winning,
/// with libpq's two keyword translations (ssl=true, requiressl).
values as_libpq_would_store(pg::conninfo const& ci);

/// Keyword form's convenience fields (user, password, dbname, the host list), by libpq keyword:
/// they must echo what libpq stores for those keys (libpq_conveniences).
values keyword_conveniences(pg::conninfo const& ci);

/// libpq's stored values for the keys keyword_conveniences gives ("" when absent).
values libpq_conveniences(values const& stored);

} // namespace poolcheck::test
