// Whether two parses of one text read it alike: the same lines, entries, issues and multi-line
// entries, field by field.
// Header-only: the unit tests and the fuzz targets both use it.
#pragma once

#include "env/document.hpp"

#include <string>

namespace poolcheck::test {

/// Empty when `a` and `b` read their text alike, else what differs first.
inline std::string reading_difference(env::document const& a, env::document const& b) {
  if (a.lines.size() != b.lines.size())
    return "line count";
  if (a.entries.size() != b.entries.size())
    return "entry count";
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    env::line const& x = a.lines[i];
    env::line const& y = b.lines[i];
    if (x.kind != y.kind || x.span != y.span || x.entry_index != y.entry_index)
      return "line " + std::to_string(i);
  }
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    env::entry const& x = a.entries[i];
    env::entry const& y = b.entries[i];
    if (x.key != y.key || x.name != y.name || x.exported != y.exported || x.sep != y.sep ||
        x.raw_value != y.raw_value || x.inner != y.inner || x.quote != y.quote ||
        x.logical_value != y.logical_value || x.logical_to_raw != y.logical_to_raw ||
        x.comment != y.comment)
      return "entry " + std::to_string(i);
  }
  if (a.issues.size() != b.issues.size())
    return "issue count";
  for (std::size_t i = 0; i < a.issues.size(); ++i)
    if (a.issues[i].kind != b.issues[i].kind || a.issues[i].span != b.issues[i].span)
      return "issue " + std::to_string(i);
  if (a.hidden_lines != b.hidden_lines)
    return "multi-line entries";
  if (a.has_bom != b.has_bom || a.dominant_ending != b.dominant_ending ||
      a.ends_with_newline != b.ends_with_newline)
    return "whole-text facts";
  return {};
}

} // namespace poolcheck::test
