// Rewriting and fixing as users run them: `poolcheck rewrite` exit codes and outputs, idempotence
// over every fixture URL, libpq validity of URLs rewritten for libpq, and `check --fix/--diff` on
// real files (stdin, symlinks, permissions, backups, passwords).
#include "engine/analysis.hpp"
#include "env/document.hpp"
#include "fix/rewrite.hpp"
#include "pg/conninfo.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <libpq-fe.h>
#include <sys/stat.h>
#include <unistd.h>

namespace poolcheck::test {
namespace {

namespace fs = std::filesystem;

/// Every (variable, URL) in the fixtures that is a PostgreSQL connection string.
std::vector<std::pair<std::string, std::string>> fixture_urls() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto const& path : fixture_env_files()) {
    std::string text = read_file(path);
    for (auto const& entry : env::parse(text).entries)
      if (pg::classify(entry.logical_value) == pg::scheme_kind::postgres)
        out.emplace_back(entry.name, entry.logical_value);
  }
  return out;
}

std::string rewrite(std::string const& var, std::string const& url, engine::client c) {
  engine::check_options o;
  o.client = {c, "test"};
  return fixes::rewrite_url(var, url, rules(), o).url;
}

} // namespace

TEST_CASE("rewrite prints the pooler URL and explains on stderr", "[rewrite]") {
  std::string direct = "postgresql://app:Secr3tPw@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech"
                       "/neondb?sslmode=require";
  auto r = run_poolcheck({"rewrite", "--client", "prisma", direct});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "postgresql://app:Secr3tPw@ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon."
                 "tech/neondb?sslmode=require&connect_timeout=10&connection_limit=20&pool_timeout="
                 "20\n");
  CHECK(r.err.find("Secr3tPw") == std::string::npos);
  CHECK(r.err.find("-pooler") != std::string::npos);

  SECTION("a migrations variable gets the direct form without pool parameters") {
    auto d = run_poolcheck({"rewrite", "--var", "DIRECT_URL", "--client", "prisma", "-"},
                           "postgresql://u:p@ep-x-a1b2c3d4-pooler.us-east-2.aws.neon.tech/db?"
                           "sslmode=require&connection_limit=20&pgbouncer=true\n");
    CHECK(d.exit_code == 0);
    CHECK(d.out == "postgresql://u:p@ep-x-a1b2c3d4.us-east-2.aws.neon.tech/db?sslmode=require\n");
  }
  SECTION("Supabase session mode moves to the transaction port with pgbouncer=true") {
    auto s = run_poolcheck({"rewrite", "--client", "prisma",
                            "postgresql://postgres.abcdefghijklmnop:pw@aws-1-us-east-2.pooler."
                            "supabase.com:5432/postgres"});
    CHECK(s.exit_code == 0);
    CHECK(s.out.find(":6543/postgres?") != std::string::npos);
    CHECK(s.out.find("pgbouncer=true") != std::string::npos);
  }
  SECTION("an underivable change: exit 1, empty stdout, a template with placeholders") {
    auto s = run_poolcheck({"rewrite", "--client", "prisma",
                            "postgresql://postgres:Secr3tPw@db.abcdefghijklmnop.supabase.co:5432/"
                            "postgres"});
    CHECK(s.exit_code == 1);
    CHECK(s.out.empty());
    CHECK(s.err.find("aws-<N>-<region>.pooler.supabase.com:6543") != std::string::npos);
    CHECK(s.err.find("Secr3tPw") == std::string::npos);
  }
  SECTION("a URL that needs nothing comes back unchanged") {
    std::string good = "postgresql://u@ep-x-a1b2c3d4-pooler.us-east-2.aws.neon.tech/db?sslmode="
                       "require";
    auto s = run_poolcheck({"rewrite", "--client", "libpq", good});
    CHECK(s.exit_code == 0);
    CHECK(s.out == good + "\n");
  }
  SECTION("bad input: exit 2") {
    CHECK(run_poolcheck({"rewrite", "mysql://u@h/db"}).exit_code == 2);
    CHECK(run_poolcheck({"rewrite", "prisma://accelerate.prisma-data.net/?api_key=x"}).exit_code ==
          2);
    CHECK(run_poolcheck({"rewrite", "-"}, "").exit_code == 2);
  }
}

TEST_CASE("only the password's reserved characters are encoded, nothing else moves", "[rewrite]") {
  std::string url = "postgres://us%65r:p@ss%2Fw0rd@db.example.com/app?application_name=a+b";
  CHECK(rewrite("DATABASE_URL", url, engine::client::libpq) ==
        "postgres://us%65r:p%40ss%2Fw0rd@db.example.com/app?application_name=a+b");
}

TEST_CASE("rewriting is idempotent over every fixture URL", "[rewrite]") {
  auto urls = fixture_urls();
  REQUIRE(urls.size() > 40);
  for (auto c : {engine::client::prisma, engine::client::prisma_adapter, engine::client::libpq,
                 engine::client::node_postgres, engine::client::unknown}) {
    for (auto const& [var, url] : urls) {
      std::string once = rewrite(var, url, c);
      INFO(engine::to_string(c) << " " << var);
      CHECK(rewrite(var, once, c) == once);
    }
  }
}

TEST_CASE("every URL rewritten for libpq is accepted by PQconninfoParse", "[rewrite][libpq]") {
  std::size_t checked = 0;
  for (auto const& [var, url] : fixture_urls()) {
    engine::check_options o;
    o.client = {engine::client::libpq, "test"};
    auto r = fixes::rewrite_url(var, url, rules(), o);
    if (!r.blocking.empty())
      continue; // no URL is printed
    if (r.url.rfind("postgresql://", 0) != 0 && r.url.rfind("postgres://", 0) != 0)
      continue; // SQLAlchemy's postgresql+driver:// is not libpq's to read
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(r.url.c_str(), &err);
    INFO(var << ": " << (err ? err : ""));
    CHECK(opts != nullptr);
    if (opts)
      PQconninfoFree(opts);
    if (err)
      PQfreemem(err);
    ++checked;
  }
  CHECK(checked > 20);
}

TEST_CASE("check --fix writes in place and a second run changes nothing", "[fix][cli]") {
  temp_dir dir;
  std::string text = "# db\r\nexport DATABASE_URL=\"postgresql://app:Secr3tPw@ep-cool-darkness-"
                     "a1b2c3d4.us-east-2.aws.neon.tech/neondb?sslmode=require\" # main\r\nPORT=1";
  auto path = dir.write(".env", text);
  ::chmod(path.c_str(), 0640);
  auto first = run_poolcheck({"check", "--fix", "--client", "prisma", "--target", "server", path});
  CHECK(first.exit_code == 0);
  std::string fixed = read_file(path);
  CHECK(fixed == "# db\r\nexport DATABASE_URL=\"postgresql://app:Secr3tPw@ep-cool-darkness-"
                 "a1b2c3d4.us-east-2.aws.neon.tech/neondb?sslmode=require\" # main\r\nPORT=1");
  // Server target: the direct host is fine; nothing to fix. With the target unknown, the pooler
  // host is advice resting on a guess: its fix is unsafe, and --fix leaves the file alone.
  auto guessed = run_poolcheck({"check", "--fix", "--client", "prisma", path});
  CHECK(guessed.exit_code == 0);
  CHECK(read_file(path) == fixed);
  // Now serverless:
  auto second =
      run_poolcheck({"check", "--fix", "--client", "prisma", "--target", "serverless", path});
  fixed = read_file(path);
  CHECK(fixed.find("-pooler.us-east-2") != std::string::npos);
  CHECK(fixed.rfind("\r\nPORT=1") == fixed.size() - 8); // CRLF kept, still no final newline
  CHECK(fixed.find("\" # main\r\n") != std::string::npos);

  struct stat st {};

  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  CHECK(second.out.find("Secr3tPw") == std::string::npos);
  auto third =
      run_poolcheck({"check", "--fix", "--client", "prisma", "--target", "serverless", path});
  CHECK(read_file(path) == fixed);
  CHECK(third.out.find("Fixed 0 problems.") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path / ".env.poolcheck-backup"));
}

TEST_CASE("check --diff shows the change, masked, and writes nothing", "[fix][cli]") {
  temp_dir dir;
  std::string text = "DATABASE_URL=postgresql://app:Secr3tPw@ep-cool-darkness-a1b2c3d4.us-east-2."
                     "aws.neon.tech/neondb?sslmode=require\n";
  auto path = dir.write("app.env", text);
  auto r = run_poolcheck({"check", "--diff", "--client", "libpq", "--target", "serverless", path});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("--- " + path + "\n+++ " + path + "\n") != std::string::npos); // absolute: no a/
  CHECK(r.out.find("+DATABASE_URL=postgresql://app:****@ep-cool-darkness-a1b2c3d4-pooler.") !=
        std::string::npos);
  CHECK(r.out.find("Secr3tPw") == std::string::npos);
  CHECK(read_file(path) == text);
}

TEST_CASE("check --fix on stdin prints the fixed text", "[fix][cli]") {
  auto r = run_poolcheck({"check", "--fix", "-"}, "DATABASE_URL=POSTGRESQL://a@h/db\nX=1\n");
  CHECK(r.out == "DATABASE_URL=postgresql://a@h/db\nX=1\n");
  CHECK(r.exit_code == 0);
}

TEST_CASE("check --fix follows symlinks, keeps backups when asked, refuses what it cannot write",
          "[fix][cli]") {
  temp_dir dir;
  std::string text = "DATABASE_URL=POSTGRESQL://a@h/db\n";
  auto target = dir.write("real.env", text);
  fs::create_symlink(target, dir.path / "link.env");
  auto r = run_poolcheck({"check", "--fix", "--backup", (dir.path / "link.env").string()});
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(dir.path / "link.env"));
  CHECK(read_file(target) == "DATABASE_URL=postgresql://a@h/db\n");
  CHECK(read_file(dir.path / "link.poolcheck-backup.env") == text);

  auto locked = dir.write("locked.env", text);
  fs::permissions(dir.path, fs::perms::owner_read | fs::perms::owner_exec);
  auto denied = run_poolcheck_unprivileged(dir.path, {"check", "--fix", locked});
  CHECK(denied.exit_code == 2);
  CHECK(denied.err.find("locked.env") != std::string::npos);
  CHECK(denied.out.find("Fixed 0 problems.") != std::string::npos); // nothing was written
  fs::permissions(dir.path, fs::perms::owner_all);
  CHECK(read_file(locked) == text);
}

} // namespace poolcheck::test

namespace poolcheck::test {

namespace {

/// A rule of a repository's rule folder that appends `host=attacker.example`, "safely", with
/// `severity` and any `[rule.when]` lines.
std::string host_steering_rule(std::string const& code, std::string const& severity,
                               std::string const& when) {
  return "[[rule]]\ncode = \"" + code + "\"\nname = \"add-host-" + code +
         "\"\nkind = \"param-missing\"\nseverity = \"" + severity +
         "\"\nsummary = \"s\"\nwhy = \"w\"\nmessage = \"`{var}` lacks host\"\nfix = "
         "\"safe\"\nfix_title = \"Add host\"\nparam = \"host\"\nvalues = "
         "[\"attacker.example\"]\nsources = [\"https://example.com\"]\n" +
         when +
         "[rule.example]\nbad = \"DATABASE_URL=postgres://u@h/app?sslmode=require\"\ngood = "
         "\"DATABASE_URL=postgres://u@h/app?host=attacker.example\"\n";
}

} // namespace

TEST_CASE("a rule folder a repository names cannot steer a safe fix to another host", "[fix]") {
  temp_dir repo;
  fs::create_directories(repo.path / ".git");
  repo.write("poolcheck.toml", "rules = [\"policy\"]\n");
  // A rule that appends host=, and an endpoint whose pooled host is elsewhere: both say "safe".
  repo.write("policy/steer.toml", host_steering_rule("POOL901", "warning", "") + R"(
[[endpoint]]
provider = "neon"
provider_name = "Neon"
kind = "direct"
host = "{endpoint}.{region}.aws.neon.tech"
pooled_host = "pool.attacker.example"
)");
  std::string const text = "DATABASE_URL=postgresql://app@ep-cool-darkness-a1b2c3d4.us-east-2."
                           "aws.neon.tech/neondb?sslmode=require\n";
  auto env = repo.write(".env", text);
  auto r = run_poolcheck({"check", "--client", "libpq", "--fix", env});
  INFO(r.out << r.err);
  CHECK(read_file(env).find("attacker") == std::string::npos);
  auto shown = run_poolcheck({"check", "--client", "libpq", "--format", "json", env});
  auto const doc = nlohmann::json::parse(shown.out);
  std::size_t steering = 0;
  for (auto const& d : doc["diagnostics"])
    if (d["fix"].is_object() && d["fix"].dump().find("attacker") != std::string::npos) {
      ++steering;
      CHECK(d["fix"]["safety"] == "unsafe");
    }
  CHECK(steering == 2);
  // What a built-in move brings along comes from built-in rules only: an error-level rule of the
  // folder that "requires" host= on Supavisor's transaction mode does not ride on SUPA003's fix.
  repo.write("policy/steer.toml",
             host_steering_rule("POOL902", "error",
                                "[rule.when]\nprovider = \"supabase\"\nendpoint = "
                                "\"supavisor-transaction\"\n"));
  auto session = repo.write(".env", "DATABASE_URL=postgresql://postgres.abcdefghijklmnop@aws-1-us-"
                                    "east-2.pooler.supabase.com:5432/postgres\n");
  auto moved = run_poolcheck(
      {"check", "--client", "prisma", "--target", "serverless", "--select", "SUPA", "--fix", env});
  INFO(moved.out << moved.err);
  CHECK(read_file(session).find(":6543/postgres?pgbouncer=true") != std::string::npos);
  CHECK(read_file(session).find("attacker") == std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("fixing twice with --backup keeps one backup, which is never checked", "[fix][cli]") {
  temp_dir dir;
  std::string const text = "DATABASE_URL=POSTGRESQL://app@db.example.com/app\n";
  dir.write(".env", text);
  dir.write("app.env", text);
  for (int run = 0; run < 2; ++run)
    run_poolcheck({"check", "--no-config", "--fix", "--backup", "."}, "", dir.path);
  std::vector<std::string> names;
  for (auto const& e : fs::directory_iterator(dir.path))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{".env", ".env.poolcheck-backup", "app.env",
                                          "app.poolcheck-backup.env"});
  CHECK(read_file(dir.path / ".env.poolcheck-backup") == text);
  auto listed = run_poolcheck({"check", "--no-config", "--format", "json", "."}, "", dir.path);
  CHECK(listed.out.find("poolcheck-backup") == std::string::npos);
}

} // namespace poolcheck::test
