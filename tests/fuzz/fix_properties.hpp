// What every fuzz target that runs the fix loop checks, whatever the format: the built-in rules it
// checks with, reports whose spans point into the checked text, and passes that change only the
// bytes their edits name.
#pragma once

#include "checks/registry.hpp"
#include "core/diagnostic.hpp"
#include "engine/analysis.hpp"
#include "engine/rule_loader.hpp"
#include "fuzz/property.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::fuzz {

inline engine::rule_set const& builtin_rules() {
  static engine::rule_set const set = [] {
    auto loaded = engine::builtin_rules(checks::code_rules());
    if (!loaded) {
      std::fprintf(stderr, "fuzz: built-in rules: %s\n", loaded.error().message.c_str());
      std::abort();
    }
    return std::move(*loaded);
  }();
  return set;
}

// Spans of findings and edits must point into the checked text: apply_edits silently skips an
// edit that does not, which would hide the bug.
inline void check_report(engine::file_report const& report, std::string_view text) {
  for (auto const& d : report.diagnostics) {
    require(within(d.span, 0, text.size()), "finding span inside the text", text);
    if (d.fix)
      for (auto const& e : d.fix->edits)
        require(within(e.span, 0, text.size()), "edit span inside the text", text);
  }
  for (auto const& s : report.secrets)
    require(within(s, 0, text.size()), "secret span inside the text", text);
}

// `after` is `before` with exactly `edits` applied: bytes outside them unchanged, each replacement
// where its span was. The loop promises the edits do not collide, so the order is defined.
inline void check_pass(std::string_view before, std::vector<edit> edits, std::string_view after) {
  std::stable_sort(edits.begin(), edits.end(), [](edit const& a, edit const& b) {
    if (a.span.begin != b.span.begin)
      return a.span.begin < b.span.begin;
    return a.span.empty() && !b.span.empty(); // an insertion lands before a replacement there
  });
  // Two insertions at one offset have no defined order; the loop must never take both.
  for (std::size_t i = 1; i < edits.size(); ++i)
    require(!(edits[i].span.empty() && edits[i - 1].span.empty() &&
              edits[i].span.begin == edits[i - 1].span.begin),
            "no two insertions at one offset", before);
  std::string expected;
  std::size_t copied = 0;
  for (auto const& e : edits) {
    require(within(e.span, 0, before.size()), "taken edit inside the text", before);
    require(e.span.begin >= copied, "taken edits do not overlap", before);
    expected.append(before.substr(copied, e.span.begin - copied));
    expected.append(e.replacement);
    copied = e.span.end;
  }
  expected.append(before.substr(copied));
  require(after == expected, "a pass changes only the bytes its edits name", before);
}

} // namespace poolcheck::fuzz
