// Runs every tests/fixtures/<CODE>/*.env fixture, and every deployment-file fixture under
// tests/fixtures/formats/<kind>/ (read as that kind: compose, kubernetes, github_workflow, render,
// app_engine, serverless, fly, netlify, wrangler, wrangler_json, vercel, dockerfile). A fixture
// states its own expectations:
//   # args: --client prisma --target server --select NEON
//   # expect: CODE severity [line N] [@col[-endcol]] [: message, `...*` matches anything]
// applies to the next line that is not a directive (or to line N). Directive lines are blanked to a
// bare `#` before checking (line numbers stay). A JSON fixture, where `#` starts no comment, writes
// them `// args:`, `// expect:`, `// fixed:` instead, blanked to a bare `//`. Any finding nobody
// expected fails; so does a missing one.
//   # fixed: LINE
// states a whole line of the fixed output (in order); a sibling `<name>.env.fixed` states the whole
// fixed file. `# args: --unsafe-fixes` lets unsafe fixes apply; `# args: --template` checks the
// fixture as a template file (`.env.example`: the CLI decides that by the file's name, which a
// fixture's `.env` name cannot say); `# args: --migrations NAME` says `prisma migrate` connects
// with variable NAME (what schema.prisma or prisma.config.ts tells the CLI), `--drizzle-kit NAME`
// that drizzle-kit does (drizzle.config.ts). Every fixture also gets, for free: the parser round
// trip, a fixpoint within the loop's passes, no byte changed outside the edits of each pass, no new
// syntax finding in the fixed file, a second fix run that changes nothing, and fixes that agree
// with their rule's declared safety. A fixture that still says FIXME (the stub scripts/new-rule
// writes) fails.
#include "core/source_file.hpp"
#include "engine/analysis.hpp"
#include "env/document.hpp"
#include "fix/fix_loop.hpp"
#include "formats/read.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <sstream>

namespace poolcheck::test {
namespace {

struct expectation {
  std::size_t line = 0;
  std::string code, severity, message;
  std::optional<std::size_t> column, end_column;
  std::string raw;
};

/// What a fixture is read as: its folder under formats/ names a deployment file's kind.
formats::file_kind kind_of_fixture(std::filesystem::path const& path) {
  static std::map<std::string, formats::file_kind> const kinds{
      {"compose", formats::file_kind::compose},
      {"kubernetes", formats::file_kind::kubernetes},
      {"github_workflow", formats::file_kind::github_workflow},
      {"render", formats::file_kind::render},
      {"app_engine", formats::file_kind::app_engine},
      {"serverless", formats::file_kind::serverless},
      {"fly", formats::file_kind::fly},
      {"netlify", formats::file_kind::netlify},
      {"wrangler", formats::file_kind::wrangler},
      {"wrangler_json", formats::file_kind::wrangler_json},
      {"vercel", formats::file_kind::vercel},
      {"dockerfile", formats::file_kind::dockerfile}};
  if (path.parent_path().parent_path().filename() != "formats")
    return formats::file_kind::dotenv;
  auto const it = kinds.find(path.parent_path().filename().string());
  REQUIRE(it != kinds.end());
  return it->second;
}

/// Checks `text` read as `kind`; a text its format cannot read fails the test.
engine::file_report check_as(formats::file_kind kind, std::string_view text,
                             engine::check_options const& options) {
  auto doc = formats::read_document(kind, text);
  if (!doc)
    FAIL(describe(doc.error()));
  return engine::analyze(*doc, rules(), options);
}

struct fixture {
  std::string text; // directives blanked
  engine::check_options options;
  bool unsafe_fixes = false;
  std::vector<expectation> expected;
  std::vector<std::string> fixed_lines;
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

void apply_args(std::string const& args, fixture& f) {
  engine::check_options& o = f.options;
  std::istringstream in(args);
  std::string flag, value;
  while (in >> flag) {
    if (flag == "--unsafe-fixes") {
      f.unsafe_fixes = true;
      continue;
    }
    if (flag == "--template") {
      o.template_file = true;
      continue;
    }
    in >> value;
    auto list = [&](std::vector<std::string>& into) {
      std::stringstream parts(value);
      for (std::string p; std::getline(parts, p, ',');)
        into.push_back(p);
    };
    if (flag == "--client")
      o.client = {*engine::parse_client(value), "--client"};
    else if (flag == "--target")
      o.target = {engine::parse_target(value), "--target"};
    else if (flag == "--migrations") // what a project's schema.prisma or prisma.config.ts says
      o.migrations.push_back({engine::migrations_tool::prisma_migrate, value, "schema.prisma",
                              "prisma/schema.prisma"});
    else if (flag == "--drizzle-kit") // what a project's drizzle.config.ts says
      o.migrations.push_back(
          {engine::migrations_tool::drizzle_kit, value, "drizzle.config.ts", "drizzle.config.ts"});
    else if (flag == "--select")
      list(o.select);
    else if (flag == "--ignore")
      list(o.ignore);
    else if (flag == "--role") { // NAME=ROLE: what config `[variables.NAME] role` says
      auto& v = o.variables[value.substr(0, value.find('='))];
      v.role = *engine::parse_role(value.substr(value.find('=') + 1));
      v.role_origin = "poolcheck.toml";
    } else
      FAIL("unknown fixture argument " << flag);
  }
}

/// What starts a directive line in a fixture of `kind`: a comment in its format.
std::string comment_mark(formats::file_kind kind) {
  bool const json = kind == formats::file_kind::wrangler_json || kind == formats::file_kind::vercel;
  return json ? "//" : "#";
}

fixture load(std::filesystem::path const& path) {
  std::string raw = read_file(path);
  std::string const mark = comment_mark(kind_of_fixture(path));
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
    if (directive(mark + " args:")) {
      apply_args(line.substr(mark.size() + 6), f);
    } else if (directive(mark + " fixed: ")) {
      f.fixed_lines.push_back(line.substr(mark.size() + 8));
    } else if (directive(mark + " expect:")) {
      expectation e;
      e.raw = line;
      std::string rest = line.substr(mark.size() + 8);
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
      // Expectations apply to the next line that is not a comment, or to a suppression comment.
      bool target =
          !line.empty() && (line.rfind(mark, 0) != 0 || line.rfind("# poolcheck:", 0) == 0);
      if (!pending.empty() && target) {
        for (auto& e : pending) {
          e.line = i + 1;
          f.expected.push_back(e);
        }
        pending.clear();
      }
      continue;
    }
    // Blank the directive, keep the line.
    f.text.replace(line_offset, line.size(), mark + std::string(line.size() - mark.size(), ' '));
  }
  REQUIRE(pending.empty());
  return f;
}

/// Bytes outside `edits` are the same in `before` and `after` (edits sorted, non-overlapping).
bool only_edits_changed(std::string_view before, std::vector<edit> edits, std::string_view after) {
  std::sort(edits.begin(), edits.end(),
            [](edit const& a, edit const& b) { return a.span.begin < b.span.begin; });
  std::size_t from = 0, to = 0;
  for (auto const& e : edits) {
    std::size_t keep = e.span.begin - from;
    if (before.substr(from, keep) != after.substr(to, keep))
      return false;
    to += keep;
    if (after.substr(to, e.replacement.size()) != e.replacement)
      return false;
    to += e.replacement.size();
    from = e.span.end;
  }
  return before.substr(from) == after.substr(to);
}

std::size_t syntax_findings(engine::file_report const& r) {
  return static_cast<std::size_t>(
      std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                    [](diagnostic const& d) { return d.code.rfind("ENV00", 0) == 0; }));
}

void check_fix_safety(diagnostic const& d) {
  auto const* r = rules().find(d.code);
  REQUIRE(r);
  INFO(d.code << ": " << d.message);
  if (r->fix == fix_safety::none) {
    CHECK_FALSE(d.fix);
    return;
  }
  if (!d.fix)
    return; // the context allowed no edit: the advice stands instead
  CHECK_FALSE(d.fix->edits.empty());
  if (r->fix == fix_safety::unsafe || !d.assumed.empty())
    CHECK(d.fix->safety == fix_safety::unsafe);
}

void check_fixes(std::filesystem::path const& path, fixture const& f, std::string const& original) {
  formats::file_kind const kind = kind_of_fixture(path);
  auto check = [&](std::string_view t) {
    return check_as(kind, t, f.options);
  };
  fixes::loop_options o;
  o.unsafe = f.unsafe_fixes;
  std::size_t pass = 0;
  o.on_pass = [&](std::string_view before, std::vector<edit> const& edits, std::string_view after) {
    ++pass;
    INFO(path.string() << ": pass " << pass);
    CHECK(only_edits_changed(before, edits, after));
  };
  auto before = check(original);
  for (auto const& d : before.diagnostics)
    check_fix_safety(d);
  auto loop = fixes::fix_until_stable(original, check, o);
  INFO(path.string());
  REQUIRE(loop.converged);
  if (kind == formats::file_kind::dotenv)
    CHECK(env::parse(loop.text).print() == loop.text);
  CHECK(syntax_findings(loop.final_report) <= syntax_findings(before));
  auto again = fixes::fix_until_stable(loop.text, check, o);
  CHECK(again.text == loop.text);
  CHECK(again.applied.empty());

  auto fixed_path = path;
  fixed_path += ".fixed";
  if (std::filesystem::exists(fixed_path))
    CHECK(loop.text == read_file(fixed_path));
  auto out_lines = split_lines(loop.text);
  std::size_t at = 0;
  for (auto const& want : f.fixed_lines) {
    while (at < out_lines.size() && out_lines[at] != want)
      ++at;
    if (at == out_lines.size()) {
      FAIL_CHECK(path.string() << ": fixed output lacks, in order, the line:\n  " << want
                               << "\nfixed output:\n"
                               << loop.text);
      break;
    }
    ++at;
  }
  if (f.fixed_lines.empty() && !std::filesystem::exists(fixed_path))
    CHECK(loop.text == original); // a fixture that states no fixed output must need none
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
  return engine::glob(glob).matches(actual);
}

} // namespace

TEST_CASE("fixtures state their own findings", "[fixtures]") {
  auto const root = source_dir() / "tests" / "fixtures";
  auto files = fixture_env_files();
  REQUIRE(files.size() >= 20);
  auto const deployment_files = fixture_deployment_files();
  files.insert(files.end(), deployment_files.begin(), deployment_files.end());

  for (auto const& path : files) {
    DYNAMIC_SECTION(std::filesystem::relative(path, root).string()) {
      std::string original = read_file(path);
      if (original.find("FIXME") != std::string::npos)
        FAIL_CHECK(path.string() << ": a stub: replace its FIXME lines with the rule's cases");
      formats::file_kind const kind = kind_of_fixture(path);
      if (kind == formats::file_kind::dotenv)
        CHECK(env::parse(original).print() == original);

      fixture f = load(path);
      // As `check` does: a deployment file says where what it configures runs.
      if (!f.options.target.value)
        if (auto const t = formats::target_of(kind))
          f.options.target = {*t, "the file's kind"};
      source_file file(path.string(), f.text);
      auto report = check_as(kind, f.text, f.options);
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
      check_fixes(path, f, original);
    }
  }
}

} // namespace poolcheck::test
