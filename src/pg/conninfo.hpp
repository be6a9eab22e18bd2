// A PostgreSQL connection string, understood: URL form (postgres://, postgresql://, and
// SQLAlchemy-style postgresql+driver://) or libpq keyword form (host=... dbname=...). Every part
// keeps the byte span it came from in the original string, so findings point at it and fixes
// edit only those bytes. Strictness that Boost.URL 1.81 lacks (multi-host, raw `@`/`#` in the
// password, port range, a second `?`) is checked here and reported as syntax_problems.
#pragma once

#include "core/span.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::pg {

enum class form { url, keyword };

/// A component as written (raw span, relative to the connection string) and decoded.
struct component {
  std::string decoded;
  byte_span raw;
};

struct host {
  std::string name; // decoded; IPv6 without brackets; a socket directory as is
  byte_span raw;    // the host as written (brackets included)
  bool ipv6 = false;
  bool unix_socket = false;      // name starts with '/'
  std::optional<component> port; // the text after ':' (may be empty, which means default)
};

struct param {
  std::string key;   // decoded (percent-decoding only: '+' stays '+', as in libpq)
  std::string value; // decoded
  byte_span raw;     // `key=value` as written
  byte_span raw_key;
  byte_span raw_value;
};

enum class problem_kind {
  reserved_in_userinfo, // raw '@', '/', '?', '#', ' ' in user or password (Prisma P1013)
  bad_percent,          // '%' not followed by two hex digits, or %00 (libpq refuses both)
  second_question_mark, // '?' inside the query: a parameter appended with '?' instead of '&'
  bad_port,             // not numeric, or outside 1..65535
  uppercase_scheme,     // libpq's scheme prefix is case-sensitive
  duplicate_param,      // same key twice (libpq: the last one wins)
  unparsable,           // no sensible reading at all (keyword form: missing '=', bad quote)
};

struct syntax_problem {
  problem_kind kind;
  byte_span raw;      // what is wrong, relative to the connection string
  std::string detail; // e.g. the offending key or port text; never a password
};

struct conninfo {
  pg::form form = form::url;
  std::string scheme;   // lower-cased, e.g. "postgresql" or "postgresql+asyncpg"; empty for keyword
  byte_span raw_scheme; // as written
  std::optional<component> user;
  std::optional<component> password;
  std::vector<host> hosts; // the authority's host list, in order; empty when none was written
  std::optional<component> dbname;
  std::vector<param> params; // URL query or keyword pairs other than host/port/user/... in keyword
                             // form: there every key=value pair is a param, host and port included
  std::optional<byte_span> raw_query; // URL form: the bytes after '?' (may be empty)
  std::size_t end = 0;                // size of the connection string
  std::vector<syntax_problem> problems;

  /// The last parameter named `key` (libpq: the last one wins), or nullptr.
  [[nodiscard]] param const* find(std::string_view key) const;
};

enum class scheme_kind {
  postgres, // postgres://, postgresql://, postgresql+driver:// (any case)
  prisma,   // prisma://, prisma+postgres:// (Accelerate / Prisma Postgres): recognised, left alone
  other,    // another URL scheme (mysql://, redis://, https://...)
  keyword,  // looks like a libpq keyword/value string
  none,     // not a connection string
};

/// Classifies a logical .env value without parsing it fully.
scheme_kind classify(std::string_view value);

/// Whether classify() calls `value` a PostgreSQL connection string (URL or keyword form).
bool is_connection_string(std::string_view value);

/// The keys libpq reads in a URI query: its connection keywords ("34.1.2 Parameter Key Words"), up
/// to PostgreSQL 16's load_balance_hosts, the old requiressl it still maps to sslmode, and `ssl`,
/// which a URI query may carry for JDBC's sake (libpq maps ssl=true to sslmode=require). The one
/// list: rules name it `libpq_keywords`.
std::span<std::string_view const> libpq_query_keys();

/// Parses a value that classify() called postgres or keyword. Never throws; placeholders such as
/// `${VAR}`, `<password>` or `[YOUR-PASSWORD]` parse as ordinary text.
conninfo parse(std::string_view value);

} // namespace poolcheck::pg
