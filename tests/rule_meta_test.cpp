// Every rule's metadata is complete (nothing left saying FIXME) and its examples behave: the bad
// example produces the rule's code, the good one does not. Every rule has fixtures. Docs that are
// tests cannot lie.
#include "checks/registry.hpp"
#include "cli/explain.hpp"
#include "engine/analysis.hpp"
#include "engine/rule_loader.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>

namespace poolcheck::test {
namespace {

bool reports(engine::rule const& r, std::string const& text) {
  auto report = cli::run_example(r, text, rules());
  return std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                     [&](diagnostic const& d) { return d.code == r.code; });
}

} // namespace

TEST_CASE("every rule has complete metadata", "[rules]") {
  std::set<std::string> codes, names;
  std::set<std::string> const families{"ENV",    "URL",  "NEON",    "SUPA",
                                       "PRISMA", "POOL", "DRIZZLE", "DEPLOY"};
  REQUIRE(rules().rules.size() >= 30);
  for (auto const& r : rules().rules) {
    INFO(r.code);
    CHECK(codes.insert(r.code).second);
    CHECK(names.insert(r.name).second);
    CHECK(families.contains(r.code.substr(0, r.code.size() - 3)));
    CHECK(!r.summary.empty());
    CHECK(!r.why.empty());
    CHECK(!r.message.empty());
    CHECK(!r.sources.empty());
    CHECK(!r.example.bad.empty());
    CHECK(!r.example.good.empty());
    if (r.fix == fix_safety::none)
      CHECK(!r.advice.empty());
    else
      CHECK(!r.fix_title.empty());
    CHECK(r.message.back() != '.');
    // scripts/new-rule marks what it cannot know with FIXME.
    for (auto const* text :
         {&r.summary, &r.why, &r.message, &r.fix_title, &r.advice, &r.example.bad, &r.example.good})
      CHECK(text->find("FIXME") == std::string::npos);
    for (auto const& s : r.sources)
      CHECK(s.find("FIXME") == std::string::npos);
  }
}

TEST_CASE("every rule has fixtures that expect its code", "[rules][fixtures]") {
  auto const root = source_dir() / "tests" / "fixtures";
  for (auto const& r : rules().rules) {
    INFO(r.code << ": tests/fixtures/" << r.code << "/ needs a *.env fixture with `# expect: "
                << r.code << " ...` (scripts/new-rule writes a stub)");
    std::size_t fixtures = 0;
    bool expects_code = false;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(root / r.code, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->path().extension() != ".env")
        continue;
      ++fixtures;
      expects_code = expects_code ||
                     read_file(it->path()).find("# expect: " + r.code + " ") != std::string::npos;
    }
    // A rule about deployment files has its fixtures among theirs.
    for (auto const& path : fixture_deployment_files())
      if (read_file(path).find("# expect: " + r.code + " ") != std::string::npos) {
        ++fixtures;
        expects_code = true;
      }
    CHECK(fixtures > 0);
    CHECK(expects_code);
  }
}

TEST_CASE("every rule's bad example reports it and its good example does not", "[rules]") {
  for (auto const& r : rules().rules) {
    DYNAMIC_SECTION(r.code) {
      CHECK(reports(r, r.example.bad));
      CHECK_FALSE(reports(r, r.example.good));
    }
  }
}

TEST_CASE("every placeholder of a rule's templates is filled where the rule reports", "[rules]") {
  // An unknown `{name}` is printed as written: a misspelt placeholder would reach users.
  std::regex const placeholder(R"(\{[a-z_:]+\})");
  for (auto const& r : rules().rules) {
    DYNAMIC_SECTION(r.code) {
      for (auto const& d : cli::run_example(r, r.example.bad, rules()).diagnostics) {
        if (d.code != r.code)
          continue;
        CHECK_FALSE(std::regex_search(d.message, placeholder));
        CHECK_FALSE(std::regex_search(d.advice, placeholder));
        if (d.fix)
          CHECK_FALSE(std::regex_search(d.fix->title, placeholder));
      }
    }
  }
}

TEST_CASE("rule files are strict and errors name file:line:col", "[rules]") {
  auto load = [](std::string const& text) {
    engine::rule_set set;
    return engine::load_rules("custom.toml", text, set, engine::rule_origin::user);
  };
  SECTION("unknown key") {
    auto r = load("[[rule]]\ncode = \"X001\"\nsevrity = \"error\"\n");
    REQUIRE_FALSE(r);
    CHECK(describe(r.error()) == "custom.toml:3:11: unknown key `sevrity` in a rule");
  }
  SECTION("bad severity") {
    auto r = load(R"([[rule]]
code = "X001"
name = "x"
severity = "fatal"
summary = "s"
message = "m"
fix = "none"
kind = "code"
)");
    REQUIRE_FALSE(r);
    CHECK(describe(r.error()).rfind("custom.toml:4:", 0) == 0);
  }
  SECTION("TOML syntax error") {
    auto r = load("[[rule]\n");
    REQUIRE_FALSE(r);
    CHECK(r.error().at);
    CHECK(r.error().at->line == 1);
  }
  SECTION("bad host pattern") {
    auto r = load("[[endpoint]]\nprovider = \"p\"\nprovider_name = \"P\"\nkind = \"k\"\nhost = "
                  "\"{a}{b}.x\"\n");
    REQUIRE_FALSE(r);
    CHECK(describe(r.error()).rfind("custom.toml:5:", 0) == 0);
  }
  SECTION("a code rule without code") {
    engine::rule_set set;
    REQUIRE(engine::load_rules("custom.toml", R"([[rule]]
code = "X001"
name = "x"
severity = "error"
summary = "s"
why = "w"
message = "m"
fix = "none"
kind = "code"
sources = ["https://example.com"]
[rule.example]
bad = "A=1"
good = "A=2"
)",
                               set, engine::rule_origin::user));
    auto done = engine::finish(set, checks::code_rules());
    REQUIRE_FALSE(done);
    CHECK(done.error().message.find("no code for it") != std::string::npos);
  }
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("docs/rules is current", "[rules][docs]") {
  auto dir = source_dir() / "docs" / "rules";
  std::set<std::string> expected;
  for (auto const& r : rules().rules) {
    expected.insert(r.code + ".md");
    INFO("docs/rules is stale: run `poolcheck rules --write-docs docs/rules`");
    auto path = dir / (r.code + ".md");
    REQUIRE(std::filesystem::exists(path));
    CHECK(read_file(path) == cli::rule_page(r, rules()));
  }
  for (auto const& e : std::filesystem::directory_iterator(dir)) {
    INFO("a page for a rule that does not exist: " << e.path().filename().string());
    CHECK(expected.contains(e.path().filename().string()));
  }
}

} // namespace poolcheck::test
