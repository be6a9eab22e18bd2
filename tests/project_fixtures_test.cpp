// Runs every tests/projects/<name>/ tree: a small project (package.json, prisma/, env files, a
// Dockerfile, ...) copied to a fresh git repository (which ends the upward search), checked as a
// user would, and compared with its `expected.txt`, which the copy leaves out:
//   # comment: what the project shows
//   args: check --no-config .            (the default)
//   exit: 1                              (the default: 1 when a finding fails the run, else 0)
//   finding: PATH:LINE:COL SEVERITY CODE (every finding, in output order; none listed: none)
//   says: TEXT                           (TEXT is in the human output, stdout or stderr)
// A file named `_gitignore` is copied as `.gitignore`: one in the tree itself would hide the
// fixture's own `.env` files from this repository.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace poolcheck::test {
namespace {

namespace fs = std::filesystem;

struct project_expectation {
  std::vector<std::string> args{"check", "--no-config", "."};
  std::optional<int> exit_code;
  std::vector<std::string> findings, says;
};

project_expectation read_expectation(fs::path const& file) {
  project_expectation out;
  std::istringstream in(read_file(file));
  for (std::string line; std::getline(in, line);) {
    auto value = [&](std::string_view key) -> std::optional<std::string> {
      if (!line.starts_with(key))
        return std::nullopt;
      return line.substr(key.size());
    };
    if (line.empty() || line.starts_with("#"))
      continue;
    if (auto args = value("args: ")) {
      out.args.clear();
      std::istringstream words(*args);
      for (std::string w; words >> w;)
        out.args.push_back(w);
    } else if (auto code = value("exit: ")) {
      out.exit_code = std::stoi(*code);
    } else if (auto finding = value("finding: ")) {
      out.findings.push_back(*finding);
    } else if (auto text = value("says: ")) {
      out.says.push_back(*text);
    } else {
      FAIL(file.string() << ": cannot read `" << line << "`");
    }
  }
  return out;
}

/// The tree without expected.txt, `_gitignore` as `.gitignore`.
void copy_tree(fs::path const& from, fs::path const& to) {
  for (auto const& e : fs::recursive_directory_iterator(from)) {
    fs::path const rel = fs::relative(e.path(), from);
    if (rel == "expected.txt")
      continue;
    fs::path target = to / rel;
    if (target.filename() == "_gitignore")
      target.replace_filename(".gitignore");
    if (e.is_directory())
      fs::create_directories(target);
    else
      fs::copy_file(e.path(), target);
  }
}

/// `PATH:LINE:COL SEVERITY CODE` for each finding of a JSON report.
std::vector<std::string> findings_of(std::string const& json_text) {
  std::vector<std::string> out;
  auto const report = nlohmann::json::parse(json_text);
  for (auto const& d : report.at("diagnostics"))
    out.push_back(d.at("path").get<std::string>() + ":" + std::to_string(d.at("line").get<int>()) +
                  ":" + std::to_string(d.at("column").get<int>()) + " " +
                  d.at("severity").get<std::string>() + " " + d.at("code").get<std::string>());
  return out;
}

std::vector<fs::path> project_trees() {
  std::vector<fs::path> out;
  for (auto const& e : fs::directory_iterator(source_dir() / "tests" / "projects"))
    if (e.is_directory())
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

TEST_CASE("every project tree gives its expected findings", "[project][fixtures]") {
  auto const trees = project_trees();
  REQUIRE(!trees.empty());
  for (fs::path const& tree : trees) {
    SECTION(tree.filename().string()) {
      REQUIRE(fs::is_regular_file(tree / "expected.txt"));
      auto const expected = read_expectation(tree / "expected.txt");
      temp_dir dir;
      copy_tree(tree, dir.path);
      // A repository of its own: discovery asks git what it tracks and ignores.
      REQUIRE(std::system(("git init -q " + shell_quote(dir.path.string())).c_str()) == 0);

      auto human = run_poolcheck(expected.args, "", dir.path);
      INFO(human.out << human.err);
      for (auto const& text : expected.says)
        CHECK((human.out + human.err).find(text) != std::string::npos);

      auto json_args = expected.args;
      json_args.insert(json_args.begin() + 1, {"--format", "json"});
      auto json = run_poolcheck(json_args, "", dir.path);
      INFO(json.err);
      REQUIRE(json.exit_code == human.exit_code);
      CHECK(findings_of(json.out) == expected.findings);
      int const fails = std::any_of(expected.findings.begin(), expected.findings.end(),
                                    [](std::string const& f) {
                                      return f.find(" error ") != std::string::npos ||
                                             f.find(" warning ") != std::string::npos;
                                    })
                            ? 1
                            : 0;
      CHECK(human.exit_code == expected.exit_code.value_or(fails));
    }
  }
}

} // namespace poolcheck::test
