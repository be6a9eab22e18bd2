// Ground truth: libpq's own PQconninfoParse must read each connection string the way parse() does,
// or refuse it where parse() reports a problem.
#include "pg/conninfo.hpp"
#include "support/libpq_reading.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

using namespace poolcheck::pg;
using poolcheck::test::as_libpq_would_store;
using poolcheck::test::ask_libpq;
using poolcheck::test::keyword_conveniences;
using poolcheck::test::libpq_conveniences;
using poolcheck::test::values;

namespace {

enum class verdict {
  agree,            // libpq accepts and stores exactly what we read
  userinfo_differs, // libpq accepts, but splits a raw '@' or '/' password; we read it generously
  rejected,         // libpq refuses the string; `problems` is what we report instead
};

struct oracle_case {
  std::string_view text;
  verdict expect;
  std::vector<problem_kind> problems; // ours, in order of position
  std::string_view libpq_error = {};  // part of libpq's message, for refused strings
};

std::vector<problem_kind> kinds(conninfo const& ci) {
  std::vector<problem_kind> out;
  for (auto const& p : ci.problems)
    out.push_back(p.kind);
  return out;
}

using enum problem_kind;

std::vector<oracle_case> const cases{
    // URL form, accepted by libpq, read identically.
    {"postgresql://user:p%40ss@ep-cool-123.us-east-2.aws.neon.tech/neondb?sslmode=require",
     verdict::agree,
     {}},
    {"postgres://user@[::1]:5432/db", verdict::agree, {}},
    {"postgresql://[2001:db8::1234]/database", verdict::agree, {}},
    {"postgresql://[::1],[::2]:5433/db", verdict::agree, {}},
    {"postgresql://user@/db?host=/var/run/postgresql", verdict::agree, {}},
    {"postgres://%2Fvar%2Flib%2Fpostgresql/dbname", verdict::agree, {}},
    {"postgresql://h1:5432,h2:5433/db?target_session_attrs=any", verdict::agree, {}},
    {"postgresql://u@h1:5432,h2:5433/app?target_session_attrs=any", verdict::agree, {}},
    {"postgresql://h1,h2/db", verdict::agree, {}},
    {"postgresql://h1:,h2:5433,h3/db", verdict::agree, {}},
    {"postgresql:///db", verdict::agree, {}},
    {"postgresql://", verdict::agree, {}},
    {"postgresql://:5432/db", verdict::agree, {}},
    {"postgresql://localhost:5433", verdict::agree, {}},
    {"postgresql://localhost?dbname=x&user=y", verdict::agree, {}},
    {"postgresql://host/?dbname=real", verdict::agree, {}},
    {"postgresql://user:pw@host:/db", verdict::agree, {}},
    {"postgresql://user:pw@host:99999/db", verdict::agree, {bad_port}},
    {"postgresql://user:pw@host:5432x/db", verdict::agree, {bad_port}},
    {"postgresql://user:@host/db", verdict::agree, {}},
    {"postgresql://@host/db", verdict::agree, {}},
    {"postgresql://us%3Aer:p%3Ass@host/db?options=-c%20search_path%3Dfoo&sslmode=verify-full&"
     "sslmode=disable",
     verdict::agree,
     {duplicate_param}},
    {"postgresql://h/db?sslmode=disable&sslmode=require", verdict::agree, {duplicate_param}},
    {"postgresql://user:p+ss@host/db?application_name=a+b", verdict::agree, {}},
    {"postgresql://user:pw@host/db#frag", verdict::agree, {}},
    {"postgresql://host:5432/db?ssl=true", verdict::agree, {}},
    {"postgresql://host/db?application_name=", verdict::agree, {}},
    {"postgresql://other@localhost/otherdb?connect_timeout=10&application_name=myapp",
     verdict::agree,
     {}},
    {"postgresql://host/my@db", verdict::agree, {}},
    {"postgresql://me@host/db?application_name=me@laptop", verdict::agree, {}},
    {"postgresql://host/db?user=me@example.com", verdict::agree, {}},
    // Raw reserved characters that libpq still splits where we do: same values, but flagged.
    {"postgresql://user:pa ss@host/db", verdict::agree, {reserved_in_userinfo}},
    {"postgresql://user:pa#ss@host/db", verdict::agree, {reserved_in_userinfo}},
    {"postgresql://u:pa?ss@host/db", verdict::agree, {reserved_in_userinfo}},
    // Placeholders are text to libpq too.
    {"postgresql://postgres:[YOUR-PASSWORD]@db.[YOUR-PROJECT-REF].supabase.co:5432/postgres",
     verdict::agree,
     {}},
    {"postgresql://${DB_USER}:${DB_PASS}@${DB_HOST}:5432/${DB_NAME}", verdict::agree, {}},
    {"postgres://<user>:<password>@<host>:5432/<database>", verdict::agree, {}},
    // libpq ends the userinfo at the first '@' (or has none before a '/'); we read the password.
    {"postgresql://user:p@ss@host/db", verdict::userinfo_differs, {reserved_in_userinfo}},
    {"postgresql://admin:a@b@c@db.example.com:5432/app",
     verdict::userinfo_differs,
     {reserved_in_userinfo, reserved_in_userinfo}},
    {"postgresql://u:pa/ss@host/db", verdict::userinfo_differs, {reserved_in_userinfo}},
    // Refused by libpq.
    {"postgresql://user:p%zzss@host/db",
     verdict::rejected,
     {bad_percent},
     "invalid percent-encoded token"},
    {"postgresql://h/db?application_name=100%",
     verdict::rejected,
     {bad_percent},
     "invalid percent-encoded token"},
    {"postgresql://h/db%2", verdict::rejected, {bad_percent}, "invalid percent-encoded token"},
    {"postgresql://h/db?%zz=1", verdict::rejected, {bad_percent}, "invalid percent-encoded token"},
    {"postgresql://h/db%00", verdict::rejected, {bad_percent}, "forbidden value %00"},
    {"postgresql://h/db?sslmode=require?connect_timeout=10",
     verdict::rejected,
     {second_question_mark},
     "extra key/value separator"},
    {"POSTGRESQL://User@HOST/DB", verdict::rejected, {uppercase_scheme}, "missing \"=\""},
    {"postgresql+asyncpg://user:pw@host/db", verdict::rejected, {}, "missing \"=\""},
    {"postgresql://[::1/db", verdict::rejected, {unparsable}, "matching \"]\""},
    {"postgresql://[]/db", verdict::rejected, {unparsable}, "may not be empty"},
    // Unknown or valueless query keys are a rule's business, not a syntax problem.
    {"postgresql://h/db?pgbouncer=true&connection_limit=1",
     verdict::rejected,
     {},
     "invalid URI query parameter"},
    {"postgresql://h/db?sslmode", verdict::rejected, {}, "missing key/value separator"},
    // Keyword form.
    {"host=localhost port=5432 dbname=mydb connect_timeout=10", verdict::agree, {}},
    {"host=h1,h2 port=5432,5433 user=u password='p w\\'x' dbname=db", verdict::agree, {}},
    {"user = alice  password = 'secret \\\\ x' host=/tmp", verdict::agree, {}},
    {"dbname=a\\ b host=x", verdict::agree, {}},
    {"host= port=5432", verdict::agree, {}},
    {"host=a host=b", verdict::agree, {duplicate_param}},
    {"password=p@ss/x#y?z host=h", verdict::agree, {}},
    {"requiressl=1 host=x", verdict::agree, {}},
    {"host=localhost dbname", verdict::rejected, {unparsable}, "missing \"=\""},
    {"host='localhost", verdict::rejected, {unparsable}, "unterminated quoted string"},
    {"host=h pgbouncer=true", verdict::rejected, {}, "invalid connection option"},
};

} // namespace

TEST_CASE("libpq and parse() read connection strings alike", "[conninfo][libpq]") {
  for (auto const& c : cases) {
    std::string const text(c.text);
    INFO("connection string: " << text);
    auto const libpq = ask_libpq(text);
    auto const ours = parse(text);
    INFO("libpq error: " << libpq.error);
    CHECK(kinds(ours) == c.problems);
    switch (c.expect) {
    case verdict::agree:
      REQUIRE(libpq.accepted);
      CHECK(as_libpq_would_store(ours) == libpq.stored);
      if (ours.form == form::keyword)
        CHECK(keyword_conveniences(ours) == libpq_conveniences(libpq.stored));
      break;
    case verdict::userinfo_differs:
      REQUIRE(libpq.accepted);
      CHECK(as_libpq_would_store(ours) != libpq.stored);
      break;
    case verdict::rejected:
      CHECK_FALSE(libpq.accepted);
      CHECK(libpq.error.find(c.libpq_error) != std::string::npos);
      break;
    }
  }
}

TEST_CASE("the lower-cased scheme reads as libpq reads it", "[conninfo][libpq]") {
  // libpq refuses POSTGRESQL:// outright; once the scheme is fixed, the rest must agree.
  auto const ours = parse("POSTGRESQL://User:Pw@HOST:5432/DB?sslmode=require");
  auto const libpq = ask_libpq("postgresql://User:Pw@HOST:5432/DB?sslmode=require");
  REQUIRE(libpq.accepted);
  CHECK(as_libpq_would_store(ours) == libpq.stored);
}
