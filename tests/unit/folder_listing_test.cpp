// Discovery remembers what it saw in each folder (package.json, poolcheck.toml, prisma/, .git), and
// config and client lookups trust it: the answers must be the file system's.
#include "cli/discover.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

namespace poolcheck::test {
namespace {

namespace fs = std::filesystem;

std::string const pg_inert =
    "DATABASE_URL=postgres://app@db.example.com/app?sslmode=require&connection_limit=5\n";

/// A project folder `a` with a package.json and a Prisma schema, and a .env file in `a/b`.
void write_project(temp_dir const& t) {
  t.write("a/package.json", "{}");
  t.write("a/b/.env", "A=1\n");
  t.write("a/prisma/schema.prisma", "");
}

/// What any discovery of write_project's tree must have seen.
void check_project(cli::folder_listing const& f, fs::path const& root) {
  CHECK(f.has(root / "a", "package.json") == true);
  CHECK(f.has(root / "a" / "b", "package.json") == false);
  CHECK(f.has(root / "a", "prisma") == true);
  CHECK(f.has(root / "a" / "prisma", "schema.prisma") == true);
}

} // namespace

TEST_CASE("folders are named in one normal, absolute form", "[cli]") {
  fs::path const cwd = "/c/d";
  CHECK(cli::normal_folder(cwd, "/a/b") == "/a/b");
  CHECK(cli::normal_folder(cwd, "/a/./b") == "/a/b");
  CHECK(cli::normal_folder(cwd, "/a//b") == "/a/b");
  CHECK(cli::normal_folder(cwd, "/a/x/../b") == "/a/b");
  CHECK(cli::normal_folder(cwd, "/a/b/") == "/a/b");
  CHECK(cli::normal_folder(cwd, "/") == "/");
  CHECK(cli::normal_folder(cwd, "x/y") == "/c/d/x/y");
  CHECK(cli::normal_folder(cwd, "./x/") == "/c/d/x");
  CHECK(cli::normal_folder(cwd, ".") == "/c/d");
  CHECK(cli::normal_folder(cwd, "") == "/c/d");
  CHECK(cli::normal_folder(cwd, "..") == "/c");
}

TEST_CASE("a folder walk records the names lookups ask about", "[cli]") {
  temp_dir t;
  write_project(t);
  t.write("c/.git/HEAD", "");
  t.write("c/.env", "A=1\n");
  t.write("node_modules/x/package.json", "{}");
  auto found = cli::discover({t.path.string()});
  REQUIRE(found.files.size() == 2);
  auto const root = fs::canonical(t.path);
  auto const& f = found.folders;
  check_project(f, root);
  CHECK(f.has(root / "c", ".git") == true);
  CHECK(f.has(root / "a", ".git") == false);
  CHECK(f.has(root, "poolcheck.toml") == false);
  CHECK_FALSE(f.has(root / "node_modules" / "x", "package.json")); // not walked: unknown
  CHECK_FALSE(f.has(root / "a", "README.md"));                     // not a tracked name
  CHECK_FALSE(f.has(root.parent_path(), "package.json"));          // above the walk
}

TEST_CASE("a walk reads small files itself and leaves large ones", "[cli]") {
  temp_dir t;
  t.write("small/.env", "A=1\n");
  std::string large(100 * 1024, '#');
  large += "\nB=2\n";
  t.write("large/.env", large);
  auto found = cli::discover({t.path.string()});
  REQUIRE(found.files.size() == 2);
  CHECK(found.files[0].path.ends_with("large/.env"));
  CHECK_FALSE(found.files[0].text); // read when checked (mapped if large enough)
  CHECK(found.files[1].text == "A=1\n");
  // Either way the findings are the file's: a broken URL at the end of each.
  std::string const broken = "DATABASE_URL=postgres://app@db.example.com:99999/app\n";
  t.write("small/.env", broken);
  t.write("large/.env", large + broken);
  auto r = run_poolcheck({"check", "--format", "json", "."}, "", t.path);
  CHECK(r.exit_code == 1);
  auto count = [&](std::string const& s) {
    std::size_t n = 0;
    for (auto at = r.out.find(s); at != std::string::npos; at = r.out.find(s, at + 1))
      ++n;
    return n;
  };
  CHECK(count("\"code\": \"URL004\"") == 2);
}

TEST_CASE("inside git, gitignored poolcheck.toml and package.json still count", "[cli][git]") {
  // git's file list leaves out ignored files, so it cannot say a folder lacks one.
  temp_dir t;
  t.write(".gitignore", "poolcheck.toml\npackage.json\n");
  t.write("poolcheck.toml", "target = \"server\"\n");
  t.write("pg/package.json", R"({"dependencies":{"pg":"^8"}})");
  t.write("pg/.env", pg_inert);
  t.write("app/.env",
          "DATABASE_URL=postgresql://app@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/"
          "neondb?sslmode=require\n");
  REQUIRE(std::system(("git init -q " + shell_quote(t.path.string())).c_str()) == 0);
  auto found = cli::discover({t.path.string()});
  REQUIRE(found.files.size() == 2);
  auto const root = fs::canonical(t.path);
  CHECK_FALSE(found.folders.has(root / "pg", "package.json")); // unknown: asked of the file system
  auto r = run_poolcheck({"check", "--format", "json", "."}, "", t.path);
  INFO(r.out);
  CHECK(r.out.find("PRISMA012") != std::string::npos); // node-postgres, from pg/package.json
  CHECK(r.out.find("NEON001") == std::string::npos);   // a server, from poolcheck.toml
  auto without = run_poolcheck({"check", "--no-config", "--format", "json", "."}, "", t.path);
  CHECK(without.out.find("NEON001") != std::string::npos);
}

TEST_CASE("walked folders find their package.json and poolcheck.toml", "[cli]") {
  temp_dir t;
  t.write("pg/package.json", R"({"dependencies":{"pg":"^8"}})");
  t.write("pg/.env", pg_inert);
  t.write("other/.env", pg_inert);
  t.write("server/poolcheck.toml", "target = \"server\"\n");
  t.write("server/app/.env",
          "DATABASE_URL=postgresql://app@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/"
          "neondb?sslmode=require\n");
  auto r = run_poolcheck({"check", "--format", "json", "."}, "", t.path);
  INFO(r.out);
  // node-postgres from pg/package.json: PRISMA012 there only.
  CHECK(r.out.find("pg/.env\"") != std::string::npos);
  CHECK(r.out.find("PRISMA012") != std::string::npos);
  CHECK(r.out.find("other/.env\"") == std::string::npos);
  // server/poolcheck.toml: a direct Neon host is fine for a server (and not without the config).
  CHECK(r.out.find("NEON001") == std::string::npos);
  auto without = run_poolcheck({"check", "--no-config", "--format", "json", "."}, "", t.path);
  CHECK(without.out.find("NEON001") != std::string::npos);
}

} // namespace poolcheck::test
