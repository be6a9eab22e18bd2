// What a fuzz target for deployment files (yaml_fuzz, toml_fuzz, json_fuzz, dockerfile_fuzz)
// checks of any bytes read as one of its kinds. Reading is total: a document or a problem, never
// an exception. Every entry points inside the text, its quotes where its quoting says, its
// logical_to_raw ordered and inside its value, and a writable value's bytes read, in its own
// quoting, as its logical value. The fix loop converges, each pass changes only the bytes its
// edits name, every edit lies inside one writable entry's `inner` (a value is never re-quoted
// whole: each edit is written in the value's own quoting), the text after each pass reads as the
// format again with the same names in the same order, every value reading as its edits say and
// every other value as it was, and a second run changes nothing.
//
// Input: one options byte, then the file. Bits 0-2 pick the kind (modulo the target's count of
// kinds), bit 3 the client (0: prisma, 1: libpq), bits 4-5 the target (0: the kind's own, as the
// CLI takes it; 1: server; 2: serverless; 3: unknown). scripts/fuzz seeds each target with the
// fixtures of each of its kinds behind that kind's index. One target per format, not one for all:
// each corpus and dictionary (tests/fuzz/<target>.dict) stays in one grammar, so no mutation is
// spent on YAML read as TOML, and the kinds of a format share its parser and reader anyway.
#pragma once

#include "core/document.hpp"
#include "core/toml.hpp"
#include "fix/fix_loop.hpp"
#include "formats/dockerfile.hpp"
#include "formats/file_kind.hpp"
#include "formats/read.hpp"
#include "formats/yaml_tree.hpp"
#include "fuzz/fix_properties.hpp"
#include "fuzz/property.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <optional>
#include <rapidjson/document.h>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::fuzz {

struct deployment_input {
  formats::file_kind kind = formats::file_kind::dotenv;
  engine::check_options options;
  std::string_view text;
};

/// The options byte and the file (see the top of this file); nullopt for an empty input.
inline std::optional<deployment_input>
deployment_input_of(std::span<formats::file_kind const> kinds, std::uint8_t const* data,
                    std::size_t size) {
  if (size == 0)
    return std::nullopt;
  std::uint8_t const mode = data[0];
  deployment_input in;
  in.kind = kinds[(mode & 7) % kinds.size()];
  in.text = std::string_view(reinterpret_cast<char const*>(data) + 1, size - 1);
  in.options.client = {(mode & 8) != 0 ? engine::client::libpq : engine::client::prisma, "fuzz"};
  switch ((mode >> 4) & 3) {
  case 0:
    if (auto const t = formats::target_of(in.kind))
      in.options.target = {*t, "fuzz"};
    break;
  case 1:
    in.options.target = {engine::target::server, "fuzz"};
    break;
  case 2:
    in.options.target = {engine::target::serverless, "fuzz"};
    break;
  default:
    break; // unknown: rules for serverless assume it
  }
  return in;
}

/// `text` read as `kind`. Reading promises a document or a problem: an exception breaks that.
inline result<document> read_totally(formats::file_kind kind, std::string_view text) {
  try {
    return formats::read_document(kind, text);
  } catch (std::exception const& e) {
    std::fprintf(stderr, "exception: %s\n", e.what());
    fail("reading returns a document or a problem, never throws", text);
  } catch (...) {
    fail("reading returns a document or a problem, never throws", text);
  }
}

/// The parser directives (`# escape=`) a Dockerfile starts with, through the first line that is
/// not a comment: put before a probe, they make it read with the file's escape character.
inline std::string dockerfile_directives(std::string_view text) {
  std::size_t at = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (at < text.size() && text[at] == '#') {
    std::size_t const newline = text.find('\n', at);
    at = newline == std::string_view::npos ? text.size() : newline + 1;
  }
  std::string out(text.substr(0, at));
  if (!out.empty() && out.back() != '\n')
    out += '\n';
  return out;
}

/// The value of the one entry `ENV X` that `probe` reads as, or nullopt.
inline std::optional<std::string> dockerfile_env_value(std::string const& probe) {
  auto const doc = formats::read_dockerfile(probe);
  if (doc.entries.size() != 1 || doc.entries.front().name != "X")
    return std::nullopt;
  return std::string(doc.entries.front().logical_value);
}

/// What the bytes `written` read as inside a value quoted with `quote` in `format`, in a file
/// whose text is `text` (a Dockerfile's directives set its escape character): the reading the
/// write-back of an edit relies on. nullopt when they do not read as one string.
inline std::optional<std::string> read_as_written(source_format format, quoting quote,
                                                  std::string_view written, std::string_view text) {
  std::string const q = quote == quoting::none ? "" : quote == quoting::single ? "'" : "\"";
  if (format == source_format::dockerfile) {
    // An entry does not say whether it came from `ENV KEY=value` or the legacy `ENV KEY value`
    // (the rest of the line, blanks too): its bytes must read as its value in one of them.
    std::string const directives = dockerfile_directives(text);
    std::string const value = q + std::string(written) + q;
    if (auto v = dockerfile_env_value(directives + "ENV X=" + value))
      return v;
    return dockerfile_env_value(directives + "ENV X " + value);
  }
  if (format == source_format::json) {
    std::string const json = "\"" + std::string(written) + "\"";
    rapidjson::Document parsed;
    parsed.Parse(json.data(), json.size());
    if (parsed.HasParseError() || !parsed.IsString())
      return std::nullopt;
    return std::string(parsed.GetString(), parsed.GetStringLength());
  }
  if (quote == quoting::none)
    return std::string(written); // a plain YAML scalar on one line is its bytes
  if (format == source_format::yaml) {
    auto parsed = formats::parse_yaml(q + std::string(written) + q);
    if (!parsed || parsed->size() != 1 || !parsed->front().is_scalar())
      return std::nullopt;
    return parsed->front().value;
  }
  try {
    auto const table = toml::parse("x = " + q + std::string(written) + q);
    if (auto const* s = table.get_as<std::string>("x"))
      return s->get();
  } catch (toml::parse_error const&) {
  }
  return std::nullopt;
}

/// The quote byte(s) a quoted entry's raw value ends with.
inline std::string_view closing_quote(document const& doc, entry const& e) {
  std::string_view const q = e.quote == quoting::single ? "'" : "\"";
  bool const multi_line = doc.format == source_format::toml && e.raw_value.size() >= 6 &&
                          doc.text.substr(e.raw_value.begin, 3) == std::string(3, q.front());
  return multi_line ? doc.text.substr(e.raw_value.end - 3, 3) : q;
}

/// What a broken property says of the entry it is about, before the input (on stderr).
inline void print_entry(entry const& e) {
  std::fprintf(stderr,
               "entry %.*s: key [%zu, %zu), raw value [%zu, %zu), inner [%zu, %zu), line [%zu, "
               "%zu), quoting %d, writable %d, %zu logical bytes, %zu offsets\n",
               static_cast<int>(e.name.size()), e.name.data(), e.key.begin, e.key.end,
               e.raw_value.begin, e.raw_value.end, e.inner.begin, e.inner.end, e.line.begin,
               e.line.end, static_cast<int>(e.quote), static_cast<int>(e.writable),
               e.logical_value.size(), e.logical_to_raw.size());
}

inline void check_entry(document const& doc, entry const& e, std::string_view text) {
  auto holds = [&](bool ok, char const* what) {
    if (!ok)
      print_entry(e);
    require(ok, what, text);
  };
  holds(within(e.key, 0, text.size()), "key inside the text");
  holds(within(e.raw_value, 0, text.size()), "raw value inside the text");
  holds(within(e.inner, e.raw_value.begin, e.raw_value.end), "inner inside the raw value");
  holds(within(e.line, 0, text.size()) && within(e.raw_value, e.line.begin, e.line.end),
        "value inside its lines");
  holds(e.format == doc.format, "entries in the document's format");
  if (e.quote == quoting::none) {
    holds(e.inner == e.raw_value, "unquoted: inner is the raw value");
  } else {
    // Quoted: the raw value ends with the closing quote right after `inner`. (Its start is the
    // opening quote, but for a quoted `- "KEY=VALUE"` item, whose quotes hold the key too.)
    std::string_view const close = closing_quote(doc, e);
    holds(e.inner.end + close.size() == e.raw_value.end &&
              text.substr(e.inner.end, close.size()) == close,
          "a quoted raw value ends with its closing quote");
  }

  if (e.logical_to_raw.empty()) {
    holds(e.logical_value == e.inner.of(text), "unmapped logical value is the inner text");
  } else {
    holds(e.logical_to_raw.size() == e.logical_value.size() + 1,
          "logical_to_raw has one offset per logical byte and one for the end");
    // A Dockerfile word that mixes quotings (`"a"b`) is unquoted, its first byte after the quote
    // that opens it; one continued over lines may start on the next line. Neither can be written
    // back: for them the map only lies inside `inner`.
    bool const loose = e.format == source_format::dockerfile && !e.writable;
    std::size_t const front = e.logical_to_raw.front(), back = e.logical_to_raw.back();
    holds(loose ? front >= e.inner.begin && back <= e.inner.end
                : front == e.inner.begin && back == e.inner.end,
          "logical_to_raw runs from the start of inner to its end");
    holds(std::is_sorted(e.logical_to_raw.begin(), e.logical_to_raw.end()),
          "logical_to_raw never decreases");
  }
  // The write-back writes edits into these bytes in this quoting: they must read as the value.
  if (e.writable) {
    auto const read = read_as_written(doc.format, e.quote, e.inner.of(text), text);
    holds(read && *read == e.logical_value,
          "a writable value's bytes read, in its quoting, as its logical value");
  }
}

inline void check_entries(document const& doc, std::string_view text) {
  require(doc.text.data() == text.data() && doc.text.size() == text.size(),
          "the document keeps the text", text);
  std::size_t previous = 0;
  for (auto const& e : doc.entries) {
    check_entry(doc, e, text);
    require(e.inner.begin >= previous, "entries in file order", text);
    previous = e.inner.begin;
  }
}

/// The smallest logical index of `e` whose bytes start at file offset `at` (edits are mapped from
/// logical spans by `raw_offset`, so each of their ends is one).
inline std::size_t logical_index(entry const& e, std::size_t at, std::string_view text) {
  for (std::size_t i = 0; i <= e.logical_value.size(); ++i)
    if (e.raw_offset(i) == at)
      return i;
  fail("an edit starts and ends where logical bytes do", text);
}

/// The pass from `before` to `after` (read as `kind`) took `edits`: each inside one writable
/// entry's inner bytes; `after` reads, with the same names in the same order, each value as its
/// edits say and every other value as it was.
inline void check_values_after_pass(formats::file_kind kind, std::string_view before,
                                    std::vector<edit> const& edits, std::string_view after) {
  auto const old_doc = read_totally(kind, before);
  require(static_cast<bool>(old_doc), "the checked text reads", before);
  auto const new_doc = read_totally(kind, after);
  require(static_cast<bool>(new_doc), "a pass leaves text that reads as its format", after);
  check_entries(*new_doc, after);
  auto const& old_entries = old_doc->entries;
  auto const& new_entries = new_doc->entries;

  std::vector<std::vector<edit>> per_entry(old_entries.size());
  for (auto const& ed : edits) {
    auto const owner = std::find_if(old_entries.begin(), old_entries.end(), [&](entry const& e) {
      return within(ed.span, e.inner.begin, e.inner.end);
    });
    require(owner != old_entries.end(), "every edit lies inside one entry's inner bytes", before);
    require(owner->writable, "edits only go into writable values", before);
    per_entry[static_cast<std::size_t>(owner - old_entries.begin())].push_back(ed);
  }

  require(new_entries.size() == old_entries.size(), "a pass keeps every entry", before);
  for (std::size_t i = 0; i < old_entries.size(); ++i) {
    entry const& was = old_entries[i];
    entry const& is = new_entries[i];
    require(is.name == was.name, "a pass keeps every name, in order", before);
    std::string expected(was.logical_value);
    auto mine = per_entry[i];
    std::sort(mine.begin(), mine.end(),
              [](edit const& a, edit const& b) { return a.span.begin > b.span.begin; });
    for (auto const& ed : mine) {
      std::size_t const from = logical_index(was, ed.span.begin, before);
      std::size_t const to = logical_index(was, ed.span.end, before);
      auto const replacement = read_as_written(was.format, was.quote, ed.replacement, before);
      require(replacement.has_value(), "a replacement reads in its value's quoting", before);
      expected.replace(from, to - from, *replacement);
    }
    require(is.logical_value == expected,
            "after a pass each value reads as its edits say, the others as they were", before);
  }
}

/// Every property above, on one input.
inline void check_deployment_file(std::span<formats::file_kind const> kinds,
                                  std::uint8_t const* data, std::size_t size) {
  auto const in = deployment_input_of(kinds, data, size);
  if (!in)
    return;
  auto const doc = read_totally(in->kind, in->text);
  if (!doc)
    return; // not valid in its format: nothing to fix
  check_entries(*doc, in->text);

  bool unreadable = false;
  auto check = [&](std::string_view t) {
    auto const d = read_totally(in->kind, t);
    if (!d) {
      unreadable = true;
      return engine::file_report{};
    }
    auto report = engine::analyze(*d, builtin_rules(), in->options);
    check_report(report, t);
    return report;
  };
  fixes::loop_options loop;
  loop.unsafe = true;
  loop.on_pass = [&](std::string_view before, std::vector<edit> const& edits,
                     std::string_view after) {
    check_pass(before, edits, after);
    check_values_after_pass(in->kind, before, edits, after);
  };
  auto const first = fixes::fix_until_stable(in->text, check, loop);
  require(!unreadable, "the fixed text reads as its format", in->text);
  require(first.converged, "the fix loop converges", in->text);

  auto const second = fixes::fix_until_stable(first.text, check, loop);
  require(second.applied.empty() && second.text == first.text, "a second run changes nothing",
          first.text);
}

} // namespace poolcheck::fuzz
