// Every project reader is total: truncated, shuffled and random inputs give facts or nothing,
// never a throw or a crash.
#include "project/drizzle_config.hpp"
#include "project/lock_files.hpp"
#include "project/manifests.hpp"
#include "project/package_json.hpp"
#include "project/prisma_config.hpp"
#include "project/prisma_schema.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace poolcheck::project;

namespace {

void read_all(std::string_view text) {
  (void)read_prisma_schema(text);
  (void)read_prisma_config(text);
  (void)read_drizzle_config(text);
  (void)read_package_json(text);
  (void)prisma_version_from_package_lock(text);
  (void)prisma_version_from_pnpm_lock(text);
  (void)prisma_version_from_yarn_lock(text);
  (void)prisma_version_from_bun_lock(text);
  for (auto kind : {file_kind::pyproject_toml, file_kind::requirements_txt, file_kind::go_mod,
                    file_kind::cargo_toml, file_kind::gemfile, file_kind::pom_xml,
                    file_kind::build_gradle, file_kind::build_gradle_kts})
    if (auto drivers = read_manifest(kind, text))
      (void)client_from({manifest{"requirements.txt", kind, std::move(*drivers)}});
}

std::vector<std::string> const seeds{
    "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n",
    "export default defineConfig({ datasource: { url: env('X'), shadowDatabaseUrl: `a${b}c` } })",
    "export default { dbCredentials: { url: process.env[\"X\"]! } } satisfies Config; /* x */",
    "{\"dependencies\": {\"@prisma/client\": \"^6\"}, \"packages\": {\"node_modules/prisma\": "
    "{\"version\": \"6.1.0\"}}}",
    "packages:\n  '/prisma@5.0.0(x)':\n\"prisma@^6\":\n  version \"6.0.0\"\n"
    "    \"prisma\": [\"prisma@6.1.0\", \"\"],\n",
    "[project]\ndependencies = [\"psycopg[binary]>=3 ; x\"]\n[tool.poetry.group.a.dependencies]\n"
    "asyncpg = { version = \"*\" }\n[target.'cfg(unix)'.dependencies]\npg = { package = \"sqlx\" "
    "}\n",
    "asyncpg==0.30 \\\n  --hash=x # y\n-r a.txt\nrequire (\n\tgithub.com/jackc/pgx/v5 v5.7.1\n)\n"
    "gem 'pg' # \"\n<dependency><groupId>org.postgresql</groupId><!-- -->\n/* 'org.postgresql' "
    "//\n",
};

} // namespace

TEST_CASE("project readers survive every prefix and suffix of real shapes", "[project]") {
  for (auto const& s : seeds)
    for (std::size_t i = 0; i <= s.size(); ++i) {
      read_all(s.substr(0, i));
      read_all(s.substr(i));
    }
}

TEST_CASE("project readers survive random and deeply nested input", "[project]") {
  std::mt19937 rng(20240611);
  std::string const alphabet = "{}()[]<>`'\"\\/*$!?:;,.=|\n\r\t #@-_aeuvlrsxXDATB019";
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    std::size_t const n = rng() % 200;
    for (std::size_t i = 0; i < n; ++i)
      s += rng() % 8 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    read_all(s);
    std::string spliced = seeds[static_cast<std::size_t>(round) % seeds.size()];
    spliced.insert(rng() % (spliced.size() + 1), s);
    read_all(spliced);
  }
  read_all(std::string(100000, '{'));
  read_all(std::string(100000, '['));
  std::string templates;
  for (int i = 0; i < 20000; ++i)
    templates += "`${";
  read_all(templates);
  read_all(std::string("\0\0datasource db {\0", 17));
}
