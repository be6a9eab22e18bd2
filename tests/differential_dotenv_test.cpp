// Differential test against the reference: every value env::parse hands a program must be what
// motdotla/dotenv 17.4.2 (the release poolcheck models) returns for the same bytes, on the fixture
// files and on thousands of generated files mixing the edge cases of the .env format. dotenv runs
// in node, installed with `npm ci` from tests/differential into the build folder; without node,
// npm or the registry the comparison is skipped with a warning.
#include "env/document.hpp"
#include "support/random_source.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace poolcheck::test {
namespace {

namespace fs = std::filesystem;

using values = std::map<std::string, std::string>;

bool same_file_content(fs::path const& a, fs::path const& b) {
  std::error_code ec;
  if (!fs::exists(a, ec) || !fs::exists(b, ec))
    return false;
  return read_file(a) == read_file(b);
}

// ---------------------------------------------------------------------------------------------
// The reference parser: dotenv installed once per build folder, shared by every test here.

struct reference_parser {
  fs::path node_modules; // empty when unavailable
  std::string unavailable_because;
};

fs::path package_source() {
  return source_dir() / "tests" / "differential";
}

bool installed_in(fs::path const& folder) {
  return same_file_content(folder / "package.json", package_source() / "package.json") &&
         same_file_content(folder / "package-lock.json", package_source() / "package-lock.json") &&
         fs::exists(folder / "node_modules" / "dotenv" / "package.json");
}

reference_parser install_reference() {
  reference_parser out;
  if (std::system("command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1") != 0) {
    out.unavailable_because = "node or npm is not installed";
    return out;
  }
  // The build folder keeps the install between runs; a new lock file reinstalls.
  fs::path const folder = fs::path(POOLCHECK_BINARY).parent_path() / "differential-dotenv";
  if (!installed_in(folder)) {
    // Installed beside the final folder and renamed into place, so that test processes running in
    // parallel never see a half-installed tree.
    fs::path const staging = folder.string() + ".tmp-" + std::to_string(::getpid());
    fs::remove_all(staging);
    fs::create_directories(staging);
    fs::copy_file(package_source() / "package.json", staging / "package.json");
    fs::copy_file(package_source() / "package-lock.json", staging / "package-lock.json");
    // Bounded retries: offline, npm would otherwise keep retrying for minutes.
    std::string const command =
        "cd " + shell_quote(staging.string()) +
        " && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --fetch-retries=1 "
        "--fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=5000 >npm.log 2>&1";
    if (std::system(command.c_str()) != 0) {
      // npm's first error line names the cause ("npm error code ECONNREFUSED").
      std::string const log = read_file(staging / "npm.log");
      fs::remove_all(staging);
      auto const at = log.find("npm error");
      std::string const cause = at == std::string::npos ? log : log.substr(at);
      out.unavailable_because =
          "`npm ci` for dotenv failed (offline?): " + cause.substr(0, cause.find('\n'));
      return out;
    }
    std::error_code ec;
    if (!installed_in(folder)) {
      fs::remove_all(folder, ec);
      fs::rename(staging, folder, ec);
    }
    fs::remove_all(staging, ec); // left over when another process installed first
    if (!installed_in(folder)) {
      out.unavailable_because = "the dotenv install in " + folder.string() + " is incomplete";
      return out;
    }
  }
  out.node_modules = folder / "node_modules";
  return out;
}

reference_parser const& reference() {
  static reference_parser const installed = install_reference();
  return installed;
}

/// dotenv.parse of each file, by path as given. Node starts once per call (it is slow to start).
std::map<std::string, values> dotenv_parse(fs::path const& cwd,
                                           std::vector<std::string> const& files) {
  std::string command = "cd " + shell_quote(cwd.string()) +
                        " && NODE_PATH=" + shell_quote(reference().node_modules.string()) +
                        " node " + shell_quote((package_source() / "parse.js").string());
  for (auto const& f : files)
    command += " " + shell_quote(f);
  command += " >dotenv.json 2>dotenv.err";
  int const status = std::system(command.c_str());
  INFO("node: " << read_file(cwd / "dotenv.err"));
  REQUIRE(status == 0);
  auto const json = nlohmann::json::parse(read_file(cwd / "dotenv.json"));
  std::map<std::string, values> out;
  for (auto const& [file, parsed] : json.items())
    for (auto const& [key, value] : parsed.items())
      out[file][key] = value.get<std::string>();
  return out;
}

// ---------------------------------------------------------------------------------------------
// poolcheck's reading.

/// Node decodes the Buffer per the WHATWG UTF-8 decoder: each maximal invalid subpart becomes one
/// U+FFFD. poolcheck keeps the raw bytes (and reports invalid_utf8); this maps them the same way.
std::string as_node_decodes(std::string_view bytes) {
  std::string out;
  std::size_t i = 0;
  auto const at = [&](std::size_t k) {
    return static_cast<unsigned char>(bytes[k]);
  };
  while (i < bytes.size()) {
    unsigned char const lead = at(i);
    std::size_t need = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xbf;
    if (lead < 0x80) {
      out += static_cast<char>(lead);
      ++i;
      continue;
    }
    if (lead >= 0xc2 && lead <= 0xdf) {
      need = 1;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      low = lead == 0xe0 ? 0xa0 : 0x80;
      high = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      low = lead == 0xf0 ? 0x90 : 0x80;
      high = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    std::size_t got = 0;
    std::size_t k = i + 1;
    while (got < need && k < bytes.size() && at(k) >= low && at(k) <= high) {
      low = 0x80;
      high = 0xbf;
      ++got;
      ++k;
    }
    if (got == need)
      out.append(bytes.substr(i, k - i));
    else
      out += "\xEF\xBF\xBD"; // the byte that broke the sequence starts the next one
    i = k;
  }
  return out;
}

struct our_reading {
  values last_wins;
  bool invalid_utf8 = false;
};

our_reading poolcheck_parse(std::string const& text) {
  auto const doc = env::parse(text);
  our_reading out;
  out.invalid_utf8 = std::any_of(doc.issues.begin(), doc.issues.end(), [](auto const& issue) {
    return issue.kind == syntax_issue_kind::invalid_utf8;
  });
  for (auto const& entry : doc.entries) {
    // Decoding invalid bytes never creates or removes a key: dotenv keys are ASCII.
    out.last_wins[std::string(entry.name)] =
        out.invalid_utf8 ? as_node_decodes(entry.logical_value) : std::string(entry.logical_value);
  }
  return out;
}

std::string describe(values const& v) {
  std::string out = "{";
  for (auto const& [key, value] : v)
    out += std::string(out.size() > 1 ? ", " : " ") + escaped(key) + ": " + escaped(value);
  return out + " }";
}

// ---------------------------------------------------------------------------------------------
// Deliberate differences: none. poolcheck reports its syntax issues (unmatched_line,
// unterminated_quote, text_after_quote, nul_byte, invalid_utf8, byte_order_mark) next to the
// value dotenv reads, never instead of it, so every value must match. The one representation
// difference is decoding: poolcheck keeps invalid bytes that node turns into U+FFFD, and
// as_node_decodes() above maps them before comparing.

// Known bugs, not deliberate: JavaScript's `^`, `$` and `.` treat U+2028 and U+2029 as line
// terminators, so in dotenv they end a comment, a quoted value's line and a skipped line, and
// start a new possible assignment. env::parse treats them as plain whitespace. dotenv's readings
// below were produced by dotenv 17.4.2 (the main test checks them again when node is present);
// the generator leaves U+2028/U+2029 out until env::parse handles them.
struct known_case {
  std::string_view content;
  values dotenv;
};

std::vector<known_case> const line_separator_cases{
    {"A=abc#c\xE2\x80\xA8"
     "B=2\n",
     {{"A", "abc"}, {"B", "2"}}},
    {"A=\"x\"\xE2\x80\xA8"
     "B=2\n",
     {{"A", "x"}, {"B", "2"}}},
    {"# c\xE2\x80\xA9"
     "B=2\n",
     {{"B", "2"}}},
    {"junk\xE2\x80\xA8"
     "B=2\n",
     {{"B", "2"}}},
    {"A=x\xE2\x80\xA8'y'\n", {{"A", "x\xE2\x80\xA8y"}}},
};

// ---------------------------------------------------------------------------------------------
// Comparison.

struct comparison {
  std::size_t compared = 0;
  std::size_t decoded = 0; // files with invalid UTF-8, compared as node decodes them
};

/// Writes `contents` as files in `folder`, parses them with both parsers (one node process per
/// batch) and fails on the first differences.
comparison compare_all(fs::path const& folder, std::vector<std::string> const& contents) {
  constexpr std::size_t batch = 400;
  comparison stats;
  std::size_t failures = 0;
  for (std::size_t first = 0; first < contents.size(); first += batch) {
    std::vector<std::string> names;
    for (std::size_t i = first; i < std::min(contents.size(), first + batch); ++i) {
      names.push_back("case" + std::to_string(i) + ".env");
      std::ofstream(folder / names.back(), std::ios::binary) << contents[i];
    }
    auto const theirs = dotenv_parse(folder, names);
    for (std::size_t k = 0; k < names.size(); ++k) {
      std::string const& content = contents[first + k];
      auto const ours = poolcheck_parse(content);
      auto const found = theirs.find(names[k]);
      values const dotenv = found == theirs.end() ? values{} : found->second;
      ++stats.compared;
      stats.decoded += ours.invalid_utf8 ? 1 : 0;
      if (ours.last_wins == dotenv)
        continue;
      // A few are enough to see the pattern; thousands would bury it.
      if (++failures <= 5) {
        FAIL_CHECK("file " << names[k] << ": " << escaped(content) << "\n  poolcheck: "
                           << describe(ours.last_wins) << "\n  dotenv:    " << describe(dotenv));
      }
    }
  }
  CHECK(failures == 0);
  return stats;
}

// ---------------------------------------------------------------------------------------------
// Generated files: random mixes of the cases in the format's edge-case table.

using pieces = std::vector<std::string>;

// Keys: dotenv's grammar, outside POSIX, outside the grammar, and a few repeated for duplicates.
pieces const keys{"A",     "B",       "C",  "DATABASE_URL", "DIRECT_URL", "a.b", "a-b", "1A",
                  "_X",    "A",       "B",  "export",       "K\xC3\x89Y", "A B", ";A",  "x",
                  "A.B-C", "exportA", "A\t"};

pieces const prefixes{
    "",        "",          "",         " ",        "\t",       "   ",          "export ",
    "export ", "export   ", "export\t", " export ", "\xC2\xA0", "\xEF\xBB\xBF", "\v"};

pieces const separators{"=",  "=",   "=", " = ", "\t=\t", " =",  "= ",
                        ": ", ":\t", ":", " : ", ":  ",   "=  ", ":\xC2\xA0"};

// Value text, by what it exercises; a group is picked first, then a piece of it.
std::vector<pieces> const value_groups{
    {"a", "b", "z", "0", "9", "x", " ", "  ", "\t", "\v", "\f"}, // text, trimmed space
    {"#", " #", "=", ":", "/", "@", "%", "?", "&"},              // comments, URL syntax
    {"'", "\"", "`", "\\", "\\n", "\\r", "\\t", "\\\"", "\\'", "\\`", "\\\\"}, // quotes, escapes
    {"$", "${A}", "$$", "$(echo hi)"}, // expansion (none in dotenv)
    {"\xC3\xA9", "\xE6\x97\xA5", "\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF",
     "\xE2\x80\x8A"}, // non-ASCII, JavaScript whitespace among it
    {"postgres://u:p#ss@h:5432/db", "value"},
};

pieces const trailers{"",     "",    "",     " ",     "\t",           "  \t",
                      " # c", "#c",  " #",   "# 'q'", " # \"x\" `y`", "\xC2\xA0",
                      "x",    "def", " 'y'", "\"z\"", " ; c"};

pieces const standalone_lines{
    "# comment",    "  # indented", "#",         "# A=1",    "",         "",
    "   ",          "\t",           "A",         "export A", ";A=1",     "A B=1",
    "K\xC3\x89Y=1", "'x'",          "\"",        "=1",       ":x",       "export",
    "A:1",          "export =1",    "export: 1", "A=b=c==",  "\xC2\xA0", "this is not valid"};

pieces const broken_bytes{"\0",       "\xE9",         "\x80",     "\xC3",     "\xED\xA0\x80",
                          "\xF8\x88", "\xF0\x9F\x98", "\xE2\x80", "\xC0\xAF", "\xFF"};

// NUL needs its length spelled out.
std::string broken_byte(random_source& rng) {
  std::string const& b = rng.pick(broken_bytes);
  return b.empty() ? std::string(1, '\0') : b;
}

std::string random_text(random_source& rng, std::size_t max_pieces, std::string const& newline,
                        bool multi_line) {
  std::string out;
  std::size_t const n = rng.below(max_pieces + 1);
  for (std::size_t i = 0; i < n; ++i)
    out += multi_line && rng.percent(12) ? newline : rng.pick(rng.pick(value_groups));
  return out;
}

std::string random_value(random_source& rng, std::string const& newline) {
  switch (rng.below(9)) {
  case 0:
    return "";
  case 1:
  case 2: {
    // Unquoted: a `#` ends it, surrounding space is trimmed.
    return random_text(rng, 6, newline, false);
  }
  default: {
    std::string const quote = rng.pick(pieces{"'", "\"", "`"});
    std::string out;
    if (rng.percent(15))
      out += rng.pick(pieces{" ", "\t", newline, newline + "  "}); // `\s*` before the quote
    out += quote + random_text(rng, 6, newline, rng.percent(40));
    if (rng.percent(12))
      out += "\\" + quote; // an escaped quote, which the regex body may pass over
    if (rng.percent(85))
      out += quote; // otherwise unterminated
    if (rng.percent(20))
      out += rng.pick(pieces{"x", "def", quote + quote, " " + quote + "y" + quote, "\"x\""});
    return out;
  }
  }
}

std::string random_entry(random_source& rng, std::string const& newline) {
  std::string line = rng.pick(prefixes) + rng.pick(keys) + rng.pick(separators);
  line += random_value(rng, newline);
  if (rng.percent(40))
    line += rng.pick(trailers);
  return line;
}

std::string structured_file(random_source& rng) {
  std::string const file_newline = rng.pick(pieces{"\n", "\n", "\r\n", "\r"});
  bool const mixed = rng.percent(10);
  std::string out = rng.percent(10) ? "\xEF\xBB\xBF" : "";
  std::size_t const lines = 1 + rng.below(8);
  for (std::size_t i = 0; i < lines; ++i) {
    std::string const newline = mixed ? rng.pick(pieces{"\n", "\r\n", "\r"}) : file_newline;
    out += rng.percent(75) ? random_entry(rng, newline) : rng.pick(standalone_lines);
    if (i + 1 < lines || rng.percent(80))
      out += newline;
  }
  if (rng.percent(8))
    out.insert(rng.below(out.size() + 1), broken_byte(rng));
  return out;
}

// Unstructured soup of the significant tokens, for what the line shapes above do not reach.
std::string chaos_file(random_source& rng) {
  static pieces const tokens{"A",  "B",   "export", " ",           "\t", "\v",       "=",
                             "=",  ":",   "'",      "\"",          "`",  "\\",       "#",
                             "\n", "\n",  "\r\n",   "\r",          "x",  "\xC3\xA9", "\xC2\xA0",
                             "$",  "\\n", "\\\"",   "\xEF\xBB\xBF"};
  std::string out;
  std::size_t const n = 4 + rng.below(36);
  for (std::size_t i = 0; i < n; ++i)
    out += rng.pick(tokens);
  return out;
}

std::vector<std::string> generated_files(std::size_t count) {
  random_source rng(0x90015C0DE);
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    out.push_back(rng.percent(20) ? chaos_file(rng) : structured_file(rng));
  return out;
}

std::vector<fs::path> fixture_files() {
  std::vector<fs::path> out{source_dir() / "tests" / "golden" / "app.env"};
  for (auto& path : fixture_env_files())
    out.push_back(std::move(path));
  return out;
}

bool reference_available() {
  if (reference().node_modules.empty()) {
    WARN("skipped: dotenv cannot be run (" << reference().unavailable_because << ")");
    return false;
  }
  return true;
}

} // namespace

TEST_CASE("dotenv reads every fixture as env::parse does", "[differential][dotenv]") {
  if (!reference_available())
    return;
  temp_dir folder;
  std::vector<std::string> contents;
  for (auto const& path : fixture_files())
    contents.push_back(read_file(path));
  REQUIRE(contents.size() > 40);
  auto const stats = compare_all(folder.path, contents);
  CHECK(stats.compared == contents.size());
  CHECK(stats.decoded >= 1); // the Latin-1 fixture
}

TEST_CASE("dotenv reads generated edge-case files as env::parse does", "[differential][dotenv]") {
  if (!reference_available())
    return;
  temp_dir folder;
  auto const contents = generated_files(3000);
  auto const stats = compare_all(folder.path, contents);
  CHECK(stats.compared == contents.size());
  CHECK(stats.decoded > 20); // enough files with broken bytes to exercise the decoding
}

TEST_CASE("dotenv still reads U+2028 and U+2029 as line ends", "[differential][dotenv]") {
  if (!reference_available())
    return;
  temp_dir folder;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < line_separator_cases.size(); ++i) {
    names.push_back("case" + std::to_string(i) + ".env");
    std::ofstream(folder.path / names.back(), std::ios::binary) << line_separator_cases[i].content;
  }
  auto const theirs = dotenv_parse(folder.path, names);
  for (std::size_t i = 0; i < names.size(); ++i) {
    INFO(escaped(line_separator_cases[i].content)
         << "\n  dotenv: " << describe(theirs.at(names[i])));
    CHECK(theirs.at(names[i]) == line_separator_cases[i].dotenv);
  }
}

// Fails until env::parse ends lines at U+2028/U+2029 where JavaScript's regex does; then drop
// [!shouldfail] and let the generator emit them.
TEST_CASE("env::parse ends lines at U+2028 and U+2029 as dotenv does",
          "[differential][dotenv][!shouldfail]") {
  for (auto const& c : line_separator_cases) {
    auto const ours = poolcheck_parse(std::string(c.content)).last_wins;
    INFO(escaped(c.content) << "\n  poolcheck: " << describe(ours)
                            << "\n  dotenv:    " << describe(c.dotenv));
    CHECK(ours == c.dotenv);
  }
}

} // namespace poolcheck::test
