// Dockerfiles: ENV and ARG as BuildKit reads them (pairs, the legacy form, quotes, escapes,
// continued lines, comments inside an instruction, stages), where every value byte is, and how a
// changed value is written back only where its quoting can hold it.
#include "formats/dockerfile.hpp"
#include "formats/dockerfile_value.hpp"
#include "formats/file_kind.hpp"
#include "formats/write_back.hpp"
#include "support/entries.hpp"
#include "support/reader_properties.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

using poolcheck::document;
using poolcheck::edit;
using poolcheck::entry;
using poolcheck::quoting;
using poolcheck::formats::read_dockerfile;
using poolcheck::test::edited;
using poolcheck::test::named;
using poolcheck::test::pairs_of;

namespace {

using list = poolcheck::test::name_values;

} // namespace

TEST_CASE("Dockerfile ENV: several pairs, quotes, the legacy form, any case", "[formats][docker]") {
  std::string_view const text = "FROM alpine\n"
                                "ENV A=1 B=\"two words\" C='it''s' D=\n"
                                "env E=x\\ y F=\"q\\\"uote \\$HOME \\n\" G=${H:-\"d e\"}\n"
                                "ENV LEGACY the rest \"of\" it  \n"
                                "ARG NO_DEFAULT\n"
                                "arg I=3 J\n"
                                "ONBUILD ENV K=skipped\n"
                                "RUN ENV=not-an-instruction\n";
  document const doc = read_dockerfile(text);
  CHECK(pairs_of(doc) == list{{"A", "1"},
                              {"B", "two words"},
                              {"C", "its"},
                              {"D", ""},
                              {"E", "x y"},
                              {"F", "q\"uote $HOME \\n"},
                              {"G", "${H:-\"d e\"}"},
                              {"LEGACY", "the rest of it"},
                              {"I", "3"}});
  CHECK(named(doc, "A").quote == quoting::none);
  CHECK(named(doc, "B").quote == quoting::double_quote);
  CHECK(named(doc, "B").inner.of(text) == "two words");
  CHECK(named(doc, "B").raw_value.of(text) == "\"two words\"");
  CHECK(named(doc, "C").quote == quoting::none); // two quoted strings: mixed
  CHECK_FALSE(named(doc, "C").writable);
  CHECK(named(doc, "D").raw_value.empty());
  CHECK(named(doc, "D").raw_value.begin == text.find("D=") + 2);
  CHECK(named(doc, "E").raw_span(1, 2).of(text) == "\\ ");
  CHECK(named(doc, "E").writable);
  CHECK(named(doc, "F").raw_span(1, 2).of(text) == "\\\"");
  CHECK(named(doc, "F").raw_span(7, 8).of(text) == "\\$");
  CHECK(named(doc, "F").raw_offset(named(doc, "F").logical_value.size()) ==
        named(doc, "F").inner.end);
  CHECK_FALSE(named(doc, "LEGACY").writable); // unquoted and quoted parts
  for (entry const& e : doc.entries)
    CHECK(e.format == poolcheck::source_format::dockerfile);
}

TEST_CASE("Dockerfile: continued lines, comments inside, and where each value byte is",
          "[formats][docker]") {
  std::string_view const text = "# Grüße\n"
                                "FROM node:22 AS build\n"
                                "ENV X=ä URL=postgres://u:p@h/db \\\n"
                                "    # dropped by the builder\n"
                                "\n"
                                "    Y=\"y\" \\\r\n"
                                "    SPLIT=\"ab\\\n"
                                "cd\"\n"
                                "RUN true\n";
  document const doc = read_dockerfile(text);
  REQUIRE(pairs_of(doc) ==
          list{{"X", "ä"}, {"URL", "postgres://u:p@h/db"}, {"Y", "y"}, {"SPLIT", "abcd"}});
  entry const& url = named(doc, "URL");
  CHECK(url.inner.begin == text.find("postgres"));
  CHECK(url.logical_to_raw.empty());
  CHECK(url.writable);
  CHECK(named(doc, "Y").inner.of(text) == "y");
  // Every entry of an instruction has all its lines: a suppression above it covers them.
  CHECK(url.line.of(text).starts_with("ENV X="));
  CHECK(url.line.of(text).ends_with("cd\"\n"));
  // A value split over lines cannot be edited in place.
  entry const& split = named(doc, "SPLIT");
  CHECK_FALSE(split.writable);
  CHECK(split.raw_span(2, 4).of(text) == "cd");
  CHECK(edited(text, split, 4, 4, "x").empty());
}

TEST_CASE("Dockerfile: comment lines for suppressions, stages as scopes", "[formats][docker]") {
  std::string_view const text = "ARG URL=global\n"
                                "FROM a\n"
                                "# poolcheck: ignore[URL001]\n"
                                "ENV URL=one\n"
                                "ARG URL=arg\n"
                                "ENV URL=two\n"
                                "FROM b\n"
                                "ENV URL=three\n";
  document const doc = read_dockerfile(text);
  REQUIRE(doc.entries.size() == 5);
  auto const& e = doc.entries;
  CHECK(e[0].scope != e[1].scope); // the global ARG, and the first stage's ENV
  CHECK(e[1].scope == e[3].scope); // two ENVs of one stage: the second overrides
  CHECK(e[2].scope != e[1].scope); // an ARG default is not an ENV value
  CHECK(e[4].scope != e[1].scope); // another stage
  REQUIRE(doc.comments.size() == 1);
  CHECK(doc.comments[0].next_entry_line == e[1].line);
}

TEST_CASE("Dockerfile: what the builder refuses is skipped and hidden, never a failure",
          "[formats][docker]") {
  std::string_view const text = "ENV A=\"never closed\n"
                                "ENV B=1 oops\n"
                                "ENV ALONE\n"
                                "ENV \"Q\"=1\n"
                                "ENV OK=1\n"
                                "ENV\n"
                                "\\\n";
  document const doc = read_dockerfile(text);
  CHECK(pairs_of(doc) == list{{"OK", "1"}});
  CHECK(doc.hidden_lines.size() == 4);
  CHECK(doc.hidden_lines[0].of(text) == "ENV A=\"never closed\n");
  // Any bytes at all read.
  std::string noise;
  for (int i = 0; i < 4096; ++i)
    noise += static_cast<char>((i * 7919) % 256);
  (void)read_dockerfile(noise);
  (void)read_dockerfile("ENV A=\\");
  (void)read_dockerfile("ENV A=${B");
  (void)read_dockerfile("\xEF\xBB\xBF");
}

TEST_CASE("Dockerfile: an escape parser directive makes the backtick the escape character",
          "[formats][docker]") {
  std::string_view const text = "# escape=`\n"
                                "FROM mcr.microsoft.com/windows/servercore\n"
                                "ENV P=C:\\app A=`\"q`\" `\n"
                                "    B=2\n";
  document const doc = read_dockerfile(text);
  CHECK(pairs_of(doc) == list{{"P", "C:\\app"}, {"A", "\"q\""}, {"B", "2"}});
}

TEST_CASE("a Dockerfile value is written back only where its quoting can hold the text",
          "[formats][docker]") {
  std::string_view const text = "ENV U=postgres://u:T@1@h/db Q=\"postgres://u@h/db\" "
                                "S='postgres://u@h/db' R=postgres://u:${PW}@h/db\n";
  document const doc = read_dockerfile(text);
  entry const& u = named(doc, "U");
  std::size_t const at = u.logical_value.find('@');
  CHECK(edited(text, u, at, at + 1, "%40") ==
        "ENV U=postgres://u:T%401@h/db Q=\"postgres://u@h/db\" S='postgres://u@h/db' "
        "R=postgres://u:${PW}@h/db\n");
  // Unquoted: no space, quote, escape character or `$`.
  for (std::string const bad : {" ", "\"", "'", "\\", "`", "$", "\t", "\xC2\xA0"})
    CHECK(edited(text, u, 0, 0, bad).empty());
  // Double quotes: no `"`, `\`, `$`; a space is fine.
  entry const& q = named(doc, "Q");
  CHECK(edited(text, q, q.logical_value.size(), q.logical_value.size(), "?a b")
            .find("Q=\"postgres://u@h/db?a b\"") != std::string::npos);
  for (std::string const bad : {"\"", "\\", "$", "\n"})
    CHECK(edited(text, q, 0, 0, bad).empty());
  // Single quotes: anything but `'` and line breaks.
  entry const& s = named(doc, "S");
  CHECK_FALSE(edited(text, s, 0, 0, "$\\\"").empty());
  CHECK(edited(text, s, 0, 0, "'").empty());
  // A reference elsewhere in the value does not stop an edit that leaves it alone.
  entry const& r = named(doc, "R");
  CHECK(edited(text, r, r.logical_value.size(), r.logical_value.size(), "?sslmode=require")
            .ends_with("R=postgres://u:${PW}@h/db?sslmode=require\n"));
  // Text after a `$` would make it a reference.
  std::string_view const dollar = "ENV D=postgres://u:p$@h/db E='p$@h'\n";
  document const with_dollar = read_dockerfile(dollar);
  entry const& d = named(with_dollar, "D");
  std::size_t const d_at = d.logical_value.find('@');
  CHECK(edited(dollar, d, d_at, d_at + 1, "%40") == "ENV D=postgres://u:p$%40h/db E='p$@h'\n");
  CHECK(edited(dollar, d, d_at, d_at + 1, "x40").empty());
  CHECK(edited(dollar, d, d_at, d_at + 1, "").empty()); // `$h` would follow
  entry const& single = named(with_dollar, "E");
  CHECK_FALSE(edited(dollar, single, 2, 3, "x").empty()); // no references in '...'
  CHECK(poolcheck::formats::dockerfile_written("a b", quoting::none) == std::nullopt);
  CHECK(poolcheck::formats::dockerfile_written("a b", quoting::double_quote) == "a b");
}

TEST_CASE("Dockerfiles are found by name", "[formats][docker]") {
  using poolcheck::formats::file_kind;
  using poolcheck::formats::kind_of;
  for (auto const* name : {"Dockerfile", "dockerfile", "Dockerfile.dev", "api.Dockerfile",
                           "docker/prod.dockerfile", "Containerfile"})
    CHECK(kind_of(name) == file_kind::dockerfile);
  for (auto const* name : {"Dockerfile.dockerignore", ".dockerignore", "Dockerfiles", "docker.md"})
    CHECK(kind_of(name) == std::nullopt);
  CHECK(poolcheck::formats::target_of(file_kind::dockerfile) == poolcheck::engine::target::server);
}

TEST_CASE("the Dockerfile reader keeps its spans and maps on mutated files", "[formats][docker]") {
  auto const seed_text =
      poolcheck::test::read_file(poolcheck::test::source_dir() / "tests" / "fixtures" / "formats" /
                                 "dockerfile" / "Dockerfile");
  std::size_t const read = poolcheck::test::check_reader_on_mutations(
      seed_text, [](std::string_view t) { return poolcheck::result<document>(read_dockerfile(t)); },
      3000, 0xD0C4E6);
  CHECK(read == 3000); // total
}
