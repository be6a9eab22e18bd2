// `check --env`: select the variables, check them together, report each on its own.
#include "cli/environment_check.hpp"

#include "core/redact.hpp"
#include "fix/rewrite.hpp"
#include "formats/environment.hpp"
#include "pg/conninfo.hpp"

#include <algorithm>
#include <map>

namespace poolcheck::cli {
namespace {

/// `span` clipped to `value` and counted from its start: a finding on a variable's name points
/// at the start of its value.
byte_span within(byte_span span, byte_span value) {
  std::size_t const begin = std::clamp(span.begin, value.begin, value.end);
  std::size_t const end = std::clamp(span.end, begin, value.end);
  return {begin - value.begin, end - value.begin};
}

std::vector<byte_span> within(std::vector<byte_span> const& spans, byte_span value) {
  std::vector<byte_span> out;
  for (auto s : spans)
    if (s.overlaps(value))
      out.push_back(within(s, value));
  return out;
}

/// A fix made advice: there is no file to write, so the finding shows the value to set, masked,
/// and the command that prints it whole.
void advise_instead(diagnostic& d, std::string_view value, engine::rule_set const& rules,
                    engine::check_options const& options, bool show_secrets) {
  std::string advice = d.fix->title;
  d.fix.reset();
  auto const rewritten = fixes::rewrite_url(d.variable, value, rules, options);
  if (rewritten.converged && rewritten.url != value) {
    redactor mask(!show_secrets);
    mask.add_secrets(rewritten.url, rewritten.secrets);
    advice += "; set " + d.variable + " to " + mask(rewritten.url) + " (`poolcheck rewrite --var " +
              d.variable + " \"$" + d.variable + "\"` prints it)";
  }
  d.advice = std::move(advice);
}

} // namespace

result<variables> environment_variables(char const* const* environment,
                                        std::vector<std::string> const& names,
                                        engine::rule_set const& rules) {
  std::map<std::string, std::string, std::less<>> all;
  for (auto p = environment; p && *p; ++p) {
    std::string_view const pair = *p;
    if (auto eq = pair.find('='); eq != std::string_view::npos && eq > 0)
      all.emplace(pair.substr(0, eq), pair.substr(eq + 1));
  }
  variables out;
  if (!names.empty()) {
    for (auto const& name : names) {
      auto it = all.find(name);
      if (it == all.end())
        return problem{"--env: " + name + " is not set in the environment", std::nullopt};
      out.emplace_back(*it);
    }
    return out;
  }
  for (auto const& [name, value] : all)
    if (pg::is_connection_string(value) || rules.database_names.matches(name) ||
        rules.direct_names.matches(name) || rules.prisma_names.matches(name))
      out.emplace_back(name, value);
  return out;
}

std::vector<report::checked_file> check_environment(variables const& vars,
                                                    engine::rule_set const& rules,
                                                    engine::check_options const& options,
                                                    bool show_secrets) {
  std::string const block = formats::environment_block(vars);
  document const doc = formats::read_environment(block);
  auto report = engine::analyze(doc, rules, options);

  std::vector<report::checked_file> out;
  out.reserve(doc.entries.size());
  for (entry const& e : doc.entries) {
    engine::file_report mine;
    mine.secrets = within(report.secrets, e.inner);
    mine.masked = within(report.masked, e.inner);
    out.push_back(
        {std::move(mine), source_file("env:" + std::string(e.name), std::string(e.logical_value))});
    out.back().environment = true;
  }
  for (auto& d : report.diagnostics) {
    // Entries are in block order: the one whose pair holds the finding's start.
    auto const after =
        std::upper_bound(doc.entries.begin(), doc.entries.end(), d.span.begin,
                         [](std::size_t at, entry const& e) { return at < e.line.begin; });
    if (after == doc.entries.begin())
      continue; // every finding is on a variable: nothing comes before the first
    entry const& e = *std::prev(after);
    d.span = within(d.span, e.inner);
    if (d.fix)
      advise_instead(d, e.logical_value, rules, options, show_secrets);
    out[static_cast<std::size_t>(std::distance(doc.entries.begin(), after)) - 1]
        .diagnostics.push_back(std::move(d));
  }
  return out;
}

} // namespace poolcheck::cli
