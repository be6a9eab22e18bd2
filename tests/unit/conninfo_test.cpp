// Unit tests for the connection-string classifier and parser: decoded values and raw byte spans.
#include "pg/conninfo.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>

using namespace poolcheck;
using namespace poolcheck::pg;

namespace {

std::size_t count(conninfo const& ci, problem_kind kind) {
  return static_cast<std::size_t>(std::count_if(ci.problems.begin(), ci.problems.end(),
                                                [&](auto const& p) { return p.kind == kind; }));
}

syntax_problem const* first(conninfo const& ci, problem_kind kind) {
  auto it = std::find_if(ci.problems.begin(), ci.problems.end(),
                         [&](auto const& p) { return p.kind == kind; });
  return it == ci.problems.end() ? nullptr : &*it;
}

// The offset of `needle` in `text`, for spelling expected spans without counting bytes by hand.
std::size_t at(std::string_view text, std::string_view needle, std::size_t from = 0) {
  return text.find(needle, from);
}

byte_span span(std::string_view text, std::string_view needle, std::size_t from = 0) {
  auto begin = at(text, needle, from);
  return {begin, begin + needle.size()};
}

} // namespace

TEST_CASE("classify recognises PostgreSQL URL schemes in any case", "[conninfo][classify]") {
  CHECK(classify("postgres://u@h/db") == scheme_kind::postgres);
  CHECK(classify("postgresql://u@h/db") == scheme_kind::postgres);
  CHECK(classify("POSTGRESQL://u@h/db") == scheme_kind::postgres);
  CHECK(classify("PostgreS://h") == scheme_kind::postgres);
  CHECK(classify("postgresql+asyncpg://u@h/db") == scheme_kind::postgres);
  CHECK(classify("postgres+psycopg2://u@h/db") == scheme_kind::postgres);
  CHECK(classify("POSTGRESQL+PSYCOPG://u@h/db") == scheme_kind::postgres);
}

TEST_CASE("classify separates Prisma, other schemes and plain text", "[conninfo][classify]") {
  CHECK(classify("prisma://accelerate.prisma-data.net/?api_key=abc") == scheme_kind::prisma);
  CHECK(classify("prisma+postgres://accelerate.prisma-data.net/?api_key=abc") ==
        scheme_kind::prisma);
  CHECK(classify("mysql://root:pw@localhost:3306/app") == scheme_kind::other);
  CHECK(classify("redis://localhost:6379") == scheme_kind::other);
  CHECK(classify("https://example.com/") == scheme_kind::other);
  CHECK(classify("postgresqlx://h") == scheme_kind::other);
  CHECK(classify("postgresql+://h") == scheme_kind::other);
  CHECK(classify("") == scheme_kind::none);
  CHECK(classify("hello world") == scheme_kind::none);
  CHECK(classify("true") == scheme_kind::none);
  CHECK(classify("postgresql:/db") == scheme_kind::none);
  CHECK(classify("\"postgresql://u:p@h/db\"") == scheme_kind::none);
  CHECK(classify("a=b c=d") == scheme_kind::none);
}

TEST_CASE("classify recognises libpq keyword strings", "[conninfo][classify]") {
  CHECK(classify("host=localhost dbname=app") == scheme_kind::keyword);
  CHECK(classify("dbname=app") == scheme_kind::keyword);
  CHECK(classify("  user = alice password='x y'") == scheme_kind::keyword);
  CHECK(classify("sslmode=require port=5432") == scheme_kind::keyword);
  CHECK(classify("host=db.internal dbname") == scheme_kind::keyword); // parse reports it
  // A libpq keyword but no address part: a single option, not a connection string.
  CHECK(classify("sslmode=require") == scheme_kind::none);
  CHECK(classify("application_name=x connect_timeout=10") == scheme_kind::none);
  // The first key must be a libpq keyword.
  CHECK(classify("foo=bar host=x") == scheme_kind::none);
  CHECK(classify("HOST=x") == scheme_kind::none);
}

TEST_CASE("Neon URL with an encoded '@' in the password", "[conninfo][url]") {
  std::string_view s =
      "postgresql://user:p%40ss@ep-cool-123.us-east-2.aws.neon.tech/neondb?sslmode=require";
  auto ci = parse(s);
  CHECK(ci.form == form::url);
  CHECK(ci.scheme == "postgresql");
  CHECK(ci.raw_scheme == byte_span{0, 10});
  CHECK(ci.end == s.size());
  REQUIRE(ci.user);
  CHECK(ci.user->decoded == "user");
  CHECK(ci.user->raw == byte_span{13, 17});
  REQUIRE(ci.password);
  CHECK(ci.password->decoded == "p@ss");
  CHECK(ci.password->raw == span(s, "p%40ss"));
  REQUIRE(ci.hosts.size() == 1);
  CHECK(ci.hosts[0].name == "ep-cool-123.us-east-2.aws.neon.tech");
  CHECK(ci.hosts[0].raw == span(s, "ep-cool-123.us-east-2.aws.neon.tech"));
  CHECK_FALSE(ci.hosts[0].port);
  CHECK_FALSE(ci.hosts[0].ipv6);
  CHECK_FALSE(ci.hosts[0].unix_socket);
  REQUIRE(ci.dbname);
  CHECK(ci.dbname->decoded == "neondb");
  CHECK(ci.dbname->raw == span(s, "neondb"));
  REQUIRE(ci.raw_query);
  CHECK(ci.raw_query->of(s) == "sslmode=require");
  REQUIRE(ci.params.size() == 1);
  CHECK(ci.params[0].key == "sslmode");
  CHECK(ci.params[0].value == "require");
  CHECK(ci.params[0].raw.of(s) == "sslmode=require");
  CHECK(ci.params[0].raw_key.of(s) == "sslmode");
  CHECK(ci.params[0].raw_value.of(s) == "require");
  CHECK(ci.problems.empty());
}

TEST_CASE("raw '@' in the password: the last '@' before a host ends the userinfo",
          "[conninfo][url][userinfo]") {
  std::string_view s = "postgresql://user:p@ss@host/db";
  auto ci = parse(s);
  REQUIRE(ci.password);
  CHECK(ci.user->decoded == "user");
  CHECK(ci.password->decoded == "p@ss");
  CHECK(ci.password->raw == span(s, "p@ss"));
  REQUIRE(ci.hosts.size() == 1);
  CHECK(ci.hosts[0].name == "host");
  CHECK(ci.hosts[0].raw == span(s, "host"));
  CHECK(ci.dbname->decoded == "db");
  REQUIRE(count(ci, problem_kind::reserved_in_userinfo) == 1);
  auto const* p = first(ci, problem_kind::reserved_in_userinfo);
  CHECK(p->raw == byte_span{19, 20});
  CHECK(p->raw.of(s) == "@");
  CHECK(p->detail == "@");
}

TEST_CASE("several raw '@' in the password", "[conninfo][url][userinfo]") {
  std::string_view s = "postgres://admin:a@b@c@db.example.com:5432/app";
  auto ci = parse(s);
  CHECK(ci.password->decoded == "a@b@c");
  CHECK(ci.hosts.at(0).name == "db.example.com");
  CHECK(ci.hosts.at(0).port->decoded == "5432");
  CHECK(count(ci, problem_kind::reserved_in_userinfo) == 2);
  for (auto const& p : ci.problems)
    CHECK(p.detail.find("a@b") == std::string::npos);
}

TEST_CASE("raw '#' in the password stays in the password (libpq has no fragment)",
          "[conninfo][url][userinfo]") {
  std::string_view s = "postgresql://user:pa#ss@host/db";
  auto ci = parse(s);
  CHECK(ci.password->decoded == "pa#ss");
  CHECK(ci.password->raw == span(s, "pa#ss"));
  CHECK(ci.hosts.at(0).name == "host");
  CHECK(ci.dbname->decoded == "db");
  REQUIRE(count(ci, problem_kind::reserved_in_userinfo) == 1);
  CHECK(first(ci, problem_kind::reserved_in_userinfo)->raw == span(s, "#"));
  CHECK(first(ci, problem_kind::reserved_in_userinfo)->detail == "#");
}

TEST_CASE("raw space, '/' and '?' in the password", "[conninfo][url][userinfo]") {
  SECTION("space") {
    std::string_view s = "postgresql://user:pa ss@host/db";
    auto ci = parse(s);
    CHECK(ci.password->decoded == "pa ss");
    CHECK(ci.hosts.at(0).name == "host");
    REQUIRE(count(ci, problem_kind::reserved_in_userinfo) == 1);
    CHECK(first(ci, problem_kind::reserved_in_userinfo)->raw == span(s, " "));
  }
  SECTION("slash") {
    std::string_view s = "postgresql://u:pa/ss@host/db";
    auto ci = parse(s);
    CHECK(ci.user->decoded == "u");
    CHECK(ci.password->decoded == "pa/ss");
    CHECK(ci.hosts.at(0).name == "host");
    CHECK(ci.dbname->decoded == "db");
    REQUIRE(count(ci, problem_kind::reserved_in_userinfo) == 1);
    CHECK(first(ci, problem_kind::reserved_in_userinfo)->raw == byte_span{17, 18});
  }
  SECTION("question mark") {
    std::string_view s = "postgresql://u:pa?ss@host/db?sslmode=require";
    auto ci = parse(s);
    CHECK(ci.password->decoded == "pa?ss");
    CHECK(ci.hosts.at(0).name == "host");
    CHECK(ci.dbname->decoded == "db");
    CHECK(ci.raw_query->of(s) == "sslmode=require");
    CHECK(count(ci, problem_kind::reserved_in_userinfo) == 1);
    CHECK(count(ci, problem_kind::second_question_mark) == 0);
  }
  SECTION("control character") {
    std::string_view s = "postgresql://u:pa\tss@host/db";
    auto ci = parse(s);
    REQUIRE(count(ci, problem_kind::reserved_in_userinfo) == 1);
    CHECK(first(ci, problem_kind::reserved_in_userinfo)->detail == "\\x09");
  }
}

TEST_CASE("an '@' in the path or query is not userinfo", "[conninfo][url][userinfo]") {
  SECTION("dbname") {
    auto ci = parse("postgresql://host/my@db");
    CHECK_FALSE(ci.user);
    CHECK(ci.hosts.at(0).name == "host");
    CHECK(ci.dbname->decoded == "my@db");
    CHECK(ci.problems.empty());
  }
  SECTION("query after userinfo") {
    std::string_view s = "postgresql://me@host/db?application_name=me@laptop";
    auto ci = parse(s);
    CHECK(ci.user->decoded == "me");
    CHECK(ci.hosts.at(0).name == "host");
    CHECK(ci.find("application_name")->value == "me@laptop");
    CHECK(ci.problems.empty());
  }
  SECTION("query without userinfo") {
    auto ci = parse("postgresql://host/db?user=me@example.com");
    CHECK_FALSE(ci.user);
    CHECK(ci.hosts.at(0).name == "host");
    CHECK(ci.find("user")->value == "me@example.com");
    CHECK(ci.problems.empty());
  }
}

TEST_CASE("IPv6 host with port", "[conninfo][url][host]") {
  std::string_view s = "postgres://user@[::1]:5432/db";
  auto ci = parse(s);
  CHECK(ci.scheme == "postgres");
  CHECK(ci.user->decoded == "user");
  CHECK_FALSE(ci.password);
  REQUIRE(ci.hosts.size() == 1);
  CHECK(ci.hosts[0].ipv6);
  CHECK(ci.hosts[0].name == "::1");
  CHECK(ci.hosts[0].raw.of(s) == "[::1]");
  REQUIRE(ci.hosts[0].port);
  CHECK(ci.hosts[0].port->decoded == "5432");
  CHECK(ci.hosts[0].port->raw == span(s, "5432"));
  CHECK(ci.dbname->decoded == "db");
  CHECK(ci.problems.empty());
}

TEST_CASE("empty host and a socket directory in the query", "[conninfo][url][host]") {
  std::string_view s = "postgresql://user@/db?host=/var/run/postgresql";
  auto ci = parse(s);
  CHECK(ci.user->decoded == "user");
  CHECK(ci.hosts.empty());
  CHECK(ci.dbname->decoded == "db");
  CHECK(ci.dbname->raw == span(s, "db"));
  REQUIRE(ci.find("host"));
  CHECK(ci.find("host")->value == "/var/run/postgresql");
  CHECK(ci.find("host")->raw_value == span(s, "/var/run/postgresql"));
  CHECK(ci.problems.empty());
}

TEST_CASE("empty authority", "[conninfo][url][host]") {
  std::string_view s = "postgresql:///db";
  auto ci = parse(s);
  CHECK_FALSE(ci.user);
  CHECK(ci.hosts.empty());
  CHECK(ci.dbname->decoded == "db");
  CHECK(ci.dbname->raw == byte_span{14, 16});
  CHECK_FALSE(ci.raw_query);
}

TEST_CASE("percent-encoded socket directory as host", "[conninfo][url][host]") {
  std::string_view s = "postgres://%2Fvar%2Flib%2Fpostgresql/dbname";
  auto ci = parse(s);
  REQUIRE(ci.hosts.size() == 1);
  CHECK(ci.hosts[0].name == "/var/lib/postgresql");
  CHECK(ci.hosts[0].unix_socket);
  CHECK(ci.hosts[0].raw.of(s) == "%2Fvar%2Flib%2Fpostgresql");
  CHECK(ci.dbname->decoded == "dbname");
  CHECK(ci.problems.empty());
}

TEST_CASE("multi-host with ports", "[conninfo][url][host]") {
  std::string_view s = "postgresql://u@h1:5432,h2:5433/app?target_session_attrs=any";
  auto ci = parse(s);
  CHECK(ci.user->decoded == "u");
  REQUIRE(ci.hosts.size() == 2);
  CHECK(ci.hosts[0].name == "h1");
  CHECK(ci.hosts[0].raw == span(s, "h1"));
  CHECK(ci.hosts[0].port->decoded == "5432");
  CHECK(ci.hosts[0].port->raw == span(s, "5432"));
  CHECK(ci.hosts[1].name == "h2");
  CHECK(ci.hosts[1].raw == span(s, "h2"));
  CHECK(ci.hosts[1].port->decoded == "5433");
  CHECK(ci.hosts[1].port->raw == span(s, "5433"));
  CHECK(ci.dbname->decoded == "app");
  CHECK(ci.find("target_session_attrs")->value == "any");
  CHECK(ci.problems.empty());
}

TEST_CASE("multi-host without ports and mixed shapes", "[conninfo][url][host]") {
  SECTION("no ports") {
    std::string_view s = "postgresql://h1,h2/db";
    auto ci = parse(s);
    REQUIRE(ci.hosts.size() == 2);
    CHECK(ci.hosts[0].name == "h1");
    CHECK(ci.hosts[1].name == "h2");
    CHECK(ci.hosts[1].raw == byte_span{16, 18});
    CHECK_FALSE(ci.hosts[0].port);
    CHECK_FALSE(ci.hosts[1].port);
    CHECK(ci.dbname->decoded == "db");
  }
  SECTION("IPv6 list") {
    std::string_view s = "postgresql://[::1],[2001:db8::1]:5433/db";
    auto ci = parse(s);
    REQUIRE(ci.hosts.size() == 2);
    CHECK(ci.hosts[0].name == "::1");
    CHECK(ci.hosts[1].name == "2001:db8::1");
    CHECK(ci.hosts[1].raw.of(s) == "[2001:db8::1]");
    CHECK(ci.hosts[1].port->decoded == "5433");
    CHECK(ci.problems.empty());
  }
  SECTION("empty entries") {
    auto ci = parse("postgresql://h1,,h2,/db");
    REQUIRE(ci.hosts.size() == 4);
    CHECK(ci.hosts[1].name.empty());
    CHECK(ci.hosts[3].name.empty());
  }
  SECTION("port without host") {
    std::string_view s = "postgresql://:5432/db";
    auto ci = parse(s);
    REQUIRE(ci.hosts.size() == 1);
    CHECK(ci.hosts[0].name.empty());
    CHECK(ci.hosts[0].raw == byte_span{13, 13});
    CHECK(ci.hosts[0].port->decoded == "5432");
  }
}

TEST_CASE("ports: empty, out of range, zero, not numeric", "[conninfo][url][port]") {
  SECTION("empty port means default") {
    std::string_view s = "postgresql://user:pw@host:/db";
    auto ci = parse(s);
    REQUIRE(ci.hosts.at(0).port);
    CHECK(ci.hosts[0].port->decoded.empty());
    CHECK(ci.hosts[0].port->raw == byte_span{26, 26});
    CHECK(ci.problems.empty());
  }
  SECTION("99999") {
    std::string_view s = "postgresql://user:pw@host:99999/db";
    auto ci = parse(s);
    CHECK(ci.hosts.at(0).port->decoded == "99999");
    REQUIRE(count(ci, problem_kind::bad_port) == 1);
    CHECK(first(ci, problem_kind::bad_port)->raw == span(s, "99999"));
    CHECK(first(ci, problem_kind::bad_port)->detail == "99999");
  }
  SECTION("0 and text") {
    auto ci = parse("postgresql://h1:0,h2:54x2,h3:65535,h4:00005432/db");
    REQUIRE(count(ci, problem_kind::bad_port) == 2);
    CHECK(ci.problems[0].detail == "0");
    CHECK(ci.problems[1].detail == "54x2");
  }
  SECTION("a very long number does not overflow") {
    auto ci = parse("postgresql://h:184467440737095516160000/db");
    CHECK(count(ci, problem_kind::bad_port) == 1);
  }
}

TEST_CASE("percent-decoding keeps '+'", "[conninfo][url][percent]") {
  std::string_view s = "postgresql://user:p+ss@host/db?application_name=a+b";
  auto ci = parse(s);
  CHECK(ci.password->decoded == "p+ss");
  CHECK(ci.find("application_name")->value == "a+b");
  CHECK(ci.problems.empty());
}

TEST_CASE("encoded user, password and query", "[conninfo][url][percent]") {
  std::string_view s = "postgresql://us%3Aer:p%3Ass@host/db?options=-c%20search_path%3Dfoo&"
                       "sslmode=verify-full&sslmode=disable&flag";
  auto ci = parse(s);
  CHECK(ci.user->decoded == "us:er");
  CHECK(ci.user->raw.of(s) == "us%3Aer");
  CHECK(ci.password->decoded == "p:ss");
  REQUIRE(ci.params.size() == 4);
  CHECK(ci.params[0].key == "options");
  CHECK(ci.params[0].value == "-c search_path=foo");
  CHECK(ci.params[0].raw_value.of(s) == "-c%20search_path%3Dfoo");
  CHECK(ci.find("sslmode")->value == "disable");
  CHECK(ci.find("sslmode") == &ci.params[2]);
  CHECK(ci.params[3].key == "flag");
  CHECK(ci.params[3].value.empty());
  CHECK(ci.params[3].raw_key.of(s) == "flag");
  CHECK(ci.params[3].raw_value == byte_span{s.size(), s.size()});
  REQUIRE(count(ci, problem_kind::duplicate_param) == 1);
  CHECK(first(ci, problem_kind::duplicate_param)->raw.of(s) == "sslmode=disable");
  CHECK(first(ci, problem_kind::duplicate_param)->detail == "sslmode");
}

TEST_CASE("duplicate parameter", "[conninfo][url][query]") {
  std::string_view s = "postgresql://h/db?sslmode=disable&sslmode=require";
  auto ci = parse(s);
  REQUIRE(ci.params.size() == 2);
  CHECK(ci.find("sslmode")->value == "require");
  REQUIRE(count(ci, problem_kind::duplicate_param) == 1);
  auto const* p = first(ci, problem_kind::duplicate_param);
  CHECK(p->raw == span(s, "sslmode=require"));
  CHECK(p->detail == "sslmode");
  CHECK(ci.find("nope") == nullptr);
}

TEST_CASE("parameter appended with a second '?'", "[conninfo][url][query]") {
  std::string_view s = "postgresql://h/db?sslmode=require?connect_timeout=10";
  auto ci = parse(s);
  CHECK(ci.raw_query->of(s) == "sslmode=require?connect_timeout=10");
  REQUIRE(ci.params.size() == 1);
  CHECK(ci.params[0].value == "require?connect_timeout=10"); // what libpq would read
  REQUIRE(count(ci, problem_kind::second_question_mark) == 1);
  CHECK(first(ci, problem_kind::second_question_mark)->raw == byte_span{33, 34});
}

TEST_CASE("empty query pieces are skipped", "[conninfo][url][query]") {
  std::string_view s = "postgresql://h/db?&&sslmode=require&";
  auto ci = parse(s);
  REQUIRE(ci.params.size() == 1);
  CHECK(ci.params[0].raw == span(s, "sslmode=require"));
  auto empty_query = parse("postgresql://h/db?");
  REQUIRE(empty_query.raw_query);
  CHECK(empty_query.raw_query->empty());
  CHECK(empty_query.params.empty());
}

TEST_CASE("malformed percent escapes", "[conninfo][url][percent]") {
  SECTION("in the password: the detail does not show password bytes") {
    std::string_view s = "postgresql://user:p%zzss@host/db";
    auto ci = parse(s);
    REQUIRE(count(ci, problem_kind::bad_percent) == 1);
    auto const* p = first(ci, problem_kind::bad_percent);
    CHECK(p->raw == span(s, "%zz"));
    CHECK(p->detail == "%");
    CHECK(ci.password->decoded == "p%zzss");
    CHECK(ci.hosts.at(0).name == "host");
  }
  SECTION("in the query") {
    std::string_view s = "postgresql://h/db?application_name=100%";
    auto ci = parse(s);
    REQUIRE(count(ci, problem_kind::bad_percent) == 1);
    CHECK(first(ci, problem_kind::bad_percent)->raw == byte_span{s.size() - 1, s.size()});
    CHECK(first(ci, problem_kind::bad_percent)->detail == "%");
    CHECK(ci.find("application_name")->value == "100%");
  }
  SECTION("in the dbname, with a valid escape next to it") {
    std::string_view s = "postgresql://h/d%4%41";
    auto ci = parse(s);
    REQUIRE(count(ci, problem_kind::bad_percent) == 1);
    CHECK(first(ci, problem_kind::bad_percent)->raw == span(s, "%4%"));
    CHECK(first(ci, problem_kind::bad_percent)->detail == "%4%");
    CHECK(ci.dbname->decoded == "d%4A");
  }
  SECTION("%00 is refused by libpq") {
    auto ci = parse("postgresql://h/db%00");
    CHECK(count(ci, problem_kind::bad_percent) == 1);
  }
  SECTION("in the user, next to the password") {
    std::string_view s = "postgresql://us%:secret@h/db";
    auto ci = parse(s);
    REQUIRE(count(ci, problem_kind::bad_percent) == 1);
    CHECK(first(ci, problem_kind::bad_percent)->detail == "%");
  }
}

TEST_CASE("uppercase scheme", "[conninfo][url][scheme]") {
  std::string_view s = "POSTGRESQL://User@HOST/DB";
  auto ci = parse(s);
  CHECK(ci.scheme == "postgresql");
  CHECK(ci.raw_scheme.of(s) == "POSTGRESQL");
  REQUIRE(count(ci, problem_kind::uppercase_scheme) == 1);
  CHECK(first(ci, problem_kind::uppercase_scheme)->raw == byte_span{0, 10});
  CHECK(ci.user->decoded == "User");
  CHECK(ci.hosts.at(0).name == "HOST");
  CHECK(ci.dbname->decoded == "DB");
}

TEST_CASE("driver-qualified scheme", "[conninfo][url][scheme]") {
  std::string_view s = "postgresql+asyncpg://app:secret@db.internal:6543/app";
  auto ci = parse(s);
  CHECK(ci.scheme == "postgresql+asyncpg");
  CHECK(ci.raw_scheme == byte_span{0, 18});
  CHECK(ci.user->raw == span(s, "app"));
  CHECK(ci.password->raw == span(s, "secret"));
  CHECK(ci.hosts.at(0).name == "db.internal");
  CHECK(ci.hosts.at(0).port->raw == span(s, "6543"));
  CHECK(ci.dbname->raw == span(s, "app", 40));
  CHECK(ci.problems.empty());
}

TEST_CASE("fragment text stays in the dbname", "[conninfo][url]") {
  std::string_view s = "postgresql://user:pw@host/db#frag";
  auto ci = parse(s);
  CHECK(ci.dbname->decoded == "db#frag");
  CHECK(ci.dbname->raw == span(s, "db#frag"));
  CHECK(ci.problems.empty());
}

TEST_CASE("empty and missing password", "[conninfo][url][userinfo]") {
  auto with_colon = parse("postgresql://user:@host/db");
  REQUIRE(with_colon.password);
  CHECK(with_colon.password->decoded.empty());
  CHECK(with_colon.password->raw == byte_span{18, 18});
  auto without = parse("postgresql://user@host/db");
  CHECK_FALSE(without.password);
  auto no_userinfo = parse("postgresql://host/db");
  CHECK_FALSE(no_userinfo.user);
  CHECK_FALSE(no_userinfo.password);
  auto no_path = parse("postgresql://host:5432");
  CHECK_FALSE(no_path.dbname);
  CHECK(no_path.hosts.at(0).port->decoded == "5432");
  auto empty_path = parse("postgresql://host/?dbname=x");
  REQUIRE(empty_path.dbname);
  CHECK(empty_path.dbname->decoded.empty());
}

TEST_CASE("placeholders parse as text", "[conninfo][placeholder]") {
  SECTION("Supabase template") {
    std::string_view s = "postgresql://postgres:[YOUR-PASSWORD]@db.[YOUR-PROJECT-REF].supabase.co:"
                         "5432/postgres";
    auto ci = parse(s);
    CHECK(ci.user->decoded == "postgres");
    CHECK(ci.password->decoded == "[YOUR-PASSWORD]");
    CHECK(ci.password->raw == span(s, "[YOUR-PASSWORD]"));
    REQUIRE(ci.hosts.size() == 1);
    CHECK_FALSE(ci.hosts[0].ipv6);
    CHECK(ci.hosts[0].name == "db.[YOUR-PROJECT-REF].supabase.co");
    CHECK(ci.hosts[0].port->decoded == "5432");
    CHECK(ci.dbname->decoded == "postgres");
    CHECK(ci.problems.empty());
  }
  SECTION("shell variables") {
    std::string_view s = "postgresql://${DB_USER}:${DB_PASS}@${DB_HOST}:${DB_PORT}/${DB_NAME}";
    auto ci = parse(s);
    CHECK(ci.user->decoded == "${DB_USER}");
    CHECK(ci.password->decoded == "${DB_PASS}");
    CHECK(ci.hosts.at(0).name == "${DB_HOST}");
    CHECK(ci.hosts.at(0).port->decoded == "${DB_PORT}");
    CHECK(ci.dbname->decoded == "${DB_NAME}");
    CHECK(count(ci, problem_kind::bad_port) == 1);
  }
  SECTION("angle brackets") {
    auto ci = parse("postgres://<user>:<password>@<host>:5432/<database>");
    CHECK(ci.password->decoded == "<password>");
    CHECK(ci.hosts.at(0).name == "<host>");
    CHECK(ci.dbname->decoded == "<database>");
  }
  SECTION("bracketed host placeholder reads as IPv6, as in libpq") {
    auto ci = parse("postgresql://user:pw@[HOST]:5432/db");
    CHECK(ci.hosts.at(0).ipv6);
    CHECK(ci.hosts.at(0).name == "HOST");
  }
  SECTION("broken brackets") {
    auto ci = parse("postgresql://[::1/db");
    CHECK(count(ci, problem_kind::unparsable) == 1);
    auto empty = parse("postgresql://[]:5432/db");
    CHECK(count(empty, problem_kind::unparsable) == 1);
    auto junk = parse("postgresql://[::1]x:5432/db");
    CHECK(count(junk, problem_kind::unparsable) == 1);
    CHECK(junk.hosts.at(0).port->decoded == "5432");
  }
  SECTION("degenerate strings") {
    for (std::string_view s :
         {"postgresql://", "postgresql://@", "postgresql://:@", "postgres://?", "postgres://??",
          "postgres://%", "postgres://u:%@h/%", "postgres://,", "postgres://[",
          "postgres://]:", "postgres://@@@/@@@?@@@", "=", "'", "host='", "host=\\", "host='\\"}) {
      auto ci = parse(s);
      CHECK(ci.end == s.size());
      for (auto const& p : ci.problems)
        CHECK(p.raw.end <= s.size());
    }
  }
}

TEST_CASE("keyword form with quotes and escapes", "[conninfo][keyword]") {
  std::string_view s = "host=db.internal port=5432 dbname='my db' user=alice "
                       "password='it\\'s \\\\ secret' sslmode=require";
  auto ci = parse(s);
  CHECK(ci.form == form::keyword);
  CHECK(ci.scheme.empty());
  REQUIRE(ci.params.size() == 6);
  CHECK(ci.params[0].key == "host");
  CHECK(ci.params[0].raw.of(s) == "host=db.internal");
  CHECK(ci.params[2].value == "my db");
  CHECK(ci.params[2].raw_value.of(s) == "'my db'");
  CHECK(ci.dbname->decoded == "my db");
  CHECK(ci.dbname->raw.of(s) == "'my db'");
  CHECK(ci.user->decoded == "alice");
  CHECK(ci.user->raw == span(s, "alice"));
  CHECK(ci.password->decoded == "it's \\ secret");
  CHECK(ci.password->raw.of(s) == "'it\\'s \\\\ secret'");
  REQUIRE(ci.hosts.size() == 1);
  CHECK(ci.hosts[0].name == "db.internal");
  CHECK(ci.hosts[0].raw == span(s, "db.internal"));
  CHECK(ci.hosts[0].port->decoded == "5432");
  CHECK(ci.hosts[0].port->raw == span(s, "5432"));
  CHECK(ci.find("sslmode")->value == "require");
  CHECK(ci.problems.empty());
}

TEST_CASE("keyword form: spaces around '=', host lists, sockets", "[conninfo][keyword]") {
  SECTION("spaces") {
    std::string_view s = "  user = alice\tdbname =app ";
    auto ci = parse(s);
    REQUIRE(ci.params.size() == 2);
    CHECK(ci.params[0].raw.of(s) == "user = alice");
    CHECK(ci.params[0].raw_key.of(s) == "user");
    CHECK(ci.params[0].raw_value.of(s) == "alice");
    CHECK(ci.dbname->decoded == "app");
  }
  SECTION("host and port lists") {
    std::string_view s = "host=h1,'h2',/tmp port=5432,99999";
    auto ci = parse(s);
    REQUIRE(ci.hosts.size() == 3);
    CHECK(ci.hosts[1].name == "'h2'"); // quotes only count at the start of a value
    CHECK(ci.hosts[2].unix_socket);
    CHECK(ci.hosts[2].raw == span(s, "/tmp"));
    CHECK(ci.hosts[0].port->raw == span(s, "5432"));
    CHECK(ci.hosts[1].port->raw == span(s, "99999"));
    CHECK_FALSE(ci.hosts[2].port);
    REQUIRE(count(ci, problem_kind::bad_port) == 1);
    CHECK(first(ci, problem_kind::bad_port)->raw == span(s, "99999"));
  }
  SECTION("quoted list with escapes") {
    std::string_view s = "host='a\\,b,c' port=1";
    auto ci = parse(s);
    REQUIRE(ci.hosts.size() == 3);
    CHECK(ci.hosts[0].name == "a"); // libpq splits after unescaping: an escaped comma separates too
    CHECK(ci.hosts[0].raw.of(s) == "a");
    CHECK(ci.hosts[1].raw.of(s) == "b");
    CHECK(ci.hosts[2].raw.of(s) == "c");
    CHECK(ci.hosts[2].port->decoded == "1"); // a single port applies to every host
  }
  SECTION("IPv6 literal") {
    auto ci = parse("host=::1 dbname=x");
    CHECK(ci.hosts.at(0).ipv6);
  }
  SECTION("empty value swallows the next pair, as in libpq") {
    auto ci = parse("host= port=5432");
    REQUIRE(ci.params.size() == 1);
    CHECK(ci.params[0].value == "port=5432");
  }
  SECTION("duplicates") {
    std::string_view s = "host=a host=b";
    auto ci = parse(s);
    CHECK(ci.hosts.at(0).name == "b");
    REQUIRE(count(ci, problem_kind::duplicate_param) == 1);
    CHECK(first(ci, problem_kind::duplicate_param)->raw == span(s, "host=b"));
  }
  SECTION("URL-reserved characters are fine in keyword form") {
    auto ci = parse("host=h password=p@ss/w#rd?");
    CHECK(ci.password->decoded == "p@ss/w#rd?");
    CHECK(ci.problems.empty());
  }
}

TEST_CASE("keyword form errors", "[conninfo][keyword]") {
  SECTION("missing '='") {
    std::string_view s = "host=localhost dbname";
    auto ci = parse(s);
    REQUIRE(count(ci, problem_kind::unparsable) == 1);
    CHECK(first(ci, problem_kind::unparsable)->raw == span(s, "dbname"));
    CHECK(ci.params.size() == 1);
  }
  SECTION("unterminated quote") {
    std::string_view s = "host='localhost dbname=x";
    auto ci = parse(s);
    REQUIRE(count(ci, problem_kind::unparsable) == 1);
    CHECK(first(ci, problem_kind::unparsable)->raw == byte_span{5, s.size()});
  }
  SECTION("quoted URL") {
    auto ci = parse("\"postgresql://u:p@h/db\"");
    CHECK(ci.form == form::keyword);
    CHECK(count(ci, problem_kind::unparsable) == 1);
  }
}

TEST_CASE("Prisma URLs parse like any URL", "[conninfo][url]") {
  std::string_view s = "prisma://accelerate.prisma-data.net/?api_key=abc";
  auto ci = parse(s);
  CHECK(ci.scheme == "prisma");
  CHECK(ci.hosts.at(0).name == "accelerate.prisma-data.net");
  CHECK(ci.find("api_key")->value == "abc");
}
