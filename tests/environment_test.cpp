// `check --env`: the connection strings a CI job or platform holds in the environment, read
// verbatim, reported as env:NAME in every format, never fixed in place.
#include "formats/environment.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace poolcheck::test {
namespace {

using variables = std::vector<std::pair<std::string, std::string>>;

constexpr char neon_direct[] =
    "postgresql://app:Pa55wordXyz@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb"
    "?sslmode=require";

bool has(std::string const& text, std::string const& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("an environment block reads verbatim: no quotes, comments or expansion", "[env-mode]") {
  std::string const block = formats::environment_block(
      {{"A", "'quoted' # not a comment $HOME"}, {"EMPTY", ""}, {"B", "x=y\nz"}});
  document const doc = formats::read_environment(block);
  REQUIRE(doc.entries.size() == 3);
  CHECK(doc.entries[0].name == "A");
  CHECK(doc.entries[0].logical_value == "'quoted' # not a comment $HOME");
  CHECK(doc.entries[1].logical_value.empty());
  CHECK(doc.entries[2].logical_value == "x=y\nz");
  CHECK(doc.entries[2].inner.of(block) == "x=y\nz");
  // A pair without `=` names no variable.
  CHECK(formats::read_environment(std::string("junk\0A=1\0", 10)).entries.size() == 1);
}

TEST_CASE("check --env reports env:NAME with the corrected value masked", "[env-mode][cli]") {
  variables const vars{{"DATABASE_URL", neon_direct}, {"HOME", "/root"}, {"PORT", "3000"}};
  auto r = run_poolcheck_in_environment(
      vars, {"check", "--no-config", "--env", "--client", "prisma", "--target", "serverless"});
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "env:DATABASE_URL:1:"));
  CHECK(has(r.out, "error[NEON001]"));
  CHECK(has(r.out, "set DATABASE_URL to postgresql://app:****@ep-cool-darkness-a1b2c3d4-pooler"));
  CHECK(has(r.out, "poolcheck rewrite --var DATABASE_URL \"$DATABASE_URL\""));
  CHECK(has(r.out, "in 1 environment variable."));
  CHECK_FALSE(has(r.out + r.err, "Pa55wordXyz"));
  // Asked for, the password shows.
  auto shown = run_poolcheck_in_environment(
      vars, {"check", "--no-config", "--env", "--target", "serverless", "--show-secrets"});
  CHECK(has(shown.out, "Pa55wordXyz"));
}

TEST_CASE("check --env: values are not dotenv syntax", "[env-mode][cli]") {
  // In a .env file the `#` would start a comment (ENV101); in the environment it is the value.
  auto r = run_poolcheck_in_environment({{"DATABASE_URL", "postgres://u:p%23w@localhost/db#x"}},
                                        {"check", "--no-config", "--env"});
  CHECK_FALSE(has(r.out, "ENV1"));
  CHECK_FALSE(has(r.out, "ENV0"));
}

TEST_CASE("check --env in JSON, SARIF and GitHub form", "[env-mode][cli]") {
  variables const vars{{"DATABASE_URL", neon_direct}};
  std::vector<std::string> const base{"check", "--no-config", "--env", "--target", "serverless"};
  auto with = [&](std::string const& format) {
    auto args = base;
    args.insert(args.end(), {"--format", format});
    return run_poolcheck_in_environment(vars, args);
  };
  auto json = nlohmann::json::parse(with("json").out);
  CHECK(json["diagnostics"][0]["path"] == "env:DATABASE_URL");
  CHECK(json["diagnostics"][0]["fix"].is_null());
  CHECK(json["summary"]["files"] == 0);
  CHECK(json["summary"]["environment_variables"] == 1);
  CHECK(json["summary"]["fixable"] == 0);

  auto sarif = nlohmann::json::parse(with("sarif").out);
  auto const& location = sarif["runs"][0]["results"][0]["locations"][0];
  CHECK_FALSE(location.contains("physicalLocation"));
  CHECK(location["logicalLocations"][0]["fullyQualifiedName"] == "env:DATABASE_URL");
  CHECK(location["logicalLocations"][0]["kind"] == "variable");

  auto github = with("github").out;
  CHECK(has(github, "::error title=NEON001::env:DATABASE_URL: "));
  CHECK_FALSE(has(github, "file="));
}

TEST_CASE("check --env never passes silently and never writes", "[env-mode][cli]") {
  variables const vars{{"DATABASE_URL", neon_direct}};
  auto fix = run_poolcheck_in_environment(vars, {"check", "--no-config", "--env", "--fix"});
  CHECK(fix.exit_code == 2);
  CHECK(has(fix.err, "no file to fix"));
  CHECK(run_poolcheck_in_environment(vars, {"check", "--no-config", "--env", "--diff"}).exit_code ==
        2);
  auto unset = run_poolcheck_in_environment(vars, {"check", "--no-config", "--env=DIRECT_URL"});
  CHECK(unset.exit_code == 2);
  CHECK(has(unset.err, "DIRECT_URL is not set"));
  auto none = run_poolcheck_in_environment({{"PORT", "3000"}}, {"check", "--no-config", "--env"});
  CHECK(none.exit_code == 2);
  CHECK(has(none.err, "no connection string in the environment"));
  CHECK_FALSE(has(none.out, "No problems found"));
  CHECK(run_poolcheck_in_environment({{"PORT", "3000"}},
                                     {"check", "--no-config", "--env", "--allow-empty"})
            .exit_code == 0);
  // A database variable's name is enough to be checked: an empty secret is not passed over.
  auto empty =
      run_poolcheck_in_environment({{"DIRECT_URL", ""}}, {"check", "--no-config", "--env"});
  CHECK(empty.exit_code == 0);
  CHECK(has(empty.out, "in 1 environment variable"));
}

TEST_CASE("check --env with paths reports files and variables together", "[env-mode][cli]") {
  temp_dir dir;
  dir.write(".env", "DIRECT_URL=postgres://u@db.example.com:99999/x\n");
  auto r = run_poolcheck_in_environment(
      {{"DATABASE_URL", neon_direct}},
      {"check", "--no-config", "--env", "--target", "serverless", "--select", "NEON,URL", "."},
      dir.path);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, ".env:1:"));
  CHECK(has(r.out, "env:DATABASE_URL:1:"));
  CHECK(has(r.out, "in 1 file and 1 environment variable."));
}

TEST_CASE("check --env takes the project's facts from the working folder", "[env-mode][cli]") {
  temp_dir dir;
  dir.write("vercel.json", "{}\n");
  dir.write("package.json", R"({"dependencies": {"@prisma/client": "6.1.0"}})");
  auto r = run_poolcheck_in_environment({{"DATABASE_URL", neon_direct}},
                                        {"check", "--no-config", "--env"}, dir.path);
  CHECK(r.exit_code == 1); // the target is known: no longer a guess at info level
  CHECK(has(r.out, "error[NEON001]"));
  CHECK(has(r.out, "vercel.json"));
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("check --env: a workflow step that runs prisma migrate says what it connects with",
          "[env-mode][cli][project]") {
  temp_dir dir;
  dir.write("package.json", R"({"dependencies": {"@prisma/client": "6.19.0"}})");
  // GitHub's folder of workflows, spelt from its parts.
  std::string const workflow =
      (std::filesystem::path(".github") / "workflows" / "deploy.yml").string();
  dir.write(workflow, "on: push\n"
                      "jobs:\n"
                      "  migrate:\n"
                      "    runs-on: ubuntu-latest\n"
                      "    steps:\n"
                      "      - run: npx prisma migrate deploy\n"
                      "        env:\n"
                      "          DATABASE_URL: ${{ secrets.DATABASE_URL }}\n");
  std::string const pooled =
      "postgresql://app.abcdefghijklmnopqrst:Pa55wordXyz@aws-0-eu-central-1.pooler.supabase.com:"
      "6543/postgres?pgbouncer=true";
  auto r = run_poolcheck_in_environment({{"DATABASE_URL", pooled}},
                                        {"check", "--no-config", "--env", "--select", "PRISMA014"},
                                        dir.path);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "(" + workflow + ":6 runs prisma migrate deploy)"));
  CHECK(has(r.out, "give the migrate step in " + workflow + " a URL of its own"));
  // With a schema that names what migrate reads, the workflow says nothing more.
  dir.write("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n"
                                    "  url = env(\"DATABASE_URL\")\n"
                                    "  directUrl = env(\"DIRECT_URL\")\n}\n");
  auto with_schema = run_poolcheck_in_environment(
      {{"DATABASE_URL", pooled}}, {"check", "--no-config", "--env", "--select", "PRISMA014"},
      dir.path);
  CHECK(with_schema.exit_code == 0);
}

} // namespace poolcheck::test
