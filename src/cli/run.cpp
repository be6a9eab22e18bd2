// The command line: argv -> one command (check, rewrite, explain, rules) -> exit code.
#include "cli/run.hpp"

#include "cli/check_command.hpp"
#include "cli/explain.hpp"
#include "cli/inputs.hpp"
#include "cli/rewrite_command.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

namespace poolcheck::cli {

int run(int argc, char** argv) {
  CLI::App app{"poolcheck: find PostgreSQL connection-string mistakes in .env files before "
               "deploy (direct hosts where a pooler is needed, missing pgbouncer=true, tiny "
               "connection_limit) and fix them.\n\nExit status: 0 clean, 1 findings "
               "(warning or above), 2 usage or I/O error.",
               "poolcheck"};
  app.set_version_flag("-V,--version", std::string("poolcheck ") + POOLCHECK_VERSION);
  app.require_subcommand(1);
  auto const clients = CLI::IsMember(
      {"prisma", "prisma-adapter", "libpq", "node-postgres", "postgres-js", "asyncpg"});
  auto const targets = CLI::IsMember({"serverless", "server"});

  check_flags flags;
  auto* check = app.add_subcommand("check", "Check .env files (the default command)");
  check->add_option("paths", flags.paths, "Files or folders to check; - reads stdin (default: .)");
  check
      ->add_option("--format", flags.format,
                   "Output format: human, json (docs/json-format.md), sarif (2.1.0), github "
                   "(Actions annotations)")
      ->check(CLI::IsMember({"human", "json", "sarif", "github"}));
  check->add_flag("--statistics", flags.statistics,
                  "Print how often each rule fired, not findings");
  check->add_flag("-q,--quiet", flags.quiet, "Print only the summary line");
  check->add_flag("--exit-zero", flags.exit_zero, "Exit 0 even when there are findings");
  check
      ->add_option("--fail-on", flags.fail_on,
                   "Lowest severity that makes the exit status 1 (default: warning)")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  check
      ->add_option("--client", flags.client,
                   "The program that reads the URLs (default: detected from package.json and "
                   "prisma/schema.prisma, else from variable names, else unknown)")
      ->check(clients);
  check->add_option("--target", flags.target, "Where the app runs")->check(targets);
  // Repeatable options take one value per flag, so they never swallow the paths after them.
  check->add_option("--rules", flags.rule_dirs, "Also load rules/*.toml from this folder")
      ->allow_extra_args(false);
  check->add_option("--select", flags.select, "Only these codes or code prefixes")
      ->delimiter(',')
      ->allow_extra_args(false);
  check->add_option("--ignore", flags.ignore, "Skip these codes or code prefixes")
      ->delimiter(',')
      ->allow_extra_args(false);
  check->add_flag("--fix", flags.fix, "Apply safe fixes in place (with -: print the fixed text)");
  check->add_flag("--unsafe-fixes", flags.unsafe_fixes,
                  "Also apply unsafe fixes (they change what a consumer reads, or rest on a "
                  "guessed client)");
  check->add_flag("--diff", flags.diff,
                  "Print a unified diff of what --fix would change; change nothing");
  check->add_flag("--backup", flags.backup, "With --fix, keep the original as FILE.bak");
  check->add_flag("--show-secrets", flags.show_secrets, "Print passwords instead of ****");
  check->add_option("--color", flags.color, "Colour: auto (a terminal, unless NO_COLOR is set)")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  rewrite_flags rw;
  auto* rewrite = app.add_subcommand(
      "rewrite", "Print the corrected connection string (explanations on stderr)");
  rewrite->add_option("url", rw.url, "The URL, or - to read it from stdin")->required();
  rewrite->add_option("--var", rw.variable,
                      "The variable it is for: DATABASE_URL (runtime, the default) or e.g. "
                      "DIRECT_URL (migrations)");
  rewrite->add_option("--client", rw.client, "The program that reads it")->check(clients);
  rewrite->add_option("--target", rw.target, "Where the app runs")->check(targets);
  rewrite->add_option("--rules", rw.rule_dirs, "Also load rules/*.toml from this folder")
      ->allow_extra_args(false);
  rewrite->add_flag("--show-secrets", rw.show_secrets, "Print passwords instead of ****");

  std::string code;
  auto* explain = app.add_subcommand("explain", "Explain a rule: why, sources, example");
  explain->add_option("code", code, "Rule code, e.g. NEON001")->required();

  bool rules_json = false;
  std::vector<std::string> list_rule_dirs;
  auto* rules = app.add_subcommand("rules", "List every rule");
  rules->add_flag("--json", rules_json, "As JSON");
  rules->add_option("--rules", list_rule_dirs, "Also load rules/*.toml from this folder")
      ->allow_extra_args(false);

  // `poolcheck .env` means `poolcheck check .env`.
  std::vector<std::string> args(argv + 1, argv + argc);
  bool known = !args.empty() && (args[0] == "check" || args[0] == "rewrite" ||
                                 args[0] == "explain" || args[0] == "rules" || args[0] == "-h" ||
                                 args[0] == "--help" || args[0] == "-V" || args[0] == "--version");
  if (!known)
    args.insert(args.begin(), "check");
  std::reverse(args.begin(), args.end());
  try {
    app.parse(args);
  } catch (CLI::ParseError const& e) {
    int status = app.exit(e, std::cout, std::cerr);
    return status == 0 ? 0 : 2;
  }

  if (*check)
    return run_check(flags);
  if (*rewrite)
    return run_rewrite(rw);
  auto loaded = load_all_rules(*rules ? list_rule_dirs : std::vector<std::string>{});
  if (!loaded) {
    error_line(describe(loaded.error()));
    return 2;
  }
  if (*explain) {
    auto const* r = loaded->find(code);
    if (!r) {
      error_line("unknown rule code `" + code + "` (see `poolcheck rules`)");
      return 2;
    }
    write_explanation(std::cout, *r);
    return 0;
  }
  write_rule_list(std::cout, *loaded, rules_json);
  return 0;
}

} // namespace poolcheck::cli
