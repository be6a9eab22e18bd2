// Rule documentation, rendered from the same metadata the engine runs.
#include "cli/explain.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace poolcheck::cli {

void write_explanation(std::ostream& out, engine::rule const& r) {
  out << fmt::format("{} ({}): {}\n\n", r.code, r.name, r.summary);
  out << fmt::format("Severity: {}. Fix: {}.\n\n", to_string(r.severity),
                     r.fix == fix_safety::none ? "none (advice only)"
                                               : std::string(to_string(r.fix)));
  if (!r.why.empty())
    out << "Why: " << r.why << "\n\n";
  out << "Example (bad):\n  " << r.example.bad << "\n";
  out << "Example (good):\n  " << r.example.good << "\n";
  if (r.example.client)
    out << "  (with --client " << to_string(*r.example.client) << ")\n";
  if (!r.sources.empty()) {
    out << "\nSources:\n";
    for (auto const& s : r.sources)
      out << "  " << s << '\n';
  }
}

void write_rule_list(std::ostream& out, engine::rule_set const& rules, bool as_json) {
  if (as_json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (auto const& r : rules.rules)
      list.push_back({{"code", r.code},
                      {"name", r.name},
                      {"severity", to_string(r.severity)},
                      {"fix", to_string(r.fix)},
                      {"summary", r.summary}});
    out << list.dump(2) << '\n';
    return;
  }
  for (auto const& r : rules.rules)
    out << fmt::format("{:<10} {:<8} {:<7} {:<46} {}\n", r.code, to_string(r.severity),
                       to_string(r.fix), r.name, r.summary);
}

} // namespace poolcheck::cli
