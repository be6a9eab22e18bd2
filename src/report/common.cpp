// What every reporter shares: the per-file redactor and the totals.
#include "report/report.hpp"

namespace poolcheck::report {

redactor checked_file::make_redactor(bool show_secrets) const {
  redactor r(!show_secrets);
  for (auto s : secrets)
    r.add_secret(s.of(file.text()));
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
