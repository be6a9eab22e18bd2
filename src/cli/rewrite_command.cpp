// `rewrite`: one URL in, the corrected URL out; explanations on stderr with the password masked.
#include "cli/rewrite_command.hpp"

#include "cli/inputs.hpp"
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
  config_resolver configs(flags.settings);
  auto config = configs.for_folder(".");
  if (!config) {
    error_line(describe(config.error()));
    return 2;
  }
  engine::check_options options = (*config)->options;
  configs.apply_project(**config, ".", options);
  // A rewrite is asked for: with nothing to say where the app runs, it gives the serverless form
  // (the one this tool is for), and says so.
  if (!options.target.value) {
    options.target = {engine::target::serverless, "rewrite's default"};
    std::cerr << "note: rewriting for serverless: nothing says where the app runs (pass --target "
                 "server for a long-running app)\n";
  }

  auto result = fixes::rewrite_url(flags.variable, url, (*config)->rules, options);
  mask.add_secrets(result.url, result.secrets);
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
