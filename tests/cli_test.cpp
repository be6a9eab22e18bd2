// The binary as users run it: commands, exit codes, formats, and that no output shows a password.
#include "env/document.hpp"
#include "pg/conninfo.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>

namespace poolcheck::test {
namespace {

std::string examples() {
  return (source_dir() / "examples").string();
}

} // namespace

TEST_CASE("version, help and explain work", "[cli]") {
  auto v = run_poolcheck({"--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.rfind("poolcheck ", 0) == 0);
  CHECK(run_poolcheck({"--help"}).exit_code == 0);
  auto h = run_poolcheck({"check", "--help"});
  CHECK(h.exit_code == 0);
  CHECK(h.out.find("--client") != std::string::npos);
  auto e = run_poolcheck({"explain", "NEON001"});
  CHECK(e.exit_code == 0);
  CHECK(e.out.find("https://neon.com/") != std::string::npos);
  CHECK(run_poolcheck({"explain", "NOPE999"}).exit_code == 2);
  auto rules = run_poolcheck({"rules", "--json"});
  CHECK(rules.exit_code == 0);
  CHECK(nlohmann::json::parse(rules.out).size() >= 30);
}

TEST_CASE("exit codes: 0 clean, 1 findings, 2 usage or I/O error", "[cli]") {
  temp_dir dir;
  auto clean = dir.write("clean.env", "PORT=3000\n");
  auto info_only = dir.write("info.env", "\xEF\xBB\xBFPORT=3000\n");
  auto bad = dir.write("bad.env", "DATABASE_URL=postgres://a@db.example.com:99999/x\n");
  CHECK(run_poolcheck({"check", clean}).exit_code == 0);
  CHECK(run_poolcheck({"check", info_only}).exit_code == 0);
  CHECK(run_poolcheck({"check", bad}).exit_code == 1);
  CHECK(run_poolcheck({"check", (dir.path / "missing.env").string()}).exit_code == 2);
  CHECK(run_poolcheck({"check", "--format", "yaml", clean}).exit_code == 2);
  CHECK(run_poolcheck({"check", "--client", "jdbc", clean}).exit_code == 2);
  // stdin as `-`, and `check` as the default command
  CHECK(run_poolcheck({"-"}, "DATABASE_URL=POSTGRES://a@h/x\n").exit_code == 1);
}

TEST_CASE("a misspelt code or option is an error that suggests the right one", "[cli]") {
  temp_dir dir;
  auto bad = dir.write("bad.env", "DATABASE_URL=postgres://a@db.example.com:99999/x\n");
  // A code that selects nothing would pass every check.
  auto select = run_poolcheck({"check", "--select", "URL0004", bad});
  CHECK(select.exit_code == 2);
  CHECK(select.err.find("--select: `URL0004` is no rule code or prefix of one (did you mean "
                        "`URL004`?)") != std::string::npos);
  CHECK(run_poolcheck({"check", "--ignore", "url004", bad}).exit_code == 2);
  CHECK(run_poolcheck({"check", "--select", "PRISMA0014", bad})
            .err.find("(did you mean `PRISMA014`?)") != std::string::npos);
  CHECK(run_poolcheck({"check", "--select", "URL", bad}).exit_code == 1); // a prefix is fine
  dir.write("poolcheck.toml", "ignore = [\"ENV\", \"PRISMA0013\"]\n");
  auto config = run_poolcheck({"check", bad}, "", dir.path);
  CHECK(config.exit_code == 2);
  CHECK(config.err.find("poolcheck.toml:1: ignore: `PRISMA0013` is no rule code") !=
        std::string::npos);
  // [severity] takes whole codes only.
  dir.write("poolcheck.toml", "[severity]\nURL0 = \"info\"\n");
  CHECK(run_poolcheck({"check", bad}, "", dir.path).exit_code == 2);
  dir.write("poolcheck.toml", "[severity]\nURL004 = \"info\"\n");
  CHECK(run_poolcheck({"check", bad}, "", dir.path).exit_code == 0);
  // An option's name is shown (it holds no secret); other stray words are not.
  auto option = run_poolcheck({"check", "--fromat", "json", bad});
  CHECK(option.exit_code == 2);
  CHECK(option.err.find("unknown option `--fromat` for `check` (did you mean `--format`?)") !=
        std::string::npos);
  auto stray = run_poolcheck({"rewrite", "host=db", "password=Sekr3t"});
  CHECK(stray.exit_code == 2);
  CHECK(stray.err.find("Sekr3t") == std::string::npos);
}

TEST_CASE("a template to copy brings what its endpoint requires of the client", "[cli]") {
  // Supabase's pooler host cannot be derived; the template says what Prisma needs there.
  std::string const direct =
      "postgresql://postgres:pw@db.abcdefghijklmnop.supabase.co:5432/postgres";
  auto prisma = run_poolcheck({"rewrite", "--client", "prisma", "--target", "serverless", direct});
  CHECK(prisma.err.find("Connect > Transaction pooler), with `pgbouncer=true`") !=
        std::string::npos);
  auto pg =
      run_poolcheck({"rewrite", "--client", "node-postgres", "--target", "serverless", direct});
  CHECK(pg.err.find("Connect > Transaction pooler)") != std::string::npos);
  CHECK(pg.err.find("pgbouncer") == std::string::npos);
}

TEST_CASE("JSON output has the same findings as human output", "[cli]") {
  auto human = run_poolcheck({"check", "--color", "never", examples()});
  auto json = run_poolcheck({"check", "--format", "json", examples()});
  REQUIRE(human.exit_code == 1);
  REQUIRE(json.exit_code == 1);
  auto doc = nlohmann::json::parse(json.out);
  std::regex header(R"(^(\S+):(\d+):(\d+): (error|warning|info)\[([A-Z]+\d{3})\] )");
  std::vector<std::string> from_human, from_json;
  std::istringstream lines(human.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_search(line, m, header))
      from_human.push_back(m[1].str() + ":" + m[2].str() + ":" + m[3].str() + " " + m[5].str());
  }
  for (auto const& d : doc["diagnostics"])
    from_json.push_back(d["path"].get<std::string>() + ":" + std::to_string(d["line"].get<int>()) +
                        ":" + std::to_string(d["column"].get<int>()) + " " +
                        d["code"].get<std::string>());
  CHECK(from_human == from_json);
  CHECK(from_json.size() >= 25);
  // every family shows up in the examples
  for (std::string family : {"ENV", "URL", "NEON", "SUPA", "PRISMA", "POOL"}) {
    INFO(family);
    CHECK(std::any_of(from_json.begin(), from_json.end(), [&](std::string const& s) {
      return s.find(" " + family) != std::string::npos;
    }));
  }
}

TEST_CASE("human carets sit under the span after multi-byte characters", "[cli]") {
  auto r = run_poolcheck(
      {"check", "--color", "never", "--target", "serverless", "--select", "NEON001", "-"},
      "DATABASE_URL=\"postgresql://\u00fcn\u00ef:pw@ep-cool-darkness-a1b2c3d4"
      ".us-east-2.aws.neon.tech/neondb\"\n");
  REQUIRE(r.exit_code == 1);
  std::istringstream lines(r.out);
  std::string line, source, carets;
  while (std::getline(lines, line)) {
    if (line.starts_with("1 | "))
      source = line;
    else if (!source.empty() && carets.empty())
      carets = line;
  }
  auto code_points = [](std::string_view s) {
    return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
  };
  auto host = source.find("ep-cool");
  REQUIRE(host != std::string::npos);
  CHECK(code_points(std::string_view(carets).substr(0, carets.find('^'))) ==
        code_points(std::string_view(source).substr(0, host)));
}

TEST_CASE("no output shows a password unless asked", "[cli][secrets]") {
  std::string const secret = "Zq7planted9Secret";
  temp_dir dir;
  // The planted password sits in every shape a rule looks at: well-formed, malformed, cut by #.
  std::string text = "DATABASE_URL=postgresql://app:" + secret +
                     "@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb\n"
                     "DIRECT_URL=\"postgresql://app:" +
                     secret +
                     "@ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech/neondb\"\n"
                     "BROKEN_URL=\"postgres://app:" +
                     secret +
                     "@x@db.example.com:99999/a?b=1?c=2\"\n"
                     "CUT_URL=postgres://app:" +
                     secret +
                     "#x@db.example.com/app\n"
                     "DOLLAR_URL=postgres://app:" +
                     secret +
                     "$x@db.example.com/app\n"
                     "UNCLOSED_URL=\"postgres://app:" +
                     secret +
                     "@db.example.com/app\n"
                     "PG_DSN=host=db.example.com password=" +
                     secret +
                     " pgbouncer=true\n"
                     "POSTGRES_PASSWORD=\"" +
                     secret +
                     "\n"
                     "DATABASE_URL=postgresql://app:" +
                     secret + "@db.abcdefghijklmnop.supabase.co/x\n";
  auto path = dir.write("planted.env", text);
  for (auto const& args :
       std::vector<std::vector<std::string>>{{"check", path},
                                             {"check", "--format", "json", path},
                                             {"check", "--client", "libpq", path},
                                             {"check", "--color", "always", path}}) {
    auto r = run_poolcheck(args);
    INFO(args.back() << " " << args.size());
    CHECK(r.exit_code == 1);
    CHECK(r.out.find(secret) == std::string::npos);
    CHECK(r.err.find(secret) == std::string::npos);
  }
  auto from_stdin = run_poolcheck({"check", "-"}, text);
  CHECK(from_stdin.out.find(secret) == std::string::npos);
  auto shown = run_poolcheck({"check", "--show-secrets", path});
  CHECK(shown.out.find(secret) != std::string::npos);
}

TEST_CASE("the README lists every rule", "[docs]") {
  std::string readme = read_file(source_dir() / "README.md");
  auto listed = run_poolcheck({"rules", "--json"});
  for (auto const& r : nlohmann::json::parse(listed.out)) {
    std::string row = "| " + r["code"].get<std::string>() + " | " +
                      r["severity"].get<std::string>() + " | " + r["fix"].get<std::string>() +
                      " | " + r["name"].get<std::string>() + " |";
    INFO(row);
    CHECK(readme.find(row) != std::string::npos);
  }
}

} // namespace poolcheck::test

namespace poolcheck::test {
namespace {

/// `text` with the password of every URL that has a user set to `secret` (added where missing).
std::string plant_password(std::string const& text, std::string const& secret) {
  auto doc = env::parse(text);
  std::vector<edit> edits;
  for (auto const& e : doc.entries) {
    if (pg::classify(e.logical_value) != pg::scheme_kind::postgres || e.cut_by_hash())
      continue;
    auto info = pg::parse(e.logical_value);
    if (!info.user || info.user->raw.empty())
      continue;
    if (info.password)
      edits.push_back({e.raw_span(info.password->raw.begin, info.password->raw.end), secret});
    else
      edits.push_back({e.raw_span(info.user->raw.end, info.user->raw.end), ":" + secret});
  }
  std::string out = text;
  for (auto it = edits.rbegin(); it != edits.rend(); ++it)
    out.replace(it->span.begin, it->span.size(), it->replacement);
  return out;
}

} // namespace

TEST_CASE("a password planted in every fixture appears in no output", "[cli][secrets]") {
  std::string const secret = "Pl4ntedS3cretXyz";
  temp_dir dir;
  std::size_t planted_files = 0;
  for (auto const& fixture : fixture_env_files()) {
    std::string planted = plant_password(read_file(fixture), secret);
    if (planted.find(secret) == std::string::npos)
      continue;
    ++planted_files;
    auto path = dir.write("planted.env", planted);
    INFO(fixture.string());
    for (auto const& args : std::vector<std::vector<std::string>>{
             {"check", path},
             {"check", "--format", "json", path},
             {"check", "--diff", "--unsafe-fixes", "--client", "prisma", path},
             {"check", "--diff", "--client", "libpq", path}}) {
      auto r = run_poolcheck(args);
      CHECK(r.out.find(secret) == std::string::npos);
      CHECK(r.err.find(secret) == std::string::npos);
    }
    std::size_t rewritten = 0;
    for (auto const& entry : env::parse(planted).entries) {
      // Two URLs per file keep the sanitizer run short; the fixtures cover every shape anyway.
      if (entry.logical_value.find(secret) == std::string::npos || ++rewritten > 2)
        continue;
      auto r = run_poolcheck({"rewrite", "--var", std::string(entry.name), "-"},
                             std::string(entry.logical_value));
      CHECK(r.err.find(secret) == std::string::npos);
    }
  }
  CHECK(planted_files >= 30);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("paths reach the terminal without control characters or masks", "[cli]") {
  temp_dir s;
  std::string const folder = "evil\x1b[31m";
  s.write(folder + "/.env", "DATABASE_URL=POSTGRESQL://app@db.example.com/app\n");
  auto r = run_poolcheck({"check", "--no-config", folder}, "", s.path);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find("evil\\x1b[31m/.env:1:14:") != std::string::npos);
  auto diff = run_poolcheck({"check", "--no-config", "--diff", "./" + folder}, "", s.path);
  CHECK(diff.out.find("--- a/evil\\x1b[31m/.env\n") != std::string::npos);
  // An error naming secret.env says what went wrong, unmasked.
  auto missing = run_poolcheck({"check", "--no-config", "secret.env"}, "", s.path);
  CHECK(missing.err == "poolcheck: secret.env: no such file or folder\n");
  CHECK(missing.out.empty()); // no "No problems found in 0 files" after the error
  // A docs folder is made, not a tree of them.
  auto docs = run_poolcheck({"rules", "--write-docs", (s.path / "a" / "b").string()});
  CHECK(docs.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(s.path / "a"));
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("a file named for migrations holds direct URLs", "[cli]") {
  // The same direct Neon URL: the runtime file needs the pooler, the migrations file does not.
  temp_dir s;
  std::string const direct = "DATABASE_URL=postgresql://app@ep-cool-darkness-a1b2c3d4.us-east-2."
                             "aws.neon.tech/neondb?sslmode=require\n";
  auto migrate = run_poolcheck(
      {"check", "--no-config", "--client", "prisma", s.write(".env.migrate", direct)});
  CHECK(migrate.exit_code == 0);
  auto runtime = run_poolcheck(
      {"check", "--no-config", "--client", "prisma", s.write(".env.production", direct)});
  CHECK(runtime.out.find("NEON001") != std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("a Compose file's env_file is checked whatever its name", "[cli][formats]") {
  temp_dir dir;
  dir.write("compose.yaml", "services:\n  web:\n    env_file:\n      - config/web.settings\n"
                            "      - path: missing.env\n        required: false\n");
  dir.write("config/web.settings", "DATABASE_URL=postgres://a:Test@123@db.example.com/db\n");
  auto r = run_poolcheck({"check", "--no-config", "."}, "", dir.path);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("config/web.settings:1:") != std::string::npos);
  CHECK(r.out.find("in 2 files") != std::string::npos);
}

TEST_CASE("a deployment file that does not parse is exit 2, said without its text",
          "[cli][formats]") {
  temp_dir dir;
  auto const path = dir.write("fly.toml", "[env]\nDATABASE_URL = \"postgres://u:Zqvsecret@h/db\n");
  auto r = run_poolcheck({"check", "--no-config", path});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("fly.toml:2:") != std::string::npos);
  CHECK(r.err.find("not valid TOML") != std::string::npos);
  CHECK(r.err.find("Zqv") == std::string::npos);
  auto const yaml = dir.write("docker-compose.yml", "services:\n  a:\n    environment: [\"Zqv\n");
  auto y = run_poolcheck({"check", "--no-config", yaml});
  CHECK(y.exit_code == 2);
  CHECK(y.err.find("not valid YAML") != std::string::npos);
  CHECK(y.err.find("Zqv") == std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("a manifest folder's file that is not YAML is said, not failed on: it may be a template",
          "[cli][formats]") {
  temp_dir dir;
  dir.write("k8s/deployment.yaml", "spec:\n  replicas: {{ .Values.replicas }\n");
  dir.write(".env", "PORT=3000\n");
  auto r = run_poolcheck({"check", "--no-config", "."}, "", dir.path);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("k8s/deployment.yaml:") != std::string::npos);
  CHECK(r.err.find("not valid YAML") != std::string::npos);
  // Only the file's folder and the one above it say Kubernetes: not a checkout's parent.
  dir.write("deploy/app/src/config/settings.yaml", "a: [\n");
  CHECK(run_poolcheck({"check", "--no-config", "."}, "", dir.path).exit_code == 0);
}

} // namespace poolcheck::test
