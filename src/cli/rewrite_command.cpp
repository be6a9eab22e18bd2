// `rewrite`: one URL in, the corrected URL out; explanations on stderr with the password masked.
#include "cli/rewrite_command.hpp"

#include "cli/inputs.hpp"
#include "cli/project.hpp"
#include "core/redact.hpp"
#include "fix/rewrite.hpp"
#include "pg/conninfo.hpp"

#include <fmt/format.h>

#include <iostream>

namespace poolcheck::cli {
namespace {

std::string trimmed(std::string s) {
  while (!s.empty() &&
         (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t'))
    s.pop_back();
  std::size_t start = s.find_first_not_of(" \t");
  return start == std::string::npos ? std::string() : s.substr(start);
}

} // namespace

int run_rewrite(rewrite_flags const& flags) {
  std::string url = flags.url;
  if (url == "-") {
    auto in = read_input("-");
    if (!in) {
      error_line(describe(in.error()));
      return 2;
    }
    url = trimmed(std::move(*in));
  }
  redactor mask(!flags.show_secrets);
  switch (pg::classify(url)) {
  case pg::scheme_kind::postgres:
  case pg::scheme_kind::keyword:
    break;
  case pg::scheme_kind::prisma:
    error_line(
        "prisma:// and prisma+postgres:// URLs are Prisma's own service; nothing to rewrite");
    return 2;
  default:
    error_line("not a PostgreSQL connection string (expected postgres://, postgresql:// or "
               "key=value)");
    return 2;
  }
  auto rules = load_all_rules(flags.rule_dirs);
  if (!rules) {
    error_line(describe(rules.error()));
    return 2;
  }
  engine::check_options options;
  if (!flags.client.empty())
    options.client = {*engine::parse_client(flags.client), "--client"};
  else
    options.client = project_detector().client_for(".");
  options.target = *engine::parse_target(flags.target);

  auto result = fixes::rewrite_url(flags.variable, url, *rules, options);
  for (auto s : result.secrets)
    mask.add_secret(s.of(result.url));
  if (!result.converged) {
    error_line("fixes did not settle (a poolcheck bug); no URL printed");
    return 2;
  }
  for (auto const& d : result.changes)
    std::cerr << mask(fmt::format("changed: {} [{}]\n", d.fix->title, d.code));
  for (auto const& d : result.notes)
    std::cerr << mask(fmt::format("note: {} [{}]{}\n", d.message, d.code,
                                  d.advice.empty() ? "" : "\n  " + d.advice));
  if (!result.blocking.empty()) {
    for (auto const& d : result.blocking)
      std::cerr << mask(fmt::format("cannot derive: {} [{}]\n  {}\n", d.message, d.code,
                                    d.advice.empty() && d.fix ? d.fix->title : d.advice));
    return 1;
  }
  std::cout << result.url << '\n';
  return 0;
}

} // namespace poolcheck::cli
