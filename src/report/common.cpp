// What every reporter shares: the per-file redactor and the totals.
#include "report/report.hpp"

#include <algorithm>

namespace poolcheck::report {

redactor checked_file::make_redactor(diagnostic const& d, bool show_secrets) const {
  redactor r(!show_secrets);
  if (show_secrets)
    return r;
  byte_span region = d.span;
  if (d.fix)
    for (auto const& e : d.fix->edits)
      region = {std::min(region.begin, e.span.begin), std::max(region.end, e.span.end)};
  auto first = file.position(region.begin).line;
  auto last = file.position(region.end).line;
  byte_span lines{file.line_start(first),
                  last < file.line_count() ? file.line_start(last + 1) : file.text().size()};
  // secrets are in file order: skip to the first one that can touch these lines
  auto it = std::lower_bound(secrets.begin(), secrets.end(), lines.begin,
                             [](byte_span s, std::size_t at) { return s.end <= at; });
  for (; it != secrets.end() && it->begin < lines.end; ++it)
    r.add_secret(it->of(file.text()));
  return r;
}

totals count(std::vector<checked_file> const& files) {
  totals t;
  for (auto const& f : files)
    for (auto const& d : f.diagnostics) {
      (d.severity == severity::error     ? t.errors
       : d.severity == severity::warning ? t.warnings
                                         : t.infos)++;
      if (d.fix && d.fix->safety == fix_safety::safe)
        ++t.fixable;
    }
  return t;
}

} // namespace poolcheck::report
