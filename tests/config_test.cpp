// poolcheck.toml: discovery, every setting, precedence of flags, strictness, `config --show`.
#include "cli/config_resolver.hpp"
#include "engine/context.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace poolcheck::test {
namespace {

namespace fs = std::filesystem;

/// A repository root (a `.git` folder ends the config search) in a temp folder.
struct project : temp_dir {
  project() { fs::create_directories(path / ".git"); }
};

std::string const neon_direct =
    "DATABASE_URL=postgresql://app@ep-x-a1b2c3d4.us-east-2.aws.neon.tech/db?sslmode=require\n";
std::string const neon_pooled = "DATABASE_URL=postgresql://app@ep-x-a1b2c3d4-pooler.us-east-2.aws."
                                "neon.tech/db?sslmode=require\n";

} // namespace

TEST_CASE("path globs: *, ?, ** and **/", "[config]") {
  using cli::path_glob_match;
  CHECK(path_glob_match("*.env", "prod.env"));
  CHECK_FALSE(path_glob_match("*.env", "apps/prod.env"));
  CHECK(path_glob_match("**/*.env", "prod.env"));
  CHECK(path_glob_match("**/*.env", "apps/web/prod.env"));
  CHECK(path_glob_match("fixtures/**", "fixtures/a/b/.env"));
  CHECK_FALSE(path_glob_match("**/.env", "foo.env"));
  CHECK(path_glob_match("apps/?/.env", "apps/a/.env"));
  CHECK_FALSE(path_glob_match("apps/?/.env", "apps/ab/.env"));
  CHECK_FALSE(path_glob_match(std::string(40, '*') + "x", std::string(2000, 'a')));
}

TEST_CASE("the nearest config applies, up to the repository root", "[config][cli]") {
  project p;
  p.write("poolcheck.toml", "target = \"server\"\n");
  auto env = p.write("apps/web/.env", neon_direct);
  // server target: a direct host is fine
  CHECK(run_poolcheck({"check", env}).exit_code == 0);
  // a nearer config wins
  p.write("apps/.poolcheck.toml", "target = \"serverless\"\nclient = \"libpq\"\n");
  auto r = run_poolcheck({"check", "--format", "json", env});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("NEON001") != std::string::npos);
  // flags beat the config; --no-config reads none
  CHECK(run_poolcheck({"check", "--target", "server", env}).exit_code == 0);
  CHECK(run_poolcheck({"check", "--no-config", "--target", "server", env}).exit_code == 0);
  auto other = p.write("other.toml", "target = \"server\"\n");
  CHECK(run_poolcheck({"check", "--config", other, env}).exit_code == 0);
}

TEST_CASE("config settings: select, ignore, severity, variables, parameters", "[config][cli]") {
  project p;
  p.write("poolcheck.toml", R"(client = "prisma"
ignore = ["PRISMA006"]

[severity]
PRISMA004 = "info"

[parameters.connection_limit]
recommended = 8
minimum = 4

[variables.REPORTING_URL]
role = "direct"
)");
  auto env = p.write(".env", neon_pooled + "REPORTING_URL=postgresql://app@ep-x-a1b2c3d4-pooler.us-"
                                           "east-2.aws.neon.tech/db?sslmode=require\n");
  auto r = run_poolcheck({"check", "--format", "json", env});
  INFO(r.out << r.err);
  CHECK(r.out.find("PRISMA006") == std::string::npos);
  CHECK(r.out.find("\"code\": \"PRISMA004\",\n      \"name\": \"pool-timeout-missing\",\n      "
                   "\"severity\": \"info\"") != std::string::npos);
  CHECK(r.out.find("Add `connection_limit=8`") != std::string::npos);
  CHECK(r.out.find("`REPORTING_URL` is a migrations variable") != std::string::npos);
  // --select and --ignore on the command line replace the config's lists
  auto only = run_poolcheck(
      {"check", "--format", "json", "--select", "PRISMA006", "--ignore", "NEON", env});
  CHECK(only.out.find("PRISMA006") != std::string::npos);
  CHECK(only.out.find("PRISMA004") == std::string::npos);
}

TEST_CASE("prisma_version picks the client", "[config][cli]") {
  project p;
  p.write("poolcheck.toml", "prisma_version = \"7.1.0\"\n");
  auto env =
      p.write(".env", "DATABASE_URL=postgresql://app@ep-x-a1b2c3d4-pooler.us-east-2.aws.neon."
                      "tech/db?sslmode=require&connection_limit=5\n");
  auto r = run_poolcheck({"check", env});
  CHECK(r.out.find("PRISMA007") != std::string::npos); // adapters ignore connection_limit
  auto show = run_poolcheck({"config", "--show", p.path.string()});
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("prisma_version = 7.1.0") != std::string::npos);
  CHECK(show.out.find("poolcheck.toml:1") != std::string::npos);
  CHECK(show.out.find("# client for files here: prisma-adapter") != std::string::npos);
}

TEST_CASE("a long prisma_version is read without overflow", "[config]") {
  // Only whether the major version is 7 or more matters; the digits are never summed.
  CHECK(engine::client_for_prisma_version(std::string(40, '9') + ".0.0") ==
        engine::client::prisma_adapter);
  CHECK(engine::client_for_prisma_version("^0006.19.0") == engine::client::prisma);
  CHECK(engine::client_for_prisma_version("~7") == engine::client::prisma_adapter);
  CHECK_FALSE(engine::client_for_prisma_version("latest"));
  project p;
  p.write("poolcheck.toml", "prisma_version = \"" + std::string(400, '9') + "\"\n");
  CHECK(run_poolcheck({"check", p.write(".env", neon_pooled)}).exit_code != 2);
}

TEST_CASE("parameter values that would keep --fix from settling are refused", "[config][cli]") {
  project p;
  auto env = p.write(".env", neon_pooled);
  p.write("poolcheck.toml", "[parameters.connection_limit]\nrecommended = 5\n");
  auto below = run_poolcheck({"check", "--client", "prisma", "--fix", env});
  CHECK(below.exit_code == 2);
  CHECK(below.err.find("recommended 5 is below its minimum 10") != std::string::npos);
  p.write("poolcheck.toml", "[parameters.pool_timeout]\nrecommended = 0\n");
  auto unbounded = run_poolcheck({"check", "--client", "prisma", "--fix", env});
  CHECK(unbounded.exit_code == 2);
  CHECK(unbounded.err.find("PRISMA005") != std::string::npos);
  CHECK(read_file(env) == neon_pooled);
}

TEST_CASE("include and exclude filter folder walks, not named files", "[config][cli]") {
  project p;
  p.write("poolcheck.toml", "exclude = [\"fixtures/**\"]\n");
  auto kept = p.write("apps/.env", neon_direct);
  auto skipped = p.write("fixtures/bad/.env", "DATABASE_URL=POSTGRES://a@h/x\n");
  auto r = run_poolcheck({"check", "--format", "json", p.path.string()});
  CHECK(r.out.find("apps/.env") != std::string::npos);
  CHECK(r.out.find("fixtures/bad") == std::string::npos);
  auto named = run_poolcheck({"check", skipped});
  CHECK(named.out.find("URL005") != std::string::npos);
}

TEST_CASE("config errors name file:line:col and stop with exit 2", "[config][cli]") {
  project p;
  auto cfg = p.write("poolcheck.toml", "target = \"serverless\"\ncolour = \"never\"\n");
  auto env = p.write(".env", neon_direct);
  auto r = run_poolcheck({"check", env});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(cfg + ":2:10: unknown key `colour` in poolcheck.toml") != std::string::npos);
  p.write("poolcheck.toml", "[variables.DATABASE_URL]\nrole = \"migrations\"\n");
  auto bad_role = run_poolcheck({"check", env});
  CHECK(bad_role.exit_code == 2);
  CHECK(bad_role.err.find(":2:8: `role` must be") != std::string::npos);
}

TEST_CASE("stdin can be named for config discovery and messages", "[config][cli]") {
  project p;
  p.write("apps/poolcheck.toml", "target = \"server\"\n");
  auto name = (p.path / "apps" / ".env").string();
  auto r = run_poolcheck({"check", "--stdin-filename", name, "-"}, neon_direct);
  CHECK(r.exit_code == 0);
  auto json = run_poolcheck(
      {"check", "--format", "json", "--stdin-filename", name, "--target", "serverless", "-"},
      neon_direct);
  CHECK(json.out.find("\"path\": \"" + name + "\"") != std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("outside git, a config another user could write never applies", "[config][cli]") {
  // Run as an unprivileged user when the suite runs as root: the config file and a parent folder
  // belong to root (another user for it), the project to that user.
  temp_dir shared;
  shared.write("poolcheck.toml", "ignore = [\"NEON\", \"URL\"]\n");
  ::chmod((shared.path / "poolcheck.toml").c_str(), 0666);
  auto env = shared.write("project/.env", "DATABASE_URL=POSTGRESQL://app@db.example.com/app\n");
  auto r = run_poolcheck_unprivileged(shared.path / "project", {"check", env});
  CHECK(r.exit_code == 1); // URL005 is not ignored
  CHECK(r.out.find("URL005") != std::string::npos);
}

TEST_CASE("outside git, config discovery stops at the home folder", "[config][cli]") {
  // A poolcheck.toml above the home folder (in /home, say) is no project's.
  temp_dir top;
  top.write("poolcheck.toml", "ignore = [\"URL\"]\n");
  auto env = top.write("home/project/.env", "DATABASE_URL=POSTGRESQL://app@db.example.com/app\n");
  std::string const saved = std::getenv("HOME") ? std::getenv("HOME") : "";
  auto check_with_home = [&](std::string const& home) {
    ::setenv("HOME", home.c_str(), 1);
    auto r = run_poolcheck({"check", env});
    saved.empty() ? ::unsetenv("HOME") : ::setenv("HOME", saved.c_str(), 1);
    return r;
  };
  auto stopped = check_with_home((top.path / "home").string());
  CHECK(stopped.exit_code == 1); // URL005 is not ignored
  // With the home folder elsewhere, the same file above applies: the stop is what keeps it out.
  auto climbed = check_with_home("/nonexistent-home");
  CHECK(climbed.exit_code == 0);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("a config toml++ stumbles on is a clear error and no crash", "[config][cli]") {
  // toml++ 3.3.0 reaches `unreachable` testing U+00A1..U+0499 (and more) for whitespace after a
  // line-ending backslash (tomlplusplus#190), and asserts on `[!]`: under UBSan either aborts.
  for (std::string text : {"s = \"\"\"\\\n\xC2\xA7\"\"\"\n", "s = \"\"\"\\\n\xD0\x96\"\"\"\n",
                           "[!]\n", "x = [}\n", "x = 1\xC2\xA1\n"}) {
    INFO(text);
    project p;
    p.write("poolcheck.toml", text);
    auto r = run_poolcheck({"check", p.write(".env", neon_pooled)});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("poolcheck.toml:") != std::string::npos);
  }
  // Non-ASCII text where TOML allows it still reads.
  project p;
  p.write("poolcheck.toml", "# caf\xC3\xA9\nexclude = [\"caf\xC3\xA9/**\", \"\xD0\x96/**\"]\n");
  auto shown = run_poolcheck({"config", p.path.string()});
  CHECK(shown.exit_code == 0);
  CHECK(shown.out.find("caf\xC3\xA9/**") != std::string::npos);
}

} // namespace poolcheck::test
