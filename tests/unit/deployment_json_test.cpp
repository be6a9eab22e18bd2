// JSON deployment files (wrangler.json(c), vercel.json): which strings are entries, where their
// bytes are through escapes and multi-byte text, how a changed value is written back, and that a
// file that is not JSON is refused without a byte of it in the message.
#include "formats/deployment_json.hpp"
#include "formats/file_kind.hpp"
#include "formats/json_string.hpp"
#include "formats/write_back.hpp"
#include "support/entries.hpp"
#include "support/reader_properties.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

using poolcheck::byte_span;
using poolcheck::document;
using poolcheck::edit;
using poolcheck::entry;
using poolcheck::quoting;
using poolcheck::formats::file_kind;
using poolcheck::formats::read_deployment_json;
using poolcheck::test::edited;
using poolcheck::test::named;

namespace {

document read(file_kind kind, std::string_view text) {
  auto doc = read_deployment_json(kind, text);
  if (!doc)
    FAIL(doc.error().message);
  return std::move(*doc);
}

} // namespace

TEST_CASE("wrangler.json: top-level and per-environment vars, strings only", "[formats][json]") {
  std::string_view const text = R"({
  // comments and trailing commas, as wrangler reads them
  "name": "api",
  "vars": { "A": "1", "N": 2, "O": { "B": "nested" }, "L": ["x"], /* c */ "C": "3", },
  "env": {
    "staging": { "vars": { "A": "staging" }, "name": "not a var" },
    "prod": { "other": { "vars": { "X": "too deep" } } },
  },
  "build": { "env": { "Y": "vercel only" } },
})";
  document const doc = read(file_kind::wrangler_json, text);
  REQUIRE(doc.entries.size() == 3);
  CHECK(doc.entries[0].name == "A");
  CHECK(doc.entries[0].logical_value == "1");
  CHECK(doc.entries[1].name == "C");
  CHECK(doc.entries[2].logical_value == "staging");
  // One scope per vars object: the staging A does not override the top-level one.
  CHECK(doc.entries[0].scope == doc.entries[1].scope);
  CHECK(doc.entries[0].scope != doc.entries[2].scope);
  CHECK(doc.comments.empty()); // no inline suppressions in JSON
  for (entry const& e : doc.entries) {
    CHECK(e.format == poolcheck::source_format::json);
    CHECK(e.quote == quoting::double_quote);
    CHECK(e.raw_value.of(text) == "\"" + std::string(e.logical_value) + "\"");
    CHECK(e.key.of(text) == e.name);
    CHECK(e.writable);
  }
}

TEST_CASE("vercel.json: env and build.env; a Vercel Secret reference is read as written",
          "[formats][json]") {
  std::string_view const text = R"({
  "env": { "DATABASE_URL": "@database_url" },
  "build": { "env": { "DIRECT_URL": "postgres://u@h/db" } },
  "vars": { "NOT": "wrangler only" }
})";
  document const doc = read(file_kind::vercel, text);
  REQUIRE(doc.entries.size() == 2);
  CHECK(named(doc, "DATABASE_URL").logical_value == "@database_url");
  CHECK(named(doc, "DIRECT_URL").logical_value == "postgres://u@h/db");
  CHECK(named(doc, "DIRECT_URL").line.of(text) ==
        "  \"build\": { \"env\": { \"DIRECT_URL\": \"postgres://u@h/db\" } },\n");
}

TEST_CASE("JSON escapes map each decoded byte to the escape that wrote it", "[formats][json]") {
  // `\u0040` is `@`; `\/` is `/`; a surrogate pair is one four-byte code point; `\"` a quote.
  std::string_view const text =
      R"({"vars": {"U": "p:\/\/a\u0040b", "E": "\ud83d\ude00x", "Q": "a\"b\\c", "K\u0041": "v"}})";
  document const doc = read(file_kind::wrangler_json, text);
  entry const& u = named(doc, "U");
  CHECK(u.logical_value == "p://a@b");
  CHECK(u.writable);
  CHECK(u.raw_span(2, 3).of(text) == "\\/");
  CHECK(u.raw_span(5, 6).of(text) == "\\u0040");
  CHECK(u.raw_span(6, 7).of(text) == "b");
  CHECK(u.raw_offset(u.logical_value.size()) == u.inner.end);

  entry const& e = named(doc, "E");
  CHECK(e.logical_value == "\xF0\x9F\x98\x80x");
  CHECK(e.raw_span(0, 4).of(text) == "\\ud83d\\ude00");
  CHECK(e.raw_span(4, 5).of(text) == "x");

  entry const& q = named(doc, "Q");
  CHECK(q.logical_value == "a\"b\\c");
  CHECK(q.inner.of(text) == R"(a\"b\\c)");

  // A key with an escape: its name is decoded, its span is where it is written.
  entry const& k = named(doc, "KA");
  CHECK(k.key.of(text) == "K\\u0041");
}

TEST_CASE("JSON offsets count bytes: multi-byte text before a value", "[formats][json]") {
  std::string_view const text = "{\"vars\": {\"G\": \"Grüße\", \"URL\": \"postgres://h/db\"}}";
  document const doc = read(file_kind::wrangler_json, text);
  entry const& url = named(doc, "URL");
  CHECK(url.inner.of(text) == "postgres://h/db");
  CHECK(url.inner.begin == text.find("postgres"));
  CHECK(named(doc, "G").logical_value == "Grüße");
}

TEST_CASE("a JSON value is written back escaped", "[formats][json]") {
  std::string_view const text = R"({"vars": {"URL": "postgres://u:Test\u0040123@h/db"}})";
  document const doc = read(file_kind::wrangler_json, text);
  entry const& url = named(doc, "URL");
  std::size_t const at = url.logical_value.find('@');
  CHECK(edited(text, url, at, at + 1, "%40") ==
        R"({"vars": {"URL": "postgres://u:Test%40123@h/db"}})");
  CHECK(edited(text, url, 0, 0, "\"\\\n") ==
        R"({"vars": {"URL": "\"\\\u000apostgres://u:Test\u0040123@h/db"}})");
  CHECK(poolcheck::formats::json_written("a\x01\"b") == R"(a\u0001\"b)");
}

TEST_CASE("a JSON string whose escapes do not decode as read is not edited", "[formats][json]") {
  // map_json_string is given what the parser read; when its own decoding disagrees, the map is
  // only near the bytes.
  auto const map = poolcheck::formats::map_json_string(R"(a\u0040b)", 10, "a#b");
  CHECK_FALSE(map.exact);
  CHECK(map.offset(1) == 11);
  auto const exact = poolcheck::formats::map_json_string(R"(a\u0040b)", 10, "a@b");
  CHECK(exact.exact);
  CHECK(exact.offset(2) == 17);
}

TEST_CASE("a file that is not JSON is a problem that quotes none of it", "[formats][json]") {
  std::string_view const secret = "Pa55word-s3cret";
  std::string const text = std::string("{\n  \"vars\": {\n    \"URL\": \"postgres://u:") +
                           std::string(secret) + "@h/db\"\n    \"B\": 1\n  }\n}\n";
  auto const doc = read_deployment_json(file_kind::wrangler_json, text);
  REQUIRE_FALSE(doc);
  CHECK(doc.error().message == "not valid JSON; not checked");
  CHECK(doc.error().message.find(secret) == std::string::npos);
  REQUIRE(doc.error().at);
  CHECK(doc.error().at->line == 4);
  CHECK(doc.error().at->column == 5);

  // Bytes after a NUL are never parsed: that is no JSON file either.
  std::string with_nul = "{\"vars\": {}}";
  with_nul += '\0';
  with_nul += "{\"x\": 1}";
  CHECK_FALSE(read_deployment_json(file_kind::wrangler_json, with_nul));
  // Unterminated, a control byte in a string, a lone comment slash.
  CHECK_FALSE(read_deployment_json(file_kind::vercel, R"({"env": {"A": "x)"));
  CHECK_FALSE(read_deployment_json(file_kind::vercel, "{\"env\": {\"A\": \"x\ny\"}}"));
  CHECK_FALSE(read_deployment_json(file_kind::vercel, "{/ }"));
  // Deep nesting reads without recursion.
  std::string const deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(read_deployment_json(file_kind::vercel, deep));
  // A byte order mark is skipped.
  CHECK(read(file_kind::vercel, "\xEF\xBB\xBF{\"env\": {\"A\": \"b\"}}").entries.size() == 1);
}

TEST_CASE("wrangler.json(c) and vercel.json are found by name", "[formats][json]") {
  using poolcheck::formats::kind_of;
  CHECK(kind_of("wrangler.json") == file_kind::wrangler_json);
  CHECK(kind_of("apps/api/wrangler.jsonc") == file_kind::wrangler_json);
  CHECK(kind_of("vercel.json") == file_kind::vercel);
  CHECK(kind_of("package.json") == std::nullopt);
  CHECK(poolcheck::formats::target_of(file_kind::wrangler_json) ==
        poolcheck::engine::target::serverless);
  CHECK(poolcheck::formats::target_of(file_kind::vercel) == poolcheck::engine::target::serverless);
}

TEST_CASE("the JSON reader keeps its spans and maps on mutated files", "[formats][json]") {
  auto const seed_text =
      poolcheck::test::read_file(poolcheck::test::source_dir() / "tests" / "fixtures" / "formats" /
                                 "wrangler_json" / "wrangler.jsonc");
  std::size_t const read = poolcheck::test::check_reader_on_mutations(
      seed_text,
      [](std::string_view t) { return read_deployment_json(file_kind::wrangler_json, t); }, 3000,
      0x15011);
  CHECK(read > 100); // enough of them are still JSON
}
