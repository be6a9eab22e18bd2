// Deployment files: which paths are which kind, and what the YAML and TOML readers make of them:
// names, values as a program reads them, the bytes of each value, and what a fix may write.
#include "formats/file_kind.hpp"
#include "formats/read.hpp"
#include "formats/write_back.hpp"
#include "support/entries.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace poolcheck::test {
namespace {

using formats::file_kind;

document read(file_kind kind, std::string&& text) = delete; // entries view the text: keep it

document read(file_kind kind, std::string const& text) {
  auto doc = formats::read_document(kind, text);
  REQUIRE(doc);
  return std::move(*doc);
}

} // namespace

TEST_CASE("file kinds come from names, and from folders where names are common",
          "[formats][discovery]") {
  using formats::kind_of;
  CHECK(kind_of(".env.production") == file_kind::dotenv);
  CHECK(kind_of("app/.dev.vars") == file_kind::dotenv);
  CHECK(kind_of("docker-compose.yml") == file_kind::compose);
  CHECK(kind_of("compose.yaml") == file_kind::compose);
  CHECK(kind_of("docker-compose.prod.yml") == file_kind::compose);
  CHECK(kind_of((std::filesystem::path(".github") / "workflows" / "deploy.yml").string()) ==
        file_kind::github_workflow);
  CHECK(kind_of("render.yaml") == file_kind::render);
  CHECK(kind_of("app.yaml") == file_kind::app_engine);
  CHECK(kind_of(".env.yaml") == file_kind::app_engine);
  CHECK(kind_of("serverless.yml") == file_kind::serverless);
  CHECK(kind_of("k8s/deployment.yaml") == file_kind::kubernetes);
  CHECK(kind_of("charts/api/values.yaml") == file_kind::kubernetes);
  CHECK(kind_of("values-production.yaml") == file_kind::kubernetes);
  CHECK(kind_of("deploy/k8s/api.yaml") == file_kind::kubernetes);
  CHECK_FALSE(kind_of("/home/me/deploy/shop/config/app-settings.yaml"));
  CHECK(kind_of("fly.toml") == file_kind::fly);
  CHECK(kind_of("fly.staging.toml") == file_kind::fly);
  CHECK(kind_of("netlify.toml") == file_kind::netlify);
  CHECK(kind_of("wrangler.toml") == file_kind::wrangler);
  // Not read: a Helm template is not YAML until rendered; any other YAML or TOML is no one's.
  CHECK_FALSE(kind_of("charts/api/templates/deployment.yaml"));
  CHECK_FALSE(kind_of("docs/mkdocs.yml"));
  CHECK_FALSE(kind_of("workflows/ci.yml"));
  CHECK_FALSE(kind_of("pyproject.toml"));
  CHECK_FALSE(kind_of(".env.vault"));
  CHECK_FALSE(kind_of("docker-compose.yml.poolcheck-backup"));
  CHECK(formats::named_kind("anything.txt") == file_kind::dotenv);
}

TEST_CASE("Compose: map and list forms, quoting styles, passed-through variables",
          "[formats][yaml]") {
  std::string const text = "services:\n"
                           "  web:\n"
                           "    environment:\n"
                           "      PLAIN: postgres://a@h/db\n"
                           "      DOUBLE: \"postgres://a:b\\x40c@h/db\"\n"
                           "      SINGLE: 'it''s'\n"
                           "      FROM_SHELL:\n"
                           "  worker:\n"
                           "    environment:\n"
                           "      - LIST=postgres://a@h/db?x=1\n"
                           "      - PASSED\n"
                           "      - \"QUOTED=caf\\u00e9\"\n";
  document const doc = read(file_kind::compose, text);
  CHECK(pairs_of(doc) == name_values{{"PLAIN", "postgres://a@h/db"},
                                     {"DOUBLE", "postgres://a:b@c@h/db"},
                                     {"SINGLE", "it's"},
                                     {"FROM_SHELL", ""},
                                     {"LIST", "postgres://a@h/db?x=1"},
                                     {"QUOTED", "caf\xc3\xa9"}});
  entry const& dbl = doc.entries[1];
  CHECK(dbl.quote == quoting::double_quote);
  CHECK(dbl.raw_value.of(text) == "\"postgres://a:b\\x40c@h/db\"");
  // The decoded `@` maps onto its four-byte escape.
  std::size_t const at = std::string_view(dbl.logical_value).find('@');
  CHECK(dbl.raw_span(at, at + 1).of(text) == "\\x40");
  entry const& list = doc.entries[4];
  CHECK(list.key.of(text) == "LIST");
  CHECK(list.inner.of(text) == "postgres://a@h/db?x=1");
  CHECK(doc.entries[5].raw_span(3, 5).of(text) == "\\u00e9");
  // Each environment map is its own scope: the same name in two services is no duplicate.
  CHECK(doc.entries[0].scope != doc.entries[4].scope);
}

TEST_CASE("Kubernetes: env name/value pairs, references skipped, Secret stringData, documents",
          "[formats][yaml]") {
  std::string const text = "kind: Deployment\n"
                           "spec:\n"
                           "  containers:\n"
                           "    - env:\n"
                           "        - name: A\n"
                           "          value: \"1\"\n"
                           "        - name: DATABASE_URL\n"
                           "          valueFrom: {secretKeyRef: {name: s, key: url}}\n"
                           "---\n"
                           "kind: Secret\n"
                           "stringData:\n"
                           "  DIRECT_URL: postgres://a@h/db\n";
  document const doc = read(file_kind::kubernetes, text);
  CHECK(pairs_of(doc) == name_values{{"A", "1"}, {"DIRECT_URL", "postgres://a@h/db"}});
  // An entry's lines run from its name to its value.
  CHECK(doc.entries[0].line.of(text) == "        - name: A\n          value: \"1\"\n");
}

TEST_CASE("YAML that does not parse is a problem that quotes nothing", "[formats][yaml]") {
  auto doc = formats::read_document(file_kind::compose,
                                    "services:\n  a:\n    environment:\n      X: \"Zqv-secret\n");
  REQUIRE_FALSE(doc);
  CHECK(doc.error().message.find("Zqv") == std::string::npos);
  REQUIRE(doc.error().at);
  CHECK(doc.error().at->line >= 1);
}

TEST_CASE("TOML: tables per kind, code-point columns become byte offsets", "[formats][toml]") {
  // Non-ASCII text before a value on its line: toml++ counts columns in code points.
  std::string const text = "[env]\n"
                           "  \"caf\xc3\xa9\" = \"\xc3\xa9\xc3\xa9\"  ;\n"
                           "  URL = \"postgres://a:b\\u0040c@h/db\" # \xc3\xa9\n"
                           "  LIT = 'x\\y'\n"
                           "  N = 3\n"
                           "[other]\n"
                           "  IGNORED = \"x\"\n";
  auto parsed = formats::read_document(file_kind::fly, text);
  // `;` is not TOML: the error says where, and quotes nothing.
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().at->line == 2);

  std::string const good = "[env]\n"
                           "  \"caf\xc3\xa9\" = \"\xc3\xa9\xc3\xa9\"\n"
                           "  URL = \"postgres://a:b\\u0040c@h/db\" # \xc3\xa9\n"
                           "  LIT = 'x\\y'\n"
                           "  N = 3\n"
                           "[other]\n"
                           "  IGNORED = \"x\"\n";
  document const doc = read(file_kind::fly, good);
  CHECK(pairs_of(doc) == name_values{{"caf\xc3\xa9", "\xc3\xa9\xc3\xa9"},
                                     {"URL", "postgres://a:b@c@h/db"},
                                     {"LIT", "x\\y"}});
  CHECK(doc.entries[0].raw_value.of(good) == "\"\xc3\xa9\xc3\xa9\"");
  CHECK(doc.entries[1].raw_value.of(good) == "\"postgres://a:b\\u0040c@h/db\"");
  std::size_t const at = std::string_view(doc.entries[1].logical_value).find('@');
  CHECK(doc.entries[1].raw_span(at, at + 1).of(good) == "\\u0040");
  CHECK(doc.entries[2].inner.of(good) == "x\\y");
}

TEST_CASE("a fix is written in the value's own quoting, or not at all", "[formats][write-back]") {
  std::string const yaml = "environment:\n"
                           "  PLAIN: postgres://a@h/db\n"
                           "  SINGLE: 'postgres://a@h/db'\n"
                           "  BLOCK: |\n"
                           "    postgres://a@h/db\n";
  document const doc = read(file_kind::compose, yaml);
  REQUIRE(doc.entries.size() == 3);
  auto append = [](entry const& e, std::string text) {
    std::size_t const end = e.logical_value.size();
    return formats::written_back(e, {{{end, end}, std::move(text)}}).edits;
  };
  CHECK(append(doc.entries[0], "?sslmode=require").size() == 1);
  // A plain scalar cannot gain ` #` (a comment) or `: ` (a mapping).
  CHECK(append(doc.entries[0], " #x").empty());
  CHECK(append(doc.entries[0], ": x").empty());
  // A single-quoted one doubles its quote.
  auto quoted = append(doc.entries[1], "?application_name=it's");
  REQUIRE(quoted.size() == 1);
  CHECK(quoted[0].replacement == "?application_name=it''s");
  // A block scalar's bytes are not its value: no edit.
  CHECK(append(doc.entries[2], "?sslmode=require").empty());

  std::string const toml = "[env]\n  BASIC = \"x\"\n  LITERAL = 'x'\n";
  document const t = read(file_kind::fly, toml);
  auto basic = append(t.entries[0], "\"\\");
  REQUIRE(basic.size() == 1);
  CHECK(basic[0].replacement == "\\\"\\\\");
  // A literal string has no escapes: a `'` cannot be written in one.
  CHECK(append(t.entries[1], "'").empty());
}

} // namespace poolcheck::test

#include "project/migrate_steps.hpp"

namespace poolcheck::test {

TEST_CASE("workflow steps that run a migrations tool, with the variables set for them",
          "[formats][project]") {
  std::string const workflow = "env:\n"
                               "  NODE_ENV: production\n"
                               "jobs:\n"
                               "  deploy:\n"
                               "    env:\n"
                               "      DATABASE_URL: ${{ secrets.DATABASE_URL }}\n"
                               "    steps:\n"
                               "      - run: npm ci\n"
                               "      - run: |\n"
                               "          npx prisma generate\n"
                               "          npx prisma migrate deploy\n"
                               "        env:\n"
                               "          DIRECT_URL: ${{ secrets.DIRECT_URL }}\n"
                               "      - run: pnpm drizzle-kit push\n";
  auto const steps = project::migrate_steps(workflow);
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].tool == engine::migrations_tool::prisma_migrate);
  CHECK(steps[0].command == "prisma migrate deploy");
  CHECK(steps[0].line == 9);
  CHECK(steps[0].variables == std::vector<std::string>{"NODE_ENV", "DATABASE_URL", "DIRECT_URL"});
  CHECK(steps[1].tool == engine::migrations_tool::drizzle_kit);
  CHECK(steps[1].variables == std::vector<std::string>{"NODE_ENV", "DATABASE_URL"});
  CHECK(project::migrate_steps("jobs: [").empty());
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("Compose: a whole-value ${NAME:-default} reads as its default", "[formats][yaml]") {
  std::string const text = "services:\n"
                           "  web:\n"
                           "    environment:\n"
                           "      A: ${DATABASE_URL:-postgres://u:p@db:5432/app}\n"
                           "      B: \"${DATABASE_URL-postgres://u@h/db}\"\n"
                           "      C: ${DATABASE_URL}\n"
                           "      D: ${A:-x}${B}\n"
                           "      E: postgres://u:${PW:-pw}@db/app\n";
  document const doc = read(file_kind::compose, text);
  CHECK(pairs_of(doc) == name_values{{"A", "postgres://u:p@db:5432/app"},
                                     {"B", "postgres://u@h/db"},
                                     {"C", "${DATABASE_URL}"},
                                     {"D", "${A:-x}${B}"},
                                     {"E", "postgres://u:${PW:-pw}@db/app"}});
  CHECK(doc.entries[0].inner.of(text) == "postgres://u:p@db:5432/app");
  CHECK(doc.entries[1].inner.of(text) == "postgres://u@h/db");
  // Elsewhere `${...}` is no interpolation poolcheck knows: the value stays whole.
  std::string const manifest = "env:\n  - name: A\n    value: ${X:-y}\n";
  document const k8s = read(file_kind::kubernetes, manifest); // entries view the text
  CHECK(k8s.entries[0].logical_value == "${X:-y}");
}

} // namespace poolcheck::test

#include "formats/deployment_yaml.hpp"

namespace poolcheck::test {

TEST_CASE("Compose env_file references: string, list, and {path, required}", "[formats][yaml]") {
  auto const refs = formats::compose_env_files("services:\n"
                                               "  a:\n"
                                               "    env_file: .env.a\n"
                                               "  b:\n"
                                               "    env_file:\n"
                                               "      - .env.b\n"
                                               "      - path: ./local.env\n"
                                               "        required: false\n");
  REQUIRE(refs.size() == 3);
  CHECK(refs[0].path == ".env.a");
  CHECK(refs[1].path == ".env.b");
  CHECK(refs[2].path == "./local.env");
  CHECK_FALSE(refs[2].required);
  CHECK(formats::compose_env_files("services: [").empty());
}

} // namespace poolcheck::test
