// The .env parser returns what motdotla/dotenv's released regex parser returns, keeps every byte
// (printing the document gives back the input), and stays linear and in bounds on hostile input.
#include "env/document.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using poolcheck::byte_span;
using poolcheck::entry;
using poolcheck::line_ending;
using poolcheck::quoting;
using poolcheck::syntax_issue;
using poolcheck::syntax_issue_kind;
using poolcheck::env::document;
using poolcheck::env::line_kind;
using poolcheck::env::parse;
using namespace std::string_literals;

namespace {

using pair_list = std::vector<std::pair<std::string, std::string>>;

// Key and logical value of every entry, in file order (what dotenv's exec loop sees).
pair_list pairs(document const& doc) {
  pair_list out;
  for (entry const& item : doc.entries) {
    out.emplace_back(item.name, item.logical_value);
  }
  return out;
}

// The value dotenv would store: the last entry with that name wins.
std::string value_of(document const& doc, std::string_view name) {
  for (auto it = doc.entries.rbegin(); it != doc.entries.rend(); ++it) {
    if (it->name == name) {
      return std::string(it->logical_value);
    }
  }
  return "<missing>";
}

entry const& entry_named(document const& doc, std::string_view name) {
  for (entry const& item : doc.entries) {
    if (item.name == name) {
      return item;
    }
  }
  FAIL("no entry " << std::string(name));
  return doc.entries.front();
}

std::vector<syntax_issue> issues_of(document const& doc, syntax_issue_kind kind) {
  std::vector<syntax_issue> out;
  for (syntax_issue const& issue : doc.issues) {
    if (issue.kind == kind) {
      out.push_back(issue);
    }
  }
  return out;
}

std::vector<line_kind> kinds(document const& doc) {
  std::vector<line_kind> out;
  for (auto const& item : doc.lines) {
    out.push_back(item.kind);
  }
  return out;
}

bool span_ok(byte_span span, std::size_t size) {
  return span.begin <= span.end && span.end <= size;
}

// What must hold for every input: lines tile the text, spans nest, the map explains each byte.
void check_invariants(document const& doc) {
  std::string_view const text = doc.text;
  REQUIRE(doc.print() == text);
  std::size_t at = 0;
  std::size_t entry_lines = 0;
  for (auto const& item : doc.lines) {
    REQUIRE(item.span.begin == at);
    REQUIRE(item.span.end > item.span.begin);
    at = item.span.end;
    if (item.kind == line_kind::entry) {
      REQUIRE(item.entry_index == entry_lines);
      ++entry_lines;
      entry const& owned = doc.entries[item.entry_index];
      REQUIRE(item.span.contains(owned.key.begin));
      REQUIRE(owned.raw_value.end <= item.span.end);
    }
  }
  REQUIRE(at == text.size());
  REQUIRE(entry_lines == doc.entries.size());
  for (entry const& item : doc.entries) {
    REQUIRE(span_ok(item.key, text.size()));
    REQUIRE(item.key.of(text) == item.name);
    REQUIRE(span_ok(item.raw_value, text.size()));
    REQUIRE(item.key.end <= item.raw_value.begin);
    REQUIRE(item.raw_value.begin <= item.inner.begin);
    REQUIRE(item.inner.begin <= item.inner.end);
    REQUIRE(item.inner.end <= item.raw_value.end);
    if (item.comment) {
      REQUIRE(span_ok(*item.comment, text.size()));
      REQUIRE(item.comment->of(text).substr(0, 1) == "#");
      REQUIRE(item.comment->begin >= item.raw_value.end);
    }
    if (item.logical_to_raw.empty()) {
      REQUIRE(item.logical_value == item.inner.of(text));
      continue;
    }
    REQUIRE(item.logical_to_raw.size() == item.logical_value.size() + 1);
    REQUIRE(item.raw_offset(0) == item.inner.begin);
    REQUIRE(item.raw_offset(item.logical_value.size()) == item.inner.end);
    for (std::size_t i = 0; i < item.logical_value.size(); ++i) {
      REQUIRE(item.raw_offset(i) < item.raw_offset(i + 1));
      char const raw = text[item.raw_offset(i)];
      char const logical = item.logical_value[i];
      bool const explained = raw == logical || (raw == '\r' && logical == '\n') ||
                             (raw == '\\' && (logical == '\n' || logical == '\r'));
      REQUIRE(explained);
    }
  }
  for (std::size_t i = 0; i < doc.issues.size(); ++i) {
    REQUIRE(span_ok(doc.issues[i].span, text.size()));
    if (i > 0) {
      REQUIRE(doc.issues[i - 1].span.begin <= doc.issues[i].span.begin);
    }
  }
}

// A document views its text: every text parsed here lives until the tests end.
document parsed(std::string text) {
  static std::deque<std::string> texts;
  document doc = parse(texts.emplace_back(std::move(text)));
  check_invariants(doc);
  return doc;
}

} // namespace

TEST_CASE("empty input gives an empty document", "[env]") {
  std::string const text;
  document const doc = parsed(text);
  CHECK(doc.lines.empty());
  CHECK(doc.entries.empty());
  CHECK(doc.issues.empty());
  CHECK(doc.print().empty());
  CHECK(doc.dominant_ending == line_ending::lf);
}

TEST_CASE("entry spans: key, raw value, inner, comment, line", "[env]") {
  std::string const text = "  export KEY = 'v a' # c\nNEXT=1\n";
  document const doc = parsed(text);
  REQUIRE(doc.entries.size() == 2);
  entry const& key = doc.entries[0];
  CHECK(key.name == "KEY");
  CHECK(key.exported);
  CHECK(key.key.begin == 9);
  CHECK(key.key.end == 12);
  CHECK(key.raw_value.begin == 15);
  CHECK(key.raw_value.of(text) == "'v a'");
  CHECK(key.inner.begin == 16);
  CHECK(key.inner.of(text) == "v a");
  CHECK(key.quote == quoting::single);
  CHECK(key.logical_value == "v a");
  CHECK(key.logical_to_raw.empty());
  REQUIRE(key.comment);
  CHECK(key.comment->begin == 21);
  CHECK(key.comment->of(text) == "# c");
  CHECK(key.raw_offset(2) == 18);
  REQUIRE(doc.lines.size() == 2);
  CHECK(doc.lines[0].span.begin == 0);
  CHECK(doc.lines[0].span.end == 25);
  CHECK(doc.lines[0].entry_index == 0);
  CHECK(doc.lines[1].entry_index == 1);
  entry const& next = doc.entries[1];
  CHECK_FALSE(next.exported);
  CHECK(next.key.of(text) == "NEXT");
  CHECK(next.raw_value.begin == 30);
  CHECK(next.raw_value.of(text) == "1");
  CHECK(next.inner.of(text) == "1");
  CHECK(next.quote == quoting::none);
  CHECK_FALSE(next.comment);
}

TEST_CASE("line terminators: LF, CRLF and bare CR", "[env]") {
  SECTION("LF") {
    document const doc = parsed("A=1\nB=2\n");
    CHECK(pairs(doc) == pair_list{{"A", "1"}, {"B", "2"}});
    CHECK(doc.dominant_ending == line_ending::lf);
  }
  SECTION("CRLF") {
    std::string const text = "A=1\r\nB=\"two\"\r\nC=3 # c\r\n";
    document const doc = parsed(text);
    CHECK(pairs(doc) == pair_list{{"A", "1"}, {"B", "two"}, {"C", "3"}});
    CHECK(doc.dominant_ending == line_ending::crlf);
    REQUIRE(doc.lines.size() == 3);
    CHECK(doc.lines[0].span.of(text) == "A=1\r\n");
    CHECK(entry_named(doc, "A").raw_value.of(text) == "1");
    CHECK(entry_named(doc, "C").comment->of(text) == "# c");
  }
  SECTION("bare CR, dotenv's own test") {
    document const doc = parsed("SERVER=localhost\rPASSWORD=password\rDB=tests\r");
    CHECK(pairs(doc) ==
          pair_list{{"SERVER", "localhost"}, {"PASSWORD", "password"}, {"DB", "tests"}});
    CHECK(doc.dominant_ending == line_ending::cr);
    CHECK(doc.lines.size() == 3);
  }
  SECTION("the most frequent terminator wins") {
    CHECK(parsed("A=1\r\nB=2\r\nC=3\n").dominant_ending == line_ending::crlf);
    CHECK(parsed("A=1\rB=2\nC=3\n").dominant_ending == line_ending::lf);
    CHECK(parsed("A=1").dominant_ending == line_ending::lf);
  }
  SECTION("no final newline") {
    std::string const text = "A=1\nB=2";
    document const doc = parsed(text);
    REQUIRE(doc.lines.size() == 2);
    CHECK(doc.lines[1].span.of(text) == "B=2");
    CHECK(value_of(doc, "B") == "2");
  }
  SECTION("only a CR") {
    document const doc = parsed("\r");
    REQUIRE(doc.lines.size() == 1);
    CHECK(doc.lines[0].kind == line_kind::blank);
    CHECK(doc.dominant_ending == line_ending::cr);
  }
}

TEST_CASE("blank, comment and invalid lines", "[env]") {
  std::string const text =
      "\n   \n\t# note\n# A=1\nA=1\ngarbage here\nA B=1\nKEY:v\nKEY\nexport KEY\n";
  document const doc = parsed(text);
  CHECK(kinds(doc) == std::vector<line_kind>{line_kind::blank, line_kind::blank, line_kind::comment,
                                             line_kind::comment, line_kind::entry,
                                             line_kind::invalid, line_kind::invalid,
                                             line_kind::invalid, line_kind::invalid,
                                             line_kind::invalid});
  CHECK(pairs(doc) == pair_list{{"A", "1"}});
  auto const unmatched = issues_of(doc, syntax_issue_kind::unmatched_line);
  REQUIRE(unmatched.size() == 5);
  CHECK(unmatched[0].span.of(text) == "garbage here");
  CHECK(unmatched[1].span.of(text) == "A B=1");
  CHECK(unmatched[2].span.of(text) == "KEY:v");
  CHECK(unmatched[3].span.of(text) == "KEY");
  CHECK(unmatched[4].span.of(text) == "export KEY");
}

TEST_CASE("keys, export prefix and separators", "[env]") {
  SECTION("key characters are [A-Za-z0-9_.-]") {
    document const doc = parsed("a.b=1\na-b=2\n1A=3\n_x=4\nK\xC3\x89Y=5\n;A=6\n");
    CHECK(pairs(doc) == pair_list{{"a.b", "1"}, {"a-b", "2"}, {"1A", "3"}, {"_x", "4"}});
    CHECK(issues_of(doc, syntax_issue_kind::unmatched_line).size() == 2);
  }
  SECTION("export prefix") {
    document const doc = parsed("export A=1\nexport   B = \"2\"\nexport\tC=3\n");
    CHECK(pairs(doc) == pair_list{{"A", "1"}, {"B", "2"}, {"C", "3"}});
    for (entry const& item : doc.entries) {
      CHECK(item.exported);
    }
  }
  SECTION("the regex backtracks out of the prefix") {
    document const doc = parsed("export=1\nexport =2\nexportFOO=3\nexport  export=4\n");
    CHECK(pairs(doc) ==
          pair_list{{"export", "1"}, {"export", "2"}, {"exportFOO", "3"}, {"export", "4"}});
    CHECK_FALSE(doc.entries[0].exported);
    CHECK_FALSE(doc.entries[1].exported);
    CHECK_FALSE(doc.entries[2].exported);
    CHECK(doc.entries[3].exported);
  }
  SECTION("whitespace around = and indentation") {
    document const doc = parsed("A = 1\nB\t=\t2\n   C=3\n\tD=4\n");
    CHECK(pairs(doc) == pair_list{{"A", "1"}, {"B", "2"}, {"C", "3"}, {"D", "4"}});
  }
  SECTION("colon needs whitespace after it") {
    std::string const text = "A: 1\nB:2\nC :3\nD:\tx y\n";
    document const doc = parsed(text);
    CHECK(pairs(doc) == pair_list{{"A", "1"}, {"D", "x y"}});
    CHECK(doc.entries[0].raw_value.begin == 3);
    CHECK(issues_of(doc, syntax_issue_kind::unmatched_line).size() == 2);
  }
  SECTION("dotenv's \\s crosses line breaks around the key and separator") {
    // These are odd but real: the released regex matches them.
    document const doc = parsed("export\nA=1\nB\n=2\nC:\nD=4\n");
    CHECK(pairs(doc) == pair_list{{"A", "1"}, {"B", "2"}, {"C", "D=4"}});
    CHECK(doc.entries[0].exported);
    CHECK(doc.lines.size() == 3);
  }
  SECTION("duplicates are all kept; the last one wins") {
    document const doc = parsed("DUP=one\nDUP=two\n");
    CHECK(doc.entries.size() == 2);
    CHECK(value_of(doc, "DUP") == "two");
  }
}

TEST_CASE("unquoted values end at the first # and are trimmed", "[env]") {
  SECTION("no space needed before #") {
    std::string const text = "A=abc#def\n";
    document const doc = parsed(text);
    entry const& a = entry_named(doc, "A");
    CHECK(a.logical_value == "abc");
    CHECK(a.raw_value.begin == 2);
    CHECK(a.raw_value.end == 5);
    REQUIRE(a.comment);
    CHECK(a.comment->begin == 5);
    CHECK(a.comment->end == 9);
  }
  SECTION("a value starting with # is empty") {
    std::string const text = "A=#x\nB=2\n";
    document const doc = parsed(text);
    entry const& a = entry_named(doc, "A");
    CHECK(a.logical_value.empty());
    CHECK(a.raw_value.begin == 2);
    CHECK(a.raw_value.empty());
    CHECK(a.comment->of(text) == "#x");
    CHECK(value_of(doc, "B") == "2");
  }
  SECTION("empty values sit after the separator's whitespace") {
    std::string const text = "A=\nB=   \nC= # c\nD:  \n";
    document const doc = parsed(text);
    CHECK(pairs(doc) == pair_list{{"A", ""}, {"B", ""}, {"C", ""}, {"D", ""}});
    CHECK(entry_named(doc, "A").raw_value.begin == 2);
    CHECK(entry_named(doc, "B").raw_value.begin == 8);
    CHECK(entry_named(doc, "C").raw_value.begin == 12);
    CHECK(entry_named(doc, "C").raw_value.empty());
    CHECK(entry_named(doc, "D").raw_value.begin == 20);
  }
  SECTION("spaces, tabs and Unicode spaces are trimmed") {
    std::string const text = "A=  abc  \t\nB=\xC2\xA0v w\xC2\xA0\n";
    document const doc = parsed(text);
    CHECK(value_of(doc, "A") == "abc");
    CHECK(entry_named(doc, "A").raw_value.of(text) == "abc");
    CHECK(value_of(doc, "B") == "v w");
  }
  SECTION("a truncated sequence is not mistaken for a Unicode space") {
    std::string const text = "A=x\xE2\x80\nB=\xE2\x80#c\n";
    document const doc = parsed(text);
    CHECK(pairs(doc) == pair_list{{"A", "x\xE2\x80"}, {"B", "\xE2\x80"}});
    CHECK(doc.lines.size() == 2);
    CHECK(parsed("\xE2\x80\nA=1\n").lines.size() == 2);
  }
  SECTION("quotes inside an unquoted value stay") {
    document const doc = parsed("A=it's\nB=a\"b\nC=b=c==\n");
    CHECK(pairs(doc) == pair_list{{"A", "it's"}, {"B", "a\"b"}, {"C", "b=c=="}});
  }
  SECTION("backslash escapes are literal when unquoted") {
    document const doc = parsed("A=a\\nb\nB=abc\\\ndef\n");
    CHECK(value_of(doc, "A") == "a\\nb");
    CHECK(value_of(doc, "B") == "abc\\");
    CHECK(issues_of(doc, syntax_issue_kind::unmatched_line).size() == 1);
  }
  SECTION("a # in a connection string cuts it") {
    document const doc = parsed("DATABASE_URL=postgres://u:p#ss@h:5432/db\n");
    CHECK(value_of(doc, "DATABASE_URL") == "postgres://u:p");
  }
}

TEST_CASE("quoted values", "[env]") {
  SECTION("three quote styles, # inside, comment after") {
    std::string const text = "A='a#b' # c\nB=\"x\"# c\nC=`say \"hi\" it's`\nD=\"  abc  \"\n";
    document const doc = parsed(text);
    CHECK(pairs(doc) ==
          pair_list{{"A", "a#b"}, {"B", "x"}, {"C", "say \"hi\" it's"}, {"D", "  abc  "}});
    CHECK(entry_named(doc, "A").quote == quoting::single);
    CHECK(entry_named(doc, "B").quote == quoting::double_quote);
    CHECK(entry_named(doc, "C").quote == quoting::backtick);
    CHECK(entry_named(doc, "B").comment->of(text) == "# c");
  }
  SECTION("empty quotes") {
    std::string const text = "A=''\nB=\"\"\nC=``\n";
    document const doc = parsed(text);
    CHECK(pairs(doc) == pair_list{{"A", ""}, {"B", ""}, {"C", ""}});
    CHECK(entry_named(doc, "A").raw_value.of(text) == "''");
    CHECK(entry_named(doc, "A").inner.begin == 3);
    CHECK(entry_named(doc, "A").inner.empty());
  }
  SECTION("only \\n and \\r are escapes, and only in double quotes") {
    document const doc = parsed("A=\"a\\nb\"\nB='a\\nb'\nC=\"a\\tb\"\nD=\"say \\\"hi\\\"\"\n"
                                "E=\"C:\\\\dir\\\\\"\nF=`a\\nb`\nG=\"x\\ry\"\n");
    CHECK(value_of(doc, "A") == "a\nb");
    CHECK(value_of(doc, "B") == "a\\nb");
    CHECK(value_of(doc, "C") == "a\\tb");
    CHECK(value_of(doc, "D") == "say \\\"hi\\\"");
    CHECK(value_of(doc, "E") == "C:\\\\dir\\\\");
    CHECK(value_of(doc, "F") == "a\\nb");
    CHECK(value_of(doc, "G") == "x\ry");
  }
  SECTION("\\\\n is a backslash and an escape") {
    CHECK(value_of(parsed("A=\"\\\\n\"\n"), "A") == "\\\n");
  }
  SECTION("multi-line values") {
    document const doc = parsed("A=\"line1\nline2\"\nB='l1\nl2'\nC=2\n");
    CHECK(pairs(doc) == pair_list{{"A", "line1\nline2"}, {"B", "l1\nl2"}, {"C", "2"}});
    CHECK(doc.lines.size() == 3);
  }
  SECTION("the closing quote may be an escaped one") {
    std::string const text = "A=\"x\\\"\nB=2\n";
    document const doc = parsed(text);
    CHECK(pairs(doc) == pair_list{{"A", "x\\"}, {"B", "2"}});
    CHECK(entry_named(doc, "A").raw_value.of(text) == "\"x\\\"");
  }
  SECTION("the last candidate followed by a blank or comment tail closes") {
    std::string const text = "A=\"x\\\" y\\\" # c\nB=2\n";
    document const doc = parsed(text);
    CHECK(value_of(doc, "A") == "x\\\" y\\");
    CHECK(entry_named(doc, "A").comment->of(text) == "# c");
  }
  SECTION("an escaped quote is passed when a later one closes") {
    document const doc = parsed("A=\"x\\\" y\nz\"\nB=2\n");
    CHECK(pairs(doc) == pair_list{{"A", "x\\\" y\nz"}, {"B", "2"}});
  }
  SECTION("an unclosed quote swallows lines up to a quote that ends a line") {
    document const doc = parsed("A=\"abc\nB=2\nC=\"\nD=4\n");
    CHECK(pairs(doc) == pair_list{{"A", "abc\nB=2\nC="}, {"D", "4"}});
    REQUIRE(doc.lines.size() == 2);
    CHECK(doc.lines[0].span.end == 15);
  }
  SECTION("a quoted value may start on the next line") {
    std::string const text = "A=\n'x'\nB=2\n";
    document const doc = parsed(text);
    CHECK(pairs(doc) == pair_list{{"A", "x"}, {"B", "2"}});
    CHECK(entry_named(doc, "A").raw_value.begin == 3);
    CHECK(doc.lines.size() == 2);
  }
}

TEST_CASE("raw offsets of logical bytes", "[env]") {
  SECTION("CRLF inside a multi-line value") {
    std::string const text = "A=\"l1\r\nl2\"\r\nB=2\r\n";
    document const doc = parsed(text);
    entry const& a = entry_named(doc, "A");
    CHECK(a.logical_value == "l1\nl2");
    CHECK(a.inner.begin == 3);
    CHECK(a.inner.end == 9);
    CHECK(a.logical_to_raw == std::vector<std::uint32_t>{3, 4, 5, 7, 8, 9});
    CHECK(a.raw_offset(2) == 5);
    CHECK(a.raw_offset(3) == 7);
    CHECK(a.raw_offset(5) == 9);
    CHECK(a.raw_span(3, 5).of(text) == "l2");
    CHECK(doc.lines[0].span.end == 12);
  }
  SECTION("bare CR inside a multi-line value") {
    document const doc = parsed("A='a\rb'\r");
    CHECK(value_of(doc, "A") == "a\nb");
    CHECK(entry_named(doc, "A").raw_offset(1) == 4);
  }
  SECTION("double-quoted escapes") {
    std::string const text = "A=\"a\\nb\\rc\\td\"\n";
    document const doc = parsed(text);
    entry const& a = entry_named(doc, "A");
    CHECK(a.logical_value == "a\nb\rc\\td");
    CHECK(a.logical_to_raw == std::vector<std::uint32_t>{3, 4, 6, 7, 9, 10, 11, 12, 13});
    CHECK(a.raw_offset(1) == 4);
    CHECK(a.raw_offset(2) == 6);
    CHECK(a.raw_span(4, 8).of(text) == "c\\td");
  }
  SECTION("no map when the logical value is the inner bytes") {
    std::string const text = "A=\"plain\"\nB=x\\ty\n";
    document const doc = parsed(text);
    CHECK(entry_named(doc, "A").logical_to_raw.empty());
    CHECK(entry_named(doc, "B").logical_to_raw.empty());
    CHECK(entry_named(doc, "A").raw_span(1, 3).of(text) == "la");
  }
}

TEST_CASE("broken quotes fall back to the unquoted alternative", "[env]") {
  SECTION("unterminated") {
    std::string const text = "A=\"abc # x\nB=2\n";
    document const doc = parsed(text);
    CHECK(pairs(doc) == pair_list{{"A", "\"abc"}, {"B", "2"}});
    entry const& a = entry_named(doc, "A");
    CHECK(a.quote == quoting::none);
    CHECK(a.raw_value.of(text) == "\"abc");
    CHECK(a.comment->of(text) == "# x");
    auto const issues = issues_of(doc, syntax_issue_kind::unterminated_quote);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].span.begin == 2);
    CHECK(issues[0].span.end == 10);
  }
  SECTION("unterminated single quote") {
    document const doc = parsed("A='abc\nB=2\n");
    CHECK(pairs(doc) == pair_list{{"A", "'abc"}, {"B", "2"}});
    CHECK(issues_of(doc, syntax_issue_kind::unterminated_quote).size() == 1);
  }
  SECTION("a lone quote at the end of the file") {
    std::string const text = "A=\"";
    document const doc = parsed(text);
    CHECK(value_of(doc, "A") == "\"");
    auto const issues = issues_of(doc, syntax_issue_kind::unterminated_quote);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].span.of(text) == "\"");
    CHECK(parsed("\"").lines[0].kind == line_kind::invalid);
  }
  SECTION("text after the closing quote") {
    std::string const text = "A=\"abc\"def\nB=''x\nC=\"abc\" def # c\n";
    document const doc = parsed(text);
    CHECK(pairs(doc) == pair_list{{"A", "\"abc\"def"}, {"B", "''x"}, {"C", "\"abc\" def"}});
    auto const issues = issues_of(doc, syntax_issue_kind::text_after_quote);
    REQUIRE(issues.size() == 3);
    CHECK(issues[0].span.of(text) == "def");
    CHECK(issues[0].span.begin == 7);
    CHECK(issues[1].span.of(text) == "x");
    CHECK(issues[2].span.of(text) == "def");
    CHECK(entry_named(doc, "C").comment->of(text) == "# c");
    CHECK(issues_of(doc, syntax_issue_kind::unterminated_quote).empty());
  }
  SECTION("one pair of matching quotes is still stripped") {
    std::string const text = "A='x' 'y'\nB=\"a\"b\"\n";
    document const doc = parsed(text);
    CHECK(pairs(doc) == pair_list{{"A", "x' 'y"}, {"B", "a\"b"}});
    CHECK(entry_named(doc, "A").quote == quoting::single);
    CHECK(entry_named(doc, "A").inner.of(text) == "x' 'y");
    CHECK(issues_of(doc, syntax_issue_kind::text_after_quote).size() == 2);
  }
  SECTION("a leading double quote still expands escapes") {
    std::string const text = "A=\"abc\\nd\n";
    document const doc = parsed(text);
    entry const& a = entry_named(doc, "A");
    CHECK(a.logical_value == "\"abc\nd");
    CHECK(a.raw_offset(4) == 6);
  }
  SECTION("a later quote that is not at a line end does not close") {
    document const doc = parsed("A=\"abc\nB=2\nC=\"x\"\n");
    CHECK(pairs(doc) == pair_list{{"A", "\"abc"}, {"B", "2"}, {"C", "x"}});
    CHECK(issues_of(doc, syntax_issue_kind::unterminated_quote).size() == 1);
  }
}

TEST_CASE("byte order mark", "[env]") {
  SECTION("before the first key") {
    std::string const text = "\xEF\xBB\xBF"
                             "BASIC=basic\n";
    document const doc = parsed(text);
    CHECK_FALSE(issues_of(doc, syntax_issue_kind::byte_order_mark).empty());
    CHECK(entry_named(doc, "BASIC").key.begin == 3);
    CHECK(value_of(doc, "BASIC") == "basic");
    auto const issues = issues_of(doc, syntax_issue_kind::byte_order_mark);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].span.begin == 0);
    CHECK(issues[0].span.end == 3);
  }
  SECTION("alone") {
    document const doc = parsed("\xEF\xBB\xBF");
    CHECK_FALSE(issues_of(doc, syntax_issue_kind::byte_order_mark).empty());
    REQUIRE(doc.lines.size() == 1);
    CHECK(doc.lines[0].kind == line_kind::blank);
  }
  SECTION("not at the start") {
    document const doc = parsed("A=1\n\xEF\xBB\xBF"
                                "B=2\n");
    CHECK(issues_of(doc, syntax_issue_kind::byte_order_mark).empty());
    CHECK(doc.issues.empty());
    CHECK(value_of(doc, "B") == "2");
  }
}

TEST_CASE("NUL bytes and invalid UTF-8 are reported without stopping", "[env]") {
  SECTION("NUL inside a value") {
    std::string const text = "A=a\0b\nB=2\n"s;
    document const doc = parsed(text);
    CHECK(value_of(doc, "A") == "a\0b"s);
    CHECK(value_of(doc, "B") == "2");
    auto const issues = issues_of(doc, syntax_issue_kind::nul_byte);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].span.begin == 3);
    CHECK(issues[0].span.end == 4);
  }
  SECTION("one issue per bad sequence") {
    std::string const text = "A=caf\xE9\n"      // Latin-1: 5..6
                             "B=\xC0\xAF\n"     // overlong: 9..11
                             "C=\xED\xA0\x80\n" // surrogate: 14..17
                             "D=\xE2\x82"
                             "x\n"                  // truncated: 20..22
                             "E=\x80\x80\x80\n"     // stray continuations: 26..29
                             "F=\xF4\x90\x80\x80\n" // above U+10FFFF: 32..36
                             "G=\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n"; // valid
    document const doc = parsed(text);
    auto const issues = issues_of(doc, syntax_issue_kind::invalid_utf8);
    REQUIRE(issues.size() == 6);
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (auto const& issue : issues) {
      spans.emplace_back(issue.span.begin, issue.span.end);
    }
    CHECK(spans == std::vector<std::pair<std::size_t, std::size_t>>{
                       {5, 6}, {9, 11}, {14, 17}, {20, 22}, {26, 29}, {32, 36}});
    CHECK(doc.entries.size() == 7);
    CHECK(value_of(doc, "A") == "caf\xE9");
  }
  SECTION("capped at 100 of each kind") {
    std::string text(1000, '\0');
    text += std::string(1000, '\xFF');
    text += "\nA=1\n";
    document const doc = parsed(text);
    CHECK(issues_of(doc, syntax_issue_kind::nul_byte).size() == 100);
    CHECK(issues_of(doc, syntax_issue_kind::invalid_utf8).size() == 100);
    CHECK(value_of(doc, "A") == "1");
  }
}

TEST_CASE("dotenv's fixtures", "[env][dotenv]") {
  std::string const text = "BASIC=basic\n"
                           "\n"
                           "# previous line intentionally left blank\n"
                           "AFTER_LINE=after_line\n"
                           "EMPTY=\n"
                           "EMPTY_BACKTICKS=``\n"
                           "SINGLE_QUOTES='single_quotes'\n"
                           "DOUBLE_QUOTES_WITH_NO_SPACE_BRACKET=\"{ port: $MONGOLAB_PORT}\"\n"
                           "EXPAND_NEWLINES=\"expand\\nnew\\nlines\"\n"
                           "DONT_EXPAND_UNQUOTED=dontexpand\\nnewlines\n"
                           "DONT_EXPAND_SQUOTED='dontexpand\\nnewlines'\n"
                           "# COMMENTS=work\n"
                           "INLINE_COMMENTS=inline comments # work #very #well\n"
                           "INLINE_COMMENTS_SINGLE_QUOTES='inline comments outside of "
                           "#singlequotes' # work\n"
                           "INLINE_COMMENTS_SPACE=inline comments start with a#number sign. no "
                           "space required.\n"
                           "EQUAL_SIGNS=equals==\n"
                           "RETAIN_INNER_QUOTES={\"foo\": \"bar\"}\n"
                           "RETAIN_INNER_QUOTES_AS_BACKTICKS=`{\"foo\": \"bar's\"}`\n"
                           "TRIM_SPACE_FROM_UNQUOTED=    some spaced out string\n"
                           "USERNAME=therealnerdybeast@example.tld\n"
                           "    SPACED_KEY = parsed\n"
                           "export   EXPORT_IS_DECLARED_WITH_SOME_VALUE_AND_SPACING  =some_value\n"
                           "MULTI_BACKTICKED=`THIS\n"
                           "IS\n"
                           "A\n"
                           "\"MULTILINE'S\"\n"
                           "STRING`\n"
                           "MULTI_PEM_DOUBLE_QUOTED=\"-----BEGIN PUBLIC KEY-----\n"
                           "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnNl1tL3QjKp3DZWM0T3u\n"
                           "-----END PUBLIC KEY-----\"\n"
                           "DATABASE_URL=postgres://u:p#ss@h:5432/db\n";
  document const doc = parsed(text);
  CHECK(value_of(doc, "BASIC") == "basic");
  CHECK(value_of(doc, "AFTER_LINE") == "after_line");
  CHECK(value_of(doc, "EMPTY").empty());
  CHECK(value_of(doc, "EMPTY_BACKTICKS").empty());
  CHECK(value_of(doc, "SINGLE_QUOTES") == "single_quotes");
  CHECK(value_of(doc, "DOUBLE_QUOTES_WITH_NO_SPACE_BRACKET") == "{ port: $MONGOLAB_PORT}");
  CHECK(value_of(doc, "EXPAND_NEWLINES") == "expand\nnew\nlines");
  CHECK(value_of(doc, "DONT_EXPAND_UNQUOTED") == "dontexpand\\nnewlines");
  CHECK(value_of(doc, "DONT_EXPAND_SQUOTED") == "dontexpand\\nnewlines");
  CHECK(value_of(doc, "COMMENTS") == "<missing>");
  CHECK(value_of(doc, "INLINE_COMMENTS") == "inline comments");
  CHECK(value_of(doc, "INLINE_COMMENTS_SINGLE_QUOTES") ==
        "inline comments outside of #singlequotes");
  CHECK(value_of(doc, "INLINE_COMMENTS_SPACE") == "inline comments start with a");
  CHECK(value_of(doc, "EQUAL_SIGNS") == "equals==");
  CHECK(value_of(doc, "RETAIN_INNER_QUOTES") == "{\"foo\": \"bar\"}");
  CHECK(value_of(doc, "RETAIN_INNER_QUOTES_AS_BACKTICKS") == "{\"foo\": \"bar's\"}");
  CHECK(value_of(doc, "TRIM_SPACE_FROM_UNQUOTED") == "some spaced out string");
  CHECK(value_of(doc, "USERNAME") == "therealnerdybeast@example.tld");
  CHECK(value_of(doc, "SPACED_KEY") == "parsed");
  CHECK(value_of(doc, "EXPORT_IS_DECLARED_WITH_SOME_VALUE_AND_SPACING") == "some_value");
  CHECK(value_of(doc, "MULTI_BACKTICKED") == "THIS\nIS\nA\n\"MULTILINE'S\"\nSTRING");
  CHECK(value_of(doc, "MULTI_PEM_DOUBLE_QUOTED") ==
        "-----BEGIN PUBLIC "
        "KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnNl1tL3QjKp3DZWM0T3u\n"
        "-----END PUBLIC KEY-----");
  CHECK(value_of(doc, "DATABASE_URL") == "postgres://u:p");
  CHECK(doc.issues.empty());
  CHECK(entry_named(doc, "INLINE_COMMENTS").comment->of(text) == "# work #very #well");
  CHECK(entry_named(doc, "SPACED_KEY").key.of(text) == "SPACED_KEY");
}

TEST_CASE("printing gives back the input", "[env]") {
  std::vector<std::string> const inputs = {
      "",
      "\n",
      "\r",
      "\r\n",
      "\n\n\r\r\n",
      "A=1",
      "A=1\n",
      "A=1\r\nB=2",
      "\"",
      "A=\"",
      "A='",
      "A=`",
      "A=\"\n",
      "\xEF\xBB\xBF",
      "\xEF\xBB",
      "export",
      "export ",
      "export\n",
      "A:",
      "A: ",
      "A:\r\n",
      "#",
      "# c\r",
      "   ",
      "A=\"x\\",
      "A=\"x\\\"",
      "A=\\",
      "\0"s,
      "A=\xE2\x80",
      "A=\xC2",
      "A=v\xC2\xA0",
      "A=\n\n\n'x",
      "A=\"a\r\nb\r\nc",
  };
  for (std::string const& text : inputs) {
    INFO("input: " << text);
    document const doc = parsed(text);
    CHECK(doc.print() == text);
  }
}

TEST_CASE("random inputs keep every invariant", "[env]") {
  std::vector<std::string> const tokens = {"A",
                                           "B",
                                           "export",
                                           " ",
                                           "\t",
                                           "\n",
                                           "\n",
                                           "\r",
                                           "\r\n",
                                           "=",
                                           "=",
                                           ":",
                                           "#",
                                           "'",
                                           "\"",
                                           "`",
                                           "\\",
                                           "x",
                                           "n",
                                           ".",
                                           "\v",
                                           "\0"s,
                                           "\xFF",
                                           "\xC2",
                                           "\xC2\xA0",
                                           "\xEF\xBB\xBF",
                                           "\xE2\x82",
                                           "\xE2\x80",
                                           "\xE3\x80\x80",
                                           "\xE2\x80\xA8"};
  std::uint32_t state = 12345;
  auto next = [&state](std::uint32_t bound) {
    state = state * 1103515245U + 12345U;
    return (state >> 8) % bound;
  };
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    std::uint32_t const length = 1 + next(30);
    for (std::uint32_t i = 0; i < length; ++i) {
      text += tokens[next(static_cast<std::uint32_t>(tokens.size()))];
    }
    INFO("round " << round);
    parsed(text);
  }
}

TEST_CASE("hostile inputs stay linear", "[env]") {
  // Each of these would take minutes if quote scanning or line skipping were quadratic.
  constexpr int repeats = 200000;
  std::vector<std::string> inputs(5);
  for (int i = 0; i < repeats; ++i) {
    inputs[0] += "A=\"x\n";
    inputs[1] += "\\\"x\n";
    inputs[2] += "A\n";
    inputs[3] += "A='x' 'y'\n";
    inputs[4] += "export\n";
  }
  inputs[1] = "A=\"" + inputs[1];
  inputs.push_back("A=" + std::string(repeats, '\n') + "'");
  inputs.push_back(std::string(repeats, '\'') + "\n" + std::string(repeats, '"'));
  for (std::string const& text : inputs) {
    document const doc = parse(text);
    CHECK(doc.print().size() == text.size());
  }
}

TEST_CASE("hidden lines: a quoted value's after its first, and unmatched ones", "[env]") {
  // Output masks them whole.
  std::string const text =
      "A=1\nB=\"x\ny\"\nC='p\r\nq' # c\nD=\"one line\"\nstray text\nE=\n  \"z\"\n";
  auto at = [&](std::string_view s) {
    return text.find(s);
  };
  std::vector<poolcheck::byte_span> const expected{{at("y\""), at("C=")},
                                                   {at("q'"), at("D=")},
                                                   {at("stray"), at("E=")},
                                                   {at("  \"z"), text.size()}};
  CHECK(parse(text).hidden_lines == expected);
}

TEST_CASE("comments know the entry line right after them", "[env]") {
  std::string const text = "# a\nA=1\n# b\n\nB=2\n# c\n# d\nC=\"x\ny\"\n# e";
  document const doc = parse(text);
  REQUIRE(doc.comments.size() == 5);
  CHECK(doc.comments[0].next_entry_line.of(text) == "A=1\n");
  CHECK(doc.comments[1].next_entry_line.empty()); // a blank line breaks the link
  CHECK(doc.comments[2].next_entry_line.empty()); // so does another comment
  CHECK(doc.comments[3].next_entry_line.of(text) == "C=\"x\ny\"\n");
  CHECK(doc.comments[4].next_entry_line.empty());
  CHECK(doc.entries[2].line == doc.comments[3].next_entry_line);
}
