// Every output format, byte for byte, against tests/golden/. Volatile fields (the version) are
// written as [VERSION]. POOLCHECK_UPDATE_GOLDEN=1 rewrites the files; review the diff.
// The SARIF output is also validated against the official SARIF 2.1.0 schema.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace poolcheck::test {
namespace {

namespace fs = std::filesystem;

std::string normalised(std::string text) {
  std::string const version = POOLCHECK_VERSION;
  for (auto at = text.find("\"" + version + "\""); at != std::string::npos;
       at = text.find("\"" + version + "\"", at))
    text.replace(at + 1, version.size(), "[VERSION]");
  return text;
}

void compare_golden(std::string const& name, std::string const& actual) {
  auto path = source_dir() / "tests" / "golden" / name;
  if (std::getenv("POOLCHECK_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    WARN("updated " << path.string());
    return;
  }
  INFO(path.string() << " differs; run with POOLCHECK_UPDATE_GOLDEN=1 and review the diff");
  CHECK(read_file(path) == actual);
}

/// Debian's python3, which python3-jsonschema installs into, when there is one.
std::string python() {
  return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

std::vector<std::string> with_format(std::string const& format) {
  return {"check", "--client", "prisma", "--color", "never", "--format", format, "app.env"};
}

} // namespace

TEST_CASE("every output format matches its golden file", "[golden]") {
  auto dir = source_dir() / "tests" / "golden";
  for (std::string format : {"human", "json", "sarif", "github"}) {
    DYNAMIC_SECTION(format) {
      auto r = run_poolcheck(with_format(format), "", dir);
      CHECK(r.exit_code == 1);
      CHECK(r.err.empty());
      CHECK(r.out.find("G0ld") == std::string::npos); // the planted password is masked
      std::string ext = format == "json" || format == "sarif" ? ".json" : ".txt";
      compare_golden("app." + format + ext, normalised(r.out));
    }
  }
  SECTION("statistics and quiet") {
    auto stats = run_poolcheck({"check", "--client", "prisma", "--statistics", "app.env"}, "", dir);
    compare_golden("app.statistics.txt", stats.out);
    auto quiet = run_poolcheck({"check", "--client", "prisma", "-q", "app.env"}, "", dir);
    compare_golden("app.quiet.txt", quiet.out);
    auto diff = run_poolcheck({"check", "--client", "prisma", "--diff", "app.env"}, "", dir);
    compare_golden("app.diff.txt", diff.out);
  }
}

TEST_CASE("SARIF output validates against the official SARIF 2.1.0 schema", "[golden][sarif]") {
  auto schema = source_dir() / "tests" / "schemas" / "sarif-schema-2.1.0.json";
  REQUIRE(fs::exists(schema));
  INFO("python3-jsonschema validates it: `scripts/setup test` installs it");
  REQUIRE(std::system((python() + " -c 'import jsonschema' 2>/dev/null").c_str()) == 0);
  auto dir = source_dir() / "tests" / "golden";
  auto r = run_poolcheck(with_format("sarif"), "", dir);
  auto out = fs::temp_directory_path() / ("poolcheck_" + std::to_string(::getpid()) + ".sarif");
  std::ofstream(out, std::ios::binary) << r.out;
  std::string cmd = python() +
                    " -c 'import json, sys, jsonschema; "
                    "schema = json.load(open(sys.argv[1])); "
                    "jsonschema.Draft7Validator.check_schema(schema); "
                    "jsonschema.Draft7Validator(schema).validate(json.load(open(sys.argv[2])))' '" +
                    schema.string() + "' '" + out.string() + "'";
  int status = std::system(cmd.c_str());
  fs::remove(out);
  CHECK(status == 0);
}

} // namespace poolcheck::test
