// Reader properties on mutated inputs.
#include "support/reader_properties.hpp"

#include "formats/write_back.hpp"
#include "support/random_source.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

namespace poolcheck::test {
namespace {

std::string mutated(std::string text, random_source& r) {
  static std::vector<std::string> const pieces{
      "\"", "\\", "\n",      "\r\n", "{",  "}",   ",",        "/",        "*",
      "'",  "$",  " ",       "u",    "0",  "=",   "\xC3\xA4", "\xC2\xA0", std::string(1, '\0'),
      "`",  "#",  "\\u0040", "${",   "//", "ENV "};
  std::size_t const n = 1 + r.below(4);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t const at = r.below(text.size() + 1);
    switch (r.below(3)) {
    case 0:
      text.insert(at, r.pick(pieces));
      break;
    case 1:
      text.erase(at, 1 + r.below(3));
      break;
    default: {
      std::size_t const len = std::min<std::size_t>(r.below(40), text.size() - at);
      text.insert(at, text.substr(at, len));
      break;
    }
    }
  }
  return text;
}

void check_entry(std::string_view text, entry const& e) {
  auto within = [&](byte_span s, std::size_t begin, std::size_t end) {
    return begin <= s.begin && s.begin <= s.end && s.end <= end;
  };
  CHECK(within(e.raw_value, 0, text.size()));
  CHECK(within(e.inner, e.raw_value.begin, e.raw_value.end));
  CHECK(within(e.key, 0, text.size()));
  CHECK(within(e.line, 0, text.size()));
  CHECK(e.line.begin <= e.raw_value.begin);
  CHECK(e.raw_value.end <= e.line.end);
  if (e.logical_to_raw.empty()) {
    CHECK(e.inner.of(text) == e.logical_value);
    return;
  }
  REQUIRE(e.logical_to_raw.size() == e.logical_value.size() + 1);
  CHECK(std::is_sorted(e.logical_to_raw.begin(), e.logical_to_raw.end()));
  CHECK(e.logical_to_raw.front() >= e.raw_value.begin);
  CHECK(e.logical_to_raw.back() <= e.raw_value.end);
}

/// `e`'s value written back as it already is: the file it makes reads the same value there.
void check_rewrite(std::string_view text, document const& doc, std::size_t index,
                   reader_function const& read) {
  entry const& e = doc.entries[index];
  auto const written =
      formats::written_back(e, {edit{{0, e.logical_value.size()}, std::string(e.logical_value)}});
  if (written.edits.empty())
    return; // its quoting cannot hold it: advice, not an edit
  std::string out(text);
  for (auto it = written.edits.rbegin(); it != written.edits.rend(); ++it)
    out.replace(it->span.begin, it->span.size(), it->replacement);
  auto again = read(out);
  REQUIRE(again);
  REQUIRE(again->entries.size() == doc.entries.size());
  CHECK(again->entries[index].name == e.name);
  CHECK(again->entries[index].logical_value == e.logical_value);
}

} // namespace

std::size_t check_reader_on_mutations(std::string const& seed_text, reader_function const& read,
                                      std::size_t rounds, std::uint64_t seed) {
  random_source r(seed);
  std::size_t read_ok = 0;
  for (std::size_t round = 0; round < rounds; ++round) {
    std::string const text = mutated(seed_text, r);
    auto doc = read(text);
    if (!doc)
      continue;
    ++read_ok;
    INFO("input:\n" << text);
    for (std::size_t i = 0; i < doc->entries.size(); ++i) {
      check_entry(text, doc->entries[i]);
      if (doc->entries[i].writable)
        check_rewrite(text, *doc, i, read);
    }
  }
  return read_ok;
}

} // namespace poolcheck::test
