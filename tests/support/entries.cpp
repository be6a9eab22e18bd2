// Entry helpers for the reader tests.
#include "support/entries.hpp"

#include "fix/apply.hpp"
#include "formats/write_back.hpp"

#include <catch2/catch.hpp>

namespace poolcheck::test {

name_values pairs_of(document const& doc) {
  name_values out;
  for (entry const& e : doc.entries)
    out.emplace_back(e.name, e.logical_value);
  return out;
}

entry const& named(document const& doc, std::string_view name) {
  for (entry const& e : doc.entries)
    if (e.name == name)
      return e;
  FAIL("no entry " << std::string(name));
  return doc.entries.front();
}

std::string edited(std::string_view text, entry const& e, std::size_t begin, std::size_t end,
                   std::string replacement) {
  auto written = formats::written_back(e, {edit{{begin, end}, std::move(replacement)}});
  if (written.edits.empty())
    return "";
  return fixes::apply_edits(text, std::move(written.edits)).text;
}

} // namespace poolcheck::test
