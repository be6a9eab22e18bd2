// Rewriting a lone URL through the same rules and fix loop as files.
#include "fix/rewrite.hpp"

#include "fix/fix_loop.hpp"

namespace poolcheck::fixes {

rewrite_result rewrite_url(std::string_view variable, std::string_view url,
                           engine::rule_set const& rules, engine::check_options const& options) {
  auto check = [&](std::string_view text) {
    return engine::analyze_value(variable, text, rules, options);
  };
  loop_options o;
  o.unsafe = true;
  o.assumed = false; // never add a parameter for a client nobody named
  auto loop = fix_until_stable(url, check, o);
  rewrite_result out;
  out.url = std::move(loop.text);
  out.changes = std::move(loop.applied);
  out.converged = loop.converged;
  out.secrets = loop.final_report.secrets;
  for (auto& d : loop.final_report.diagnostics) {
    // After the loop every allowed fix is applied: what is left at warning or above needs a
    // change no edit can make (a finding that rests on a guess is info).
    bool blocks = d.severity != severity::info;
    (blocks ? out.blocking : out.notes).push_back(std::move(d));
  }
  return out;
}

} // namespace poolcheck::fixes
