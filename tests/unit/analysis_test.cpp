// The engine's context decisions: variable roles, client choice, endpoint matching, selection,
// and that findings carry byte-exact edits.
#include "cli/project.hpp"
#include "engine/analysis.hpp"
#include "env/document.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::test {
namespace {

using namespace std::string_literals;

std::vector<std::string> codes(std::string const& text, engine::check_options o = {}) {
  std::vector<std::string> out;
  for (auto const& d : engine::analyze(text, rules(), o).diagnostics)
    out.push_back(d.code);
  return out;
}

engine::check_options with_client(engine::client c) {
  engine::check_options o;
  o.client = {c, "test"};
  return o;
}

/// The first finding with `code` in `text`, if any.
std::optional<diagnostic> first_finding(std::string const& text, std::string_view code,
                                        engine::check_options const& o) {
  for (auto const& d : engine::analyze(text, rules(), o).diagnostics)
    if (d.code == code)
      return d;
  return std::nullopt;
}

} // namespace

TEST_CASE("variable names decide the role", "[engine]") {
  using engine::role;
  for (auto name : {"DIRECT_URL", "DATABASE_URL_UNPOOLED", "POSTGRES_URL_NON_POOLING",
                    "SHADOW_DATABASE_URL", "direct_url"})
    CHECK(engine::role_of(name, rules(), {}).value == role::direct);
  for (auto name : {"DATABASE_URL", "POSTGRES_PRISMA_URL", "POSTGRES_URL", "DIRECTORY_URL"})
    CHECK(engine::role_of(name, rules(), {}).value == role::runtime);
}

TEST_CASE("glob patterns match with * only and never blow up", "[engine]") {
  CHECK(engine::glob("*_UNPOOLED").matches("DATABASE_URL_UNPOOLED"));
  CHECK_FALSE(engine::glob("*_UNPOOLED").matches("DATABASE_URL_UNPOOLED_X"));
  CHECK(engine::glob("a*b*c").matches("axxbyyc"));
  CHECK(engine::glob("*").matches(""));
  CHECK_FALSE(engine::glob(std::string(50, '*') + "b").matches(std::string(10000, 'a')));
  CHECK_FALSE(engine::glob("ab*ba").matches("aba")); // head and tail may not share a byte
  CHECK(engine::glob("*ab*ab*").matches("abab"));
  CHECK_FALSE(engine::glob("*ab*ab*").matches("aba"));
}

namespace {

// The textbook definition, exponential but obviously right: the reference for glob_match.
bool reference_glob(std::string_view p, std::string_view t) {
  if (p.empty())
    return t.empty();
  if (p[0] == '*')
    return reference_glob(p.substr(1), t) || (!t.empty() && reference_glob(p, t.substr(1)));
  auto lower = [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  };
  return !t.empty() && lower(p[0]) == lower(t[0]) && reference_glob(p.substr(1), t.substr(1));
}

} // namespace

TEST_CASE("glob_match agrees with the textbook definition on every small case", "[engine]") {
  // Every pattern over {a, B, *} and text over {A, b} up to five characters.
  auto all = [](std::string_view alphabet, std::size_t max) {
    std::vector<std::string> out{""};
    for (std::size_t i = 0; i < out.size(); ++i)
      if (out[i].size() < max)
        for (char c : alphabet)
          out.push_back(out[i] + c);
    return out;
  };
  std::size_t cases = 0;
  for (auto const& pattern : all("aB*", 5))
    for (auto const& text : all("Ab", 5)) {
      INFO(pattern << " / " << text);
      REQUIRE(engine::glob(pattern).matches(text) == reference_glob(pattern, text));
      ++cases;
    }
  CHECK(cases == 364 * 63);
}

TEST_CASE("a set of name patterns answers as its globs do", "[engine]") {
  engine::name_patterns direct;
  for (auto p : {"DIRECT_URL", "*_UNPOOLED", "SHADOW_*_URL"})
    direct.add(p);
  for (auto name : {"DIRECT_URL", "direct_url", "DB_UNPOOLED", "db_unpooled", "SHADOW_DB_URL"})
    CHECK(direct.matches(name));
  // Rejected by the last character alone, or by every glob.
  for (auto name : {"", "PORT", "DIRECT_URL_2", "UNPOOLED_X", "SHADOW_DB", "MY_DIRECT_URL"})
    CHECK_FALSE(direct.matches(name));
  // A pattern ending in `*` (or empty) can match any last character.
  engine::name_patterns open;
  open.add("PRISMA_*");
  CHECK(open.matches("PRISMA_URL_2"));
  CHECK_FALSE(open.matches("DATABASE_URL"));
  engine::name_patterns empty;
  empty.add("");
  CHECK(empty.matches(""));
  CHECK_FALSE(empty.matches("A"));
}

TEST_CASE("a percent-encoded provider host is reported, not rewritten", "[engine]") {
  auto neon001 = [](std::string const& host) {
    return first_finding("DATABASE_URL=postgresql://app@" + host +
                             ".us-east-2.aws.neon.tech/neondb?sslmode=require\n",
                         "NEON001", with_client(engine::client::libpq));
  };
  auto const plain = neon001("ep-cool-darkness-a1b2c3d4");
  REQUIRE(plain);
  CHECK(plain->fix);
  // `%2D` is `-`, `%ae` a byte that is not UTF-8: the new host would be written decoded.
  for (std::string const& host : {"ep-cool%2Ddarkness-a1b2c3d4"s, "p%aep-cool-darkness"s}) {
    auto const d = neon001(host);
    REQUIRE(d);
    CHECK_FALSE(d->fix);
  }
}

TEST_CASE("a keyword string read only up to a broken pair gets no parameter edit", "[engine]") {
  // `sslmode=require` appended after `stray` would be read by no one, and offered again forever.
  auto neon005 = [](std::string const& value) {
    return first_finding("DATABASE_URL=\"" + value + "\"\n", "NEON005",
                         with_client(engine::client::libpq));
  };
  auto const whole = neon005("host=ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech user=u");
  REQUIRE(whole);
  CHECK(whole->fix);
  auto const broken =
      neon005("host=ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech user=u stray");
  REQUIRE(broken);
  CHECK_FALSE(broken->fix);
}

TEST_CASE("PRISMA013 copies no broken bytes into the DIRECT_URL it adds", "[engine]") {
  auto prisma013 = [](std::string const& host_label, std::string const& after = "") {
    return first_finding("DATABASE_URL=\"postgresql://app@" + host_label +
                             ".us-east-2.aws.neon.tech/neondb?sslmode=require\"" + after + "\n",
                         "PRISMA013", with_client(engine::client::prisma));
  };
  auto const plain = prisma013("ep-cool-darkness-a1b2c3d4");
  REQUIRE(plain);
  CHECK(plain->fix); // keeps today's direct URL as DIRECT_URL
  // A NUL byte (ENV004) or invalid UTF-8 (ENV005) in the URL: the finding stays, as advice.
  for (std::string const& broken : {"ep-cool\0darkness-a1b2c3d4"s, "ep-cool\xff-a1b2c3d4"s}) {
    auto const d = prisma013(broken);
    REQUIRE(d);
    CHECK_FALSE(d->fix);
    CHECK_FALSE(d->advice.empty());
  }
  // Text after the closing quote (ENV003): copying the value would copy the mistake.
  auto const after_quote = prisma013("ep-cool-darkness-a1b2c3d4", "\"");
  REQUIRE(after_quote);
  CHECK_FALSE(after_quote->fix);
}

TEST_CASE("the client comes from the flag, then the variable name", "[engine]") {
  std::string pooled =
      "=postgresql://app@ep-x-a1b2c3d4-pooler.us-east-2.aws.neon.tech/db?sslmode=require\n";
  engine::check_options serverless;
  serverless.target = {engine::target::serverless, "--target"};
  // Unknown client: connection_limit advice assumes Prisma, says so, and fails no build.
  auto unknown = engine::analyze("DATABASE_URL" + pooled, rules(), serverless);
  REQUIRE(std::count_if(unknown.diagnostics.begin(), unknown.diagnostics.end(),
                        [](diagnostic const& d) { return d.code == "PRISMA002"; }) == 1);
  auto const& assumed = *std::find_if(unknown.diagnostics.begin(), unknown.diagnostics.end(),
                                      [](diagnostic const& d) { return d.code == "PRISMA002"; });
  CHECK(assumed.message.find("assuming Prisma") != std::string::npos);
  CHECK(assumed.severity == severity::info);
  CHECK(assumed.assumed == std::vector<std::string>{"client"});
  REQUIRE(assumed.fix);
  CHECK(assumed.fix->safety == fix_safety::unsafe);
  // The name says Prisma: no assumption, a safe fix.
  auto named = engine::analyze("POSTGRES_PRISMA_URL" + pooled, rules(), serverless);
  auto it = std::find_if(named.diagnostics.begin(), named.diagnostics.end(),
                         [](diagnostic const& d) { return d.code == "PRISMA002"; });
  REQUIRE(it != named.diagnostics.end());
  CHECK(it->fix->safety == fix_safety::safe);
  // libpq: no Prisma parameter is ever suggested.
  CHECK(codes("DATABASE_URL" + pooled, with_client(engine::client::libpq)).empty());
}

TEST_CASE("package.json decides the client", "[engine]") {
  using engine::client;
  CHECK(cli::client_from_package_json(R"({"dependencies":{"@prisma/client":"^6.19.0"}})")->value ==
        client::prisma);
  CHECK(cli::client_from_package_json(R"({"devDependencies":{"prisma":"7.0.1"}})")->value ==
        client::prisma_adapter);
  CHECK(cli::client_from_package_json(
            R"({"dependencies":{"@prisma/client":"5.22.0","@prisma/adapter-neon":"5.22.0"}})")
            ->value == client::prisma_adapter);
  CHECK(cli::client_from_package_json(R"({"dependencies":{"pg":"^8"}})")->value ==
        client::node_postgres);
  CHECK(cli::client_from_package_json(R"({"dependencies":{"postgres":"^3"}})")->value ==
        client::postgres_js);
  CHECK_FALSE(cli::client_from_package_json("not json"));
  CHECK_FALSE(cli::client_from_package_json("[]"));
  // ... and a broken one is said, not ignored.
  temp_dir project;
  project.write("package.json", "{\"dependencies\": {\"@prisma/client\": \"6.1.0\"},}\n");
  auto r = run_poolcheck({"check", "--no-config", project.write(".env", "PORT=1\n")});
  CHECK(r.err.find("package.json: not valid JSON") != std::string::npos);
}

TEST_CASE("select and ignore filter by code prefix", "[engine]") {
  std::string text = "DATABASE_URL=POSTGRES://app@db.example.com:99999/app\n";
  CHECK(codes(text) == std::vector<std::string>{"URL005", "URL004"});
  engine::check_options only;
  only.select = {"URL004"};
  CHECK(codes(text, only) == std::vector<std::string>{"URL004"});
  engine::check_options skip;
  skip.ignore = {"URL"};
  CHECK(codes(text, skip).empty());
}

TEST_CASE("a Neon rewrite inserts -pooler at the end of the first label only", "[engine]") {
  std::string text =
      "export DATABASE_URL='postgresql://u:p%40ss@ep-icy-water-ae0115ox.c-2.us-east-2"
      ".aws.neon.tech:5432/db?sslmode=require&connect_timeout=10' # main\n";
  auto report = engine::analyze(text, rules(), with_client(engine::client::prisma));
  auto it = std::find_if(report.diagnostics.begin(), report.diagnostics.end(),
                         [](diagnostic const& d) { return d.code == "NEON001"; });
  REQUIRE(it != report.diagnostics.end());
  REQUIRE(it->fix);
  REQUIRE(it->fix->edits.size() == 1);
  auto const& e = it->fix->edits.front();
  CHECK(e.span.of(text) == "ep-icy-water-ae0115ox.c-2.us-east-2.aws.neon.tech");
  CHECK(e.replacement == "ep-icy-water-ae0115ox-pooler.c-2.us-east-2.aws.neon.tech");
  // The password span is known, so every reporter can mask it.
  REQUIRE(report.secrets.size() == 1);
  CHECK(report.secrets.front().of(text) == "p%40ss");
}

TEST_CASE("every password of a connection string is a known secret, in file order", "[engine]") {
  std::string text = "A=postgresql://u:first@h/db?password=second&sslmode=require&password=third\n"
                     "B=\"host=h password=fourth user=u password='fifth'\"\n";
  auto report = engine::analyze(text, rules(), {});
  std::vector<std::string_view> seen;
  for (auto const& s : report.secrets)
    seen.push_back(s.of(text));
  CHECK(seen == std::vector<std::string_view>{"first", "second", "third", "fourth", "'fifth'"});
}

TEST_CASE("rule folders add rules and can replace built-in ones", "[engine][cli]") {
  auto dir =
      std::filesystem::temp_directory_path() / ("poolcheck_rules_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "extra.toml") << R"(
[[endpoint]]
provider = "acme"
provider_name = "Acme Cloud"
kind = "direct"
host = "{id}.db.acme.example"
pooled_host = "{id}.pool.acme.example"
sources = ["https://acme.example/docs"]

[[rule]]
code = "POOL101"
name = "acme-direct-host"
kind = "endpoint"
severity = "warning"
summary = "Acme direct host in serverless"
why = "Acme's pooler is at *.pool.acme.example."
message = "`{var}` points at {provider}'s direct host"
fix = "safe"
fix_title = "Use `{new_host}`"
rewrite = "pooled"
sources = ["https://acme.example/docs"]
[rule.when]
provider = "acme"
endpoint = "direct"
role = "runtime"
[rule.example]
bad = "DATABASE_URL=postgres://u@x1.db.acme.example/app"
good = "DATABASE_URL=postgres://u@x1.pool.acme.example/app"
)";
  std::ofstream(dir / "app.env") << "DATABASE_URL=postgres://u@x1.db.acme.example/app\n";
  auto r = run_poolcheck(
      {"check", "--format", "json", "--rules", dir.string(), (dir / "app.env").string()});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"POOL101\"") != std::string::npos);
  CHECK(r.out.find("x1.pool.acme.example") != std::string::npos);
  std::ofstream(dir / "broken.toml") << "[[rule]]\ncode = \"POOL102\"\nsurprise = 1\n";
  auto broken = run_poolcheck({"check", "--rules", dir.string(), (dir / "app.env").string()});
  CHECK(broken.exit_code == 2);
  CHECK(broken.err.find("broken.toml:3:12: unknown key `surprise`") != std::string::npos);
  std::filesystem::remove_all(dir);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("config roles count where names would: no DIRECT_URL advice beside a direct variable",
          "[engine]") {
  // MIGRATE_URL holds the direct URL; only config says it is the migrations variable.
  std::string const text = "DATABASE_URL=postgresql://app@ep-cool-darkness-a1b2c3d4.us-east-2.aws."
                           "neon.tech/neondb?sslmode=require\n"
                           "MIGRATE_URL=postgresql://app@ep-cool-darkness-a1b2c3d4.us-east-2.aws."
                           "neon.tech/neondb?sslmode=require\n";
  auto o = with_client(engine::client::prisma);
  CHECK(first_finding(text, "PRISMA013", o));
  o.variables["MIGRATE_URL"].role = engine::role::direct;
  CHECK(engine::role_of("MIGRATE_URL", rules(), o).value == engine::role::direct);
  CHECK_FALSE(first_finding(text, "PRISMA013", o));
  // ... and that variable is judged as a migrations URL: no "use the pooler" on it.
  for (auto const& d : engine::analyze(text, rules(), o).diagnostics)
    CHECK(d.variable != "MIGRATE_URL");
}

} // namespace poolcheck::test
