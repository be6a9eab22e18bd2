// Runs every tests/fixtures/<CODE>/*.env fixture. A fixture states its own expectations:
//   # args: --client prisma --target server --select NEON
//   # expect: CODE severity [line N] [@col[-endcol]] [: message, `...*` matches anything]
// applies to the next line that is not a directive (or to line N). Directive lines are blanked to a
// bare `#` before checking (line numbers stay). Any finding nobody expected fails; so does a
// missing one. Every fixture also round-trips through the parser byte for byte.
#include "core/source_file.hpp"
#include "engine/analysis.hpp"
#include "env/document.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <sstream>

namespace poolcheck::test {
namespace {

struct expectation {
  std::size_t line = 0;
  std::string code, severity, message;
  std::optional<std::size_t> column, end_column;
  std::string raw;
};

struct fixture {
  std::string text; // directives blanked
  engine::check_options options;
  std::vector<expectation> expected;
};

std::vector<std::string> split_lines(std::string const& text) {
  std::vector<std::string> lines;
  std::string line;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
        ++i;
      lines.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  lines.push_back(line);
  return lines;
}

void apply_args(std::string const& args, engine::check_options& o) {
  std::istringstream in(args);
  std::string flag, value;
  while (in >> flag) {
    in >> value;
    auto list = [&](std::vector<std::string>& into) {
      std::stringstream parts(value);
      for (std::string p; std::getline(parts, p, ',');)
        into.push_back(p);
    };
    if (flag == "--client")
      o.client = {*engine::parse_client(value), "--client"};
    else if (flag == "--target")
      o.target = *engine::parse_target(value);
    else if (flag == "--select")
      list(o.select);
    else if (flag == "--ignore")
      list(o.ignore);
    else
      FAIL("unknown fixture argument " << flag);
  }
}

fixture load(std::filesystem::path const& path) {
  std::string raw = read_file(path);
  fixture f;
  f.text = raw;
  auto lines = split_lines(raw);
  std::vector<expectation> pending;
  std::size_t offset = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line = lines[i];
    if (i == 0 && line.rfind("\xEF\xBB\xBF", 0) == 0)
      line.erase(0, 3); // a BOM before a directive on the first line
    std::size_t line_offset = raw.find(line, offset);
    offset = line_offset + line.size();
    auto directive = [&](std::string_view prefix) {
      return line.rfind(prefix, 0) == 0;
    };
    if (directive("# args:")) {
      apply_args(line.substr(7), f.options);
    } else if (directive("# expect:")) {
      expectation e;
      e.raw = line;
      std::string rest = line.substr(9);
      std::size_t colon = rest.find(": ");
      std::string head = rest.substr(0, colon);
      if (colon != std::string::npos)
        e.message = rest.substr(colon + 2);
      std::istringstream in(head);
      in >> e.code >> e.severity;
      std::string at;
      bool has_at = static_cast<bool>(in >> at);
      if (has_at && at == "line") {
        std::size_t n = 0;
        in >> n;
        e.line = n;
        has_at = static_cast<bool>(in >> at);
      }
      if (has_at && at.front() == '@') {
        auto dash = at.find('-');
        e.column = std::stoul(at.substr(1, dash - 1));
        if (dash != std::string::npos)
          e.end_column = std::stoul(at.substr(dash + 1));
      }
      if (e.line)
        f.expected.push_back(e);
      else
        pending.push_back(e);
    } else {
      if (!pending.empty() && !line.empty() && line[0] != '#') {
        for (auto& e : pending) {
          e.line = i + 1;
          f.expected.push_back(e);
        }
        pending.clear();
      }
      continue;
    }
    // Blank the directive, keep the line.
    f.text.replace(line_offset, line.size(), std::string("#") + std::string(line.size() - 1, ' '));
  }
  REQUIRE(pending.empty());
  return f;
}

bool message_matches(std::string const& pattern, std::string const& actual) {
  if (pattern.empty())
    return true;
  std::string glob;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 4, "...*") == 0) {
      glob += '*';
      i += 3;
    } else {
      glob += pattern[i];
    }
  }
  return engine::glob_match(glob, actual);
}

} // namespace

TEST_CASE("fixtures state their own findings", "[fixtures]") {
  auto root = source_dir() / "tests" / "fixtures";
  std::vector<std::filesystem::path> files;
  for (auto const& e : std::filesystem::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".env")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 20);

  for (auto const& path : files) {
    DYNAMIC_SECTION(std::filesystem::relative(path, root).string()) {
      std::string original = read_file(path);
      CHECK(env::parse(original).print() == original);

      fixture f = load(path);
      source_file file(path.string(), f.text);
      auto report = engine::analyze(f.text, rules(), f.options);
      std::vector<bool> used(f.expected.size());
      for (auto const& d : report.diagnostics) {
        auto pos = file.position(d.span.begin);
        auto end = file.position(d.span.end);
        bool found = false;
        for (std::size_t i = 0; i < f.expected.size() && !found; ++i) {
          auto const& e = f.expected[i];
          if (used[i] || e.line != pos.line || e.code != d.code ||
              e.severity != to_string(d.severity))
            continue;
          if (e.column && *e.column != pos.column)
            continue;
          if (e.end_column && *e.end_column != end.column)
            continue;
          if (!message_matches(e.message, d.message))
            continue;
          used[i] = found = true;
        }
        if (!found)
          FAIL_CHECK(path.string()
                     << ":" << pos.line << ":" << pos.column << ": unexpected finding " << d.code
                     << " " << to_string(d.severity) << ": " << d.message);
      }
      for (std::size_t i = 0; i < f.expected.size(); ++i)
        if (!used[i])
          FAIL_CHECK(path.string() << ":" << f.expected[i].line
                                   << ": expected finding not reported: " << f.expected[i].raw);
    }
  }
}

} // namespace poolcheck::test
