// libFuzzer target for pg::classify and pg::parse: any bytes must classify and parse without a
// crash, every span must lie inside the string, and whenever the string is libpq-valid by the
// conservative definition below, libpq's own PQconninfoParse must accept it and store exactly
// what our reading implies.
#include "fuzz/property.hpp"
#include "pg/conninfo.hpp"
#include "support/libpq_reading.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <libpq-fe.h>
#include <map>
#include <set>
#include <string>
#include <string_view>

using namespace poolcheck;

namespace {

using test::ask_libpq;

using fuzz::fail;
using fuzz::require;

void require_within(byte_span s, std::string_view text, char const* what) {
  require(fuzz::within(s, 0, text.size()), what, text);
}

void check_spans(pg::conninfo const& ci, std::string_view text) {
  require(ci.end == text.size(), "end is the string size", text);
  require_within(ci.raw_scheme, text, "scheme span");
  if (ci.user)
    require_within(ci.user->raw, text, "user span");
  if (ci.password)
    require_within(ci.password->raw, text, "password span");
  if (ci.dbname)
    require_within(ci.dbname->raw, text, "dbname span");
  if (ci.raw_query)
    require_within(*ci.raw_query, text, "query span");
  for (auto const& h : ci.hosts) {
    require_within(h.raw, text, "host span");
    if (h.port)
      require_within(h.port->raw, text, "port span");
  }
  for (auto const& p : ci.params) {
    require_within(p.raw, text, "param span");
    require_within(p.raw_key, text, "param key span");
    require_within(p.raw_value, text, "param value span");
    require(p.raw.begin <= p.raw_key.begin && p.raw_value.end <= p.raw.end,
            "param key and value inside the param", text);
  }
  std::size_t previous = 0;
  for (auto const& problem : ci.problems) {
    require_within(problem.raw, text, "problem span");
    require(problem.raw.begin >= previous, "problems sorted by position", text);
    previous = problem.raw.begin;
  }
}

// The keywords the linked libpq knows (PQconndefaults), plus requiressl, which conninfo_storeval
// still maps to sslmode. Asking libpq keeps the definition right for whatever version is linked.
std::set<std::string, std::less<>> const& libpq_keywords() {
  static std::set<std::string, std::less<>> const keywords = [] {
    std::set<std::string, std::less<>> out{"requiressl"};
    PQconninfoOption* defaults = PQconndefaults();
    for (auto const* o = defaults; o != nullptr && o->keyword != nullptr; ++o)
      out.insert(o->keyword);
    PQconninfoFree(defaults);
    return out;
  }();
  return keywords;
}

// libpq-valid, URL form. Conservative: a string that passes must be one libpq reads without doubt,
// so any difference in what is stored is a bug on one side.
//  - the scheme is exactly postgres:// or postgresql:// (libpq's prefix is case-sensitive and
//    knows no +driver suffix);
//  - parse() reports no problem (each problem kind marks text libpq refuses or reads differently);
//  - the query is `key=value` pieces joined by '&' (a trailing '&' is fine): libpq refuses an
//    empty piece, a piece without '=' and a second '=' in one piece, which we leave to the rules;
//  - every key is a keyword the linked libpq knows (unknown keys are refused; `ssl=true` is a
//    JDBC alias that libpq rewrites, so it is left out too).
// Userinfo needs no rule of its own: where parse() reads an '@' more generously than libpq (a raw
// '@', '/' or '?' in the user or password) it reports reserved_in_userinfo.
bool libpq_valid_url(std::string_view s, pg::conninfo const& ci) {
  if (!s.starts_with("postgres://") && !s.starts_with("postgresql://"))
    return false;
  if (!ci.problems.empty())
    return false;
  if (ci.raw_query) {
    auto const query = ci.raw_query->of(s);
    std::size_t piece_begin = 0;
    for (;;) {
      auto const amp = query.find('&', piece_begin);
      auto const piece = query.substr(
          piece_begin, amp == std::string_view::npos ? std::string_view::npos : amp - piece_begin);
      bool const last = amp == std::string_view::npos;
      if (piece.empty()) {
        if (!last)
          return false;
      } else if (std::count(piece.begin(), piece.end(), '=') != 1) {
        return false;
      }
      if (last)
        break;
      piece_begin = amp + 1;
    }
  }
  auto const& keywords = libpq_keywords();
  return std::all_of(ci.params.begin(), ci.params.end(),
                     [&](pg::param const& p) { return keywords.contains(p.key); });
}

// libpq-valid, keyword form: no problem reported and every key known to libpq.
bool libpq_valid_keywords(pg::conninfo const& ci) {
  if (!ci.problems.empty())
    return false;
  auto const& keywords = libpq_keywords();
  return std::all_of(ci.params.begin(), ci.params.end(),
                     [&](pg::param const& p) { return keywords.contains(p.key); });
}

void compare_with_libpq(std::string_view text, pg::conninfo const& ci) {
  auto const libpq = ask_libpq(std::string(text));
  if (!libpq.accepted) {
    std::fprintf(stderr, "conninfo_fuzz: libpq refused: %s", libpq.error.c_str());
    fail("libpq accepts a libpq-valid string", text);
  }
  auto const ours = test::as_libpq_would_store(ci);
  if (ours != libpq.stored) {
    for (auto const& [k, v] : libpq.stored)
      std::fprintf(stderr, "  libpq %s=[%s]\n", k.c_str(), v.c_str());
    for (auto const& [k, v] : ours)
      std::fprintf(stderr, "  ours  %s=[%s]\n", k.c_str(), v.c_str());
    fail("libpq stores what parse() read", text);
  }
  if (ci.form == pg::form::keyword) {
    // The convenience fields must echo the values libpq keeps for the same keys.
    require(test::keyword_conveniences(ci) == test::libpq_conveniences(libpq.stored),
            "keyword user, password, dbname and host list", text);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const text(reinterpret_cast<char const*>(data), size);
  auto const kind = pg::classify(text);
  auto const ci = pg::parse(text);
  check_spans(ci, text);
  if (kind == pg::scheme_kind::postgres)
    require(ci.form == pg::form::url && !ci.scheme.empty(), "postgres classifies as URL", text);
  if (kind == pg::scheme_kind::keyword)
    require(ci.form == pg::form::keyword, "keyword classifies as keyword form", text);

  // libpq reads a C string: a NUL byte would end it early, so such input says nothing.
  if (text.find('\0') != std::string_view::npos)
    return 0;
  bool const valid =
      ci.form == pg::form::url ? libpq_valid_url(text, ci) : libpq_valid_keywords(ci);
  if (valid)
    compare_with_libpq(text, ci);
  return 0;
}
