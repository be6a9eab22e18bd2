// Differential test against libpq's own parser (PQconninfoParse) on thousands of generated URLs:
// pg::parse must read what libpq reads wherever it reports no problem, and every problem it
// reports must be one libpq trips over (or reads differently); and every URL that
// fixes::rewrite_url produces for a libpq client must be accepted by libpq and keep the user,
// password, database and parameters of the original. The hand-picked cases, with libpq's messages,
// are in unit/libpq_oracle_test.cpp; this file covers the combinations.
#include "engine/analysis.hpp"
#include "env/document.hpp"
#include "fix/rewrite.hpp"
#include "pg/conninfo.hpp"
#include "support/libpq_reading.hpp"
#include "support/random_source.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace poolcheck::test {
namespace {

bool has(pg::conninfo const& ci, pg::problem_kind kind) {
  return std::any_of(ci.problems.begin(), ci.problems.end(),
                     [&](auto const& p) { return p.kind == kind; });
}

std::string describe(values const& v) {
  std::string out = "{";
  for (auto const& [key, value] : v)
    out += std::string(out.size() > 1 ? ", " : " ") + key + "=" + value;
  return out + " }";
}

// ---------------------------------------------------------------------------------------------
// Generated URLs.

using pieces = std::vector<std::string>;

struct generated_url {
  std::string text;
  bool raw_reserved_in_userinfo = false; // a raw '@', '/', '?', '#' or ' ' in the user or password
};

// A reserved character, usually percent-encoded, sometimes pasted raw.
struct reserved {
  char raw;
  std::string_view encoded;
};

std::vector<reserved> const userinfo_reserved{{'@', "%40"}, {'/', "%2F"}, {'?', "%3F"},
                                              {'#', "%23"}, {' ', "%20"}, {'%', "%25"},
                                              {':', "%3A"}};

// Password characters that need no encoding for libpq (sub-delims, unreserved, UTF-8).
pieces const plain_password_chars{"a", "Z", "7", "-", "_", ".", "~", "!", "$", "&",        "'",
                                  "(", ")", "*", "+", ",", ";", "=", "[", "]", "\xC3\xA9", "%41"};

std::string userinfo_text(random_source& rng, bool is_user, generated_url& url) {
  if (is_user && rng.percent(60))
    return rng.pick(pieces{"app", "postgres", "postgres.abcdefghijklmnop", "ren\xC3\xA9", "%C3%A9",
                           "a+b", "u_1", "x.y-z", "${DB_USER}", "<user>", ""});
  std::string out;
  std::size_t const n = rng.below(10);
  for (std::size_t i = 0; i < n; ++i) {
    if (rng.percent(25)) {
      auto const& r = rng.pick(userinfo_reserved);
      // A raw ':' in the user would split user from password: no reader can tell, so never.
      bool const raw = rng.percent(is_user && r.raw == ':' ? 0 : 15);
      if (raw) {
        out += r.raw;
        url.raw_reserved_in_userinfo =
            url.raw_reserved_in_userinfo || (r.raw != '%' && r.raw != ':');
      } else {
        out += r.encoded;
      }
    } else {
      out += rng.pick(plain_password_chars);
    }
  }
  if (rng.percent(2))
    out += rng.pick(pieces{"%00", "%zz", "%4"}); // refused by libpq
  return out;
}

std::string host_item(random_source& rng) {
  std::string out;
  switch (rng.below(10)) {
  case 0:
    out = rng.pick(pieces{"127.0.0.1", "10.0.0.5", "192.168.1.20"});
    break;
  case 1:
    out = rng.pick(pieces{"[::1]", "[2001:db8::1234]", "[fe80::1%25eth0]", "[::ffff:10.0.0.1]"});
    break;
  case 2:
    out = rng.pick(pieces{"", "%2Ftmp", "%2Fvar%2Frun%2Fpostgresql"}); // empty, or a socket folder
    break;
  case 3:
    if (rng.percent(30)) // malformed, refused by libpq
      return rng.pick(pieces{"[::1", "[]", "[::1]x"});
    out = rng.pick(pieces{"ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech",
                          "ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech",
                          "aws-1-us-east-2.pooler.supabase.com", "db.abcdefghijklmnop.supabase.co",
                          "dawn-lake-123456.cloud.neon.tech", "db.prisma.io"});
    break;
  default:
    out = rng.pick(pieces{"localhost", "db.example.com", "db", "my-host_1.internal"});
  }
  if (rng.percent(45))
    out += ":" + rng.pick(pieces{"5432", "5432", "6543", "1", "65535", "", "99999", "0", "54x2"});
  return out;
}

// Keyword parameters libpq 15 knows, with plausible values, percent-encoded or with raw '@', '/',
// ':' and '+'. Not load_balance_hosts: it is PostgreSQL 16's, and libpq 15 refuses it.
pieces const libpq_params{"sslmode=require",
                          "sslmode=disable",
                          "sslmode=verify-full",
                          "sslmode=prefer",
                          "connect_timeout=10",
                          "connect_timeout=0",
                          "application_name=my%20app",
                          "application_name=a+b",
                          "application_name=me@laptop",
                          "application_name=x/y:z",
                          "application_name=caf%C3%A9",
                          "application_name=",
                          "options=-c%20search_path%3Dfoo",
                          "target_session_attrs=any",
                          "target_session_attrs=read-write",
                          "keepalives=1",
                          "ssl=true",
                          "host=%2Ftmp",
                          "host=localhost",
                          "port=5433",
                          "user=me%40example.com",
                          "user=me@example.com",
                          "dbname=other",
                          "requiressl=1",
                          "requiressl=0",
                          "channel_binding=require",
                          "sslrootcert=system",
                          "fallback_application_name=tool",
                          "client_encoding=UTF8"};

// Parameters only Prisma's query engine reads: libpq refuses them, the rewrite removes them.
pieces const prisma_params{"pgbouncer=true",        "connection_limit=5", "pool_timeout=0",
                           "schema=public",         "sslaccept=strict",   "socket_timeout=10",
                           "statement_cache_size=0"};

generated_url random_url(random_source& rng, bool with_prisma_params) {
  generated_url url;
  std::string& s = url.text;
  s = rng.percent(10) ? rng.pick(pieces{"POSTGRESQL", "Postgres", "postgreSQL"})
                      : rng.pick(pieces{"postgresql", "postgres"});
  s += "://";
  if (rng.percent(80)) {
    s += userinfo_text(rng, true, url);
    if (rng.percent(75))
      s += ":" + userinfo_text(rng, false, url);
    s += "@";
  }
  std::size_t const hosts = rng.percent(80) ? 1 : 2 + rng.below(2);
  for (std::size_t i = 0; i < hosts; ++i)
    s += (i > 0 ? "," : "") + host_item(rng);
  if (rng.percent(85))
    s += "/" + rng.pick(pieces{"app", "neondb", "postgres", "", "my%20db", "my@db", "d%2Fb",
                               "%C3%A9t%C3%A9", "a+b", "db#frag", "db%00"});
  std::size_t const params = rng.below(5);
  for (std::size_t i = 0; i < params; ++i) {
    s += i == 0 ? "?" : rng.percent(4) ? "?" : "&"; // `?` again: URL003's mistake
    s += with_prisma_params && rng.percent(40) ? rng.pick(prisma_params) : rng.pick(libpq_params);
    if (rng.percent(2))
      s += "%"; // a stray '%': refused by libpq
  }
  return url;
}

std::vector<generated_url> generated_urls(std::uint64_t seed, std::size_t count,
                                          bool with_prisma_params) {
  random_source rng(seed);
  std::vector<generated_url> out;
  for (std::size_t i = 0; i < count; ++i)
    out.push_back(random_url(rng, with_prisma_params));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rewrites.

struct named_string {
  std::string variable;
  std::string value;
};

// Every connection string in the fixtures and the golden file, with the variable it is in.
std::vector<named_string> fixture_connection_strings() {
  std::vector<std::filesystem::path> files{source_dir() / "tests" / "golden" / "app.env"};
  for (auto& path : fixture_env_files())
    files.push_back(std::move(path));
  std::vector<named_string> out;
  for (auto const& path : files) {
    std::string const text = read_file(path);
    for (auto const& e : env::parse(text).entries)
      if (pg::is_connection_string(e.logical_value))
        out.push_back({std::string(e.name), std::string(e.logical_value)});
  }
  return out;
}

// What the author meant: our reading, with parameters after a second '?' in the query read as
// URL003's fix reads them (joined with '&').
pg::conninfo intended_reading(std::string text) {
  auto const first = pg::parse(text);
  if (first.form == pg::form::url && first.raw_query) {
    auto const query = static_cast<std::ptrdiff_t>(first.raw_query->begin);
    std::replace(text.begin() + query, text.end(), '?', '&');
  }
  return pg::parse(text);
}

std::set<std::string, std::less<>> libpq_keyword_list() {
  auto const& list = rules().lists.at("libpq_keywords");
  return {list.begin(), list.end()};
}

// Bug A, found by this test and fixed: libpq's userinfo runs from `://` to the first '@' before
// the first '/' (conninfo_uri_parse_options), a '?' included; pg::parse used to end it at a '?',
// so URL001/URL003/PRISMA010 fixes changed the host or dropped the password. Inputs of this shape
// are still counted separately, and the count must stay 0.
bool libpq_userinfo_has_question_mark(std::string_view url) {
  auto start = url.find("://");
  if (start == std::string_view::npos)
    return false;
  start += 3;
  for (auto i = start; i < url.size() && url[i] != '/'; ++i) {
    if (url[i] == '@')
      return url.substr(start, i - start).find('?') != std::string_view::npos;
  }
  return false;
}

/// Why the rewrite of `input` for libpq is wrong, or empty when it is right.
std::string rewrite_problem(named_string const& input, fixes::rewrite_result const& result) {
  auto const libpq = ask_libpq(result.url);
  if (!libpq.accepted)
    return "libpq refuses the rewritten URL: " + libpq.error;
  // The rewrite may remove parameters libpq does not know (PRISMA009/PRISMA010) and, for a
  // provider endpoint (NEON001/NEON002/SUPA003/SUPA004), change the host and port. NEON005 adds
  // sslmode=require where there is none. Everything else must read as before.
  static auto const keywords = libpq_keyword_list();
  values expected = as_libpq_would_store(intended_reading(input.value));
  values actual = libpq.stored;
  std::erase_if(expected, [](auto const& kv) { return !keywords.contains(kv.first); });
  bool const endpoint_changed =
      std::any_of(result.changes.begin(), result.changes.end(), [](diagnostic const& d) {
        auto const* r = rules().find(d.code);
        return r != nullptr && r->kind == engine::rule_kind::endpoint;
      });
  if (endpoint_changed) {
    for (char const* key : {"host", "port"}) {
      expected.erase(key);
      actual.erase(key);
    }
  }
  // NEON005 looks for a written `sslmode` only: over ssl=true or requiressl=0 it still adds
  // sslmode=require, which is what the rule wants on Neon.
  auto const original = pg::parse(input.value);
  bool const sslmode_written = std::any_of(original.params.begin(), original.params.end(),
                                           [](pg::param const& p) { return p.key == "sslmode"; });
  if (!sslmode_written && actual.contains("sslmode") && actual["sslmode"] == "require") {
    expected.erase("sslmode");
    actual.erase("sslmode");
  }
  if (actual == expected)
    return "";
  return "expected " + describe(expected) + "\n  libpq    " + describe(actual);
}

// Known bugs B and C (reported, not deliberate), in the rewrite.
//   B: removing a parameter that runs on past a second '?' (`pgbouncer=true?sslmode=require`)
//      removes the parameters URL003 would have split off.
//   C: removing the only parameter (with its '?') and appending one (with '&') in the same pass
//      leaves `/db&sslmode=require`: the next pass appends `?sslmode=require` again and libpq
//      reads the database `db&sslmode=require`.
std::string_view known_rewrite_bug(named_string const& input, std::string const& rewritten) {
  if (libpq_userinfo_has_question_mark(input.value) || libpq_userinfo_has_question_mark(rewritten))
    return "A";
  static auto const keywords = libpq_keyword_list();
  auto const before = pg::parse(input.value);
  for (auto const& p : before.params) {
    if (!keywords.contains(p.key) && p.raw.of(input.value).find('?') != std::string_view::npos)
      return "B";
  }
  auto const ampersands_before_query = [](std::string const& url) {
    auto const ci = pg::parse(url);
    auto const end = ci.raw_query ? ci.raw_query->begin : url.size();
    return std::count(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(end), '&');
  };
  if (ampersands_before_query(rewritten) > ampersands_before_query(input.value))
    return "C";
  return {};
}

struct rewrite_stats {
  std::size_t rewritten = 0; // a URL came out and was checked
  std::size_t changed = 0;   // ... and differs from the input
  std::size_t blocked = 0;   // findings no edit can resolve: no URL to check
  std::map<std::string, std::size_t, std::less<>> known_bugs; // wrong, in a known bug's shape
};

void check_rewrite(named_string const& input, rewrite_stats& stats) {
  engine::check_options options;
  options.client = {engine::client::libpq, "--client"};
  auto const result = fixes::rewrite_url(input.variable, input.value, rules(), options);
  std::string codes;
  for (auto const& d : result.changes)
    codes += d.code + " ";
  INFO(input.variable << "=" << input.value << "\n  rewritten: " << result.url
                      << "\n  fixes: " << codes);
  CHECK(result.converged);
  if (!result.blocking.empty()) {
    ++stats.blocked;
    return;
  }
  auto const problem = rewrite_problem(input, result);
  if (!problem.empty()) {
    if (auto const bug = known_rewrite_bug(input, result.url); !bug.empty()) {
      ++stats.known_bugs[std::string(bug)];
      return;
    }
  }
  INFO(problem);
  CHECK(problem.empty());
  ++stats.rewritten;
  stats.changed += result.url != input.value ? 1 : 0;
}

enum class verdict { agree, flagged_same, generous, refused };

/// How libpq's reading of `url` relates to ours, or an explanation of why it is wrong.
std::variant<verdict, std::string> compare_with_libpq(generated_url const& url) {
  using enum pg::problem_kind;
  auto const ours = pg::parse(url.text);
  auto const libpq = ask_libpq(url.text);
  auto const ours_stored = as_libpq_would_store(ours);
  std::string kinds;
  for (auto const& p : ours.problems)
    kinds += std::to_string(static_cast<int>(p.kind)) + " ";
  std::string const context = "\n  problem kinds: " + kinds + "\n  libpq error: " + libpq.error +
                              "\n  ours:  " + describe(ours_stored) +
                              "\n  libpq: " + describe(libpq.stored);
  bool const generous = has(ours, reserved_in_userinfo);
  // What makes libpq refuse a string must be reported, as one of these four. With a generous
  // userinfo libpq splits the string elsewhere and may refuse it, or read it, either way.
  bool const refusing = has(ours, bad_percent) || has(ours, second_question_mark) ||
                        has(ours, uppercase_scheme) || has(ours, unparsable);
  if (refusing && !libpq.accepted)
    return verdict::refused;
  // A raw reserved character that we read as part of a user or password is always reported.
  if (url.raw_reserved_in_userinfo && ours.user && !ours.user->decoded.empty() && !generous)
    return "a raw reserved character in the userinfo is not reported" + context;
  if (generous)
    return ours_stored == libpq.stored ? verdict::flagged_same : verdict::generous;
  if (refusing)
    return "libpq accepts what we report as broken" + context;
  if (!libpq.accepted)
    return "libpq refuses what we read without a problem" + context;
  if (ours_stored != libpq.stored)
    return "libpq reads it differently and we report nothing" + context;
  return verdict::agree;
}

} // namespace

TEST_CASE("libpq reads generated URLs as pg::parse does or trips over what it reports",
          "[differential][libpq]") {
  std::map<verdict, std::size_t> counts;
  for (auto const& url : generated_urls(0x5EED0001, 3000, false)) {
    auto const outcome = compare_with_libpq(url);
    if (auto const* v = std::get_if<verdict>(&outcome))
      ++counts[*v];
    else
      FAIL_CHECK(url.text << std::get<std::string>(outcome)); // bug A's shape included: fixed
  }
  // The mix must keep reaching every branch.
  CHECK(counts[verdict::agree] > 1000);
  CHECK(counts[verdict::flagged_same] > 30);
  CHECK(counts[verdict::generous] > 30);
  CHECK(counts[verdict::refused] > 100);
}

TEST_CASE("URLs rewritten for libpq are accepted by it and keep what they said",
          "[differential][libpq]") {
  rewrite_stats stats;
  for (auto const& url : generated_urls(0x5EED0001, 3000, false))
    check_rewrite({"DATABASE_URL", url.text}, stats);
  random_source rng(0x5EED0002);
  for (auto const& url : generated_urls(0x5EED0003, 1500, true)) {
    std::string const variable =
        rng.pick(pieces{"DATABASE_URL", "DIRECT_URL", "POSTGRES_URL_NON_POOLING"});
    check_rewrite({variable, url.text}, stats);
  }
  std::size_t fixtures = 0;
  for (auto const& input : fixture_connection_strings()) {
    // A driver-suffixed scheme (postgresql+asyncpg://) names a client other than libpq, which
    // refuses the scheme; rewriting it "for libpq" has no meaning.
    if (pg::parse(input.value).form == pg::form::url &&
        input.value.find('+') < input.value.find("://"))
      continue;
    check_rewrite(input, stats);
    ++fixtures;
  }
  CHECK(fixtures > 40);
  CHECK(stats.rewritten > 2000);
  CHECK(stats.changed > 500);
  CHECK(stats.blocked > 100);
  // The shapes of the bugs this test found (A, B, C below) must no longer go wrong.
  for (auto const& [bug, count] : stats.known_bugs) {
    INFO("known bug " << bug);
    CHECK(count == 0);
  }
}

// Regression tests for the bugs this file found. A: pg::parse read a raw '?' in the userinfo, and a
// raw '@' in the query of a URL with no '/', otherwise than libpq, and reported nothing.
TEST_CASE("pg::parse reports what libpq reads differently around a question mark",
          "[differential][libpq]") {
  for (std::string const url : {"postgres://app:?@db/app", "postgres://app:12?ss@db:5432/app",
                                "postgres://db?application_name=me@laptop"}) {
    auto const ours = pg::parse(url);
    auto const libpq = ask_libpq(url);
    INFO(url << "\n  ours:  " << describe(as_libpq_would_store(ours))
             << "\n  libpq: " << describe(libpq.stored));
    REQUIRE(libpq.accepted);
    CHECK((as_libpq_would_store(ours) == libpq.stored ||
           has(ours, pg::problem_kind::reserved_in_userinfo)));
  }
}

// A, B and C in the rewrite: "safe" fixes change the host, drop the password, drop parameters or
// change the database name. Expected: what libpq reads from the input (B: once URL003 has joined
// the parameters with '&'), NEON005's sslmode=require added for C.
TEST_CASE("rewrites keep what libpq reads in the shapes of the known bugs",
          "[differential][libpq]") {
  struct bug_case {
    named_string input;
    values libpq_reads;
  };

  std::vector<bug_case> const cases{
      {{"DATABASE_URL", "postgres://app:?@db/app?sslmode=require"}, // A: `postgres://app:`
       {{"user", "app"},
        {"password", "?"},
        {"host", "db"},
        {"dbname", "app"},
        {"sslmode", "require"}}},
      {{"DATABASE_URL",
        "postgresql://u:a?b@localhost/db?application_name=me@laptop"}, // A: host laptop
       {{"user", "u"},
        {"password", "a?b"},
        {"host", "localhost"},
        {"dbname", "db"},
        {"application_name", "me@laptop"}}},
      {{"DATABASE_URL", "postgresql://app@db.example.com/app?pgbouncer=true?sslmode=require"}, // B
       {{"user", "app"}, {"host", "db.example.com"}, {"dbname", "app"}, {"sslmode", "require"}}},
      {{"DIRECT_URL", // C: database `neondb&sslmode=require`
        "postgresql://app@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb?pgbouncer=true"},
       {{"user", "app"},
        {"host", "ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech"},
        {"dbname", "neondb"},
        {"sslmode", "require"}}},
  };
  engine::check_options options;
  options.client = {engine::client::libpq, "--client"};
  for (auto const& c : cases) {
    auto const result = fixes::rewrite_url(c.input.variable, c.input.value, rules(), options);
    auto const libpq = ask_libpq(result.url);
    INFO(c.input.variable << "=" << c.input.value << "\n  rewritten: " << result.url
                          << "\n  libpq reads " << describe(libpq.stored));
    CHECK(libpq.stored == c.libpq_reads);
  }
}

} // namespace poolcheck::test
