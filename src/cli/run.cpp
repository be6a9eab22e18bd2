// The command line: argv -> one command (check, rewrite, config, explain, rules) -> exit code.
#include "cli/run.hpp"

#include "cli/check_command.hpp"
#include "cli/config_resolver.hpp"
#include "cli/explain.hpp"
#include "cli/hook_command.hpp"
#include "cli/inputs.hpp"
#include "cli/rewrite_command.hpp"
#include "core/closest.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace poolcheck::cli {
namespace {

/// Flags every command that checks something shares; --select/--ignore land in `select` and
/// `ignore` and count only when given. Repeatable options take one value per flag, so they
/// never swallow the paths after them.
void add_setting_flags(CLI::App& cmd, setting_flags& s, std::vector<std::string>& select,
                       std::vector<std::string>& ignore) {
  cmd.add_option("--config", s.config_file, "Read this config file instead of looking for one");
  cmd.add_flag("--no-config", s.no_config, "Read no poolcheck.toml");
  cmd.add_option("--client", s.client,
                 "The program that reads the URLs (default: the config's, else detected from "
                 "package.json and prisma/schema.prisma, else from variable names, else unknown)")
      ->check(CLI::IsMember(
          {"prisma", "prisma-adapter", "libpq", "node-postgres", "postgres-js", "asyncpg"}));
  cmd.add_option("--target", s.target,
                 "Where the app runs (default: the config's, else what the project's files say, "
                 "else unknown: advice for serverless is then given as a guess, at info level)")
      ->check(CLI::IsMember({"serverless", "server"}));
  cmd.add_option("--rules", s.rule_dirs, "Also load rules/*.toml from this folder")
      ->allow_extra_args(false);
  cmd.add_option("--select", select, "Only these codes or code prefixes")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd.add_option("--ignore", ignore, "Skip these codes or code prefixes")
      ->delimiter(',')
      ->allow_extra_args(false);
}

/// "unknown option `--fromat` (did you mean `--format`?)" for the first word of `given` shaped
/// like an option name (`--` and lowercase letters, digits, dashes; what follows `=` is left
/// out) that `cmd` does not know; nullopt when there is none.
std::optional<std::string> unknown_option(CLI::App const& cmd,
                                          std::vector<std::string> const& given) {
  std::vector<std::string> known{"--help"};
  for (CLI::Option const* o : cmd.get_options())
    for (auto const& name : o->get_lnames())
      known.push_back("--" + name);
  for (auto const& word : given) {
    std::string_view const name = std::string_view(word).substr(0, word.find('='));
    bool const shaped = name.size() > 2 && name.starts_with("--") &&
                        std::all_of(name.begin() + 2, name.end(), [](char c) {
                          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                        });
    if (!shaped || std::find(known.begin(), known.end(), name) != known.end())
      continue;
    std::string out = "unknown option `" + std::string(name) + "` for `" + cmd.get_name() + "`";
    if (auto near = closest(name, known))
      out += " (did you mean `" + *near + "`?)";
    return out;
  }
  return std::nullopt;
}

void take_lists(CLI::App const& cmd, setting_flags& s, std::vector<std::string> const& select,
                std::vector<std::string> const& ignore) {
  if (cmd.count("--select"))
    s.select = select;
  if (cmd.count("--ignore"))
    s.ignore = ignore;
}

int run_config_show(setting_flags const& flags, std::string const& path) {
  config_resolver configs(flags);
  std::error_code ec;
  auto folder = std::filesystem::is_directory(path, ec) ? std::filesystem::path(path)
                                                        : std::filesystem::path(path).parent_path();
  auto c = configs.for_folder(folder);
  if (!c) {
    error_line(describe(c.error()));
    return 2;
  }
  std::cout << config::describe((*c)->settings);
  engine::check_options here = (*c)->options;
  configs.apply_project(**c, folder, here);
  std::cout << "# target for files here: "
            << (here.target.value ? std::string(engine::to_string(*here.target.value)) + " (" +
                                        here.target.origin + ")"
                                  : std::string("unknown (no --target, config or project file)"))
            << '\n';
  std::cout << "# client for files here: " << engine::to_string(here.client.value)
            << (here.client.origin.empty() ? "" : " (" + here.client.origin + ")") << '\n';
  // What the project's files say of each variable they name (config [variables] above wins).
  auto said = [](auto const& value, std::string const& origin, std::string_view otherwise) {
    return value ? std::string(engine::to_string(*value)) + " (" + origin + ")"
                 : std::string(otherwise);
  };
  for (auto const& [name, v] : here.variables)
    std::cout << "# " << name << ": role " << said(v.role, v.role_origin, "from its name")
              << ", client " << said(v.client, v.client_origin, "as above") << '\n';
  return 0;
}

} // namespace

int run(int argc, char** argv) {
  CLI::App app{
      "poolcheck: find PostgreSQL connection-string mistakes in .env and deployment "
      "files before deploy (direct hosts where a pooler is needed, missing pgbouncer=true, tiny "
      "connection_limit) and fix them.\n\nExit status: 0 clean, 1 findings "
      "(warning or above), 2 usage or I/O error.",
      "poolcheck"};
  app.set_version_flag("-V,--version", std::string("poolcheck ") + POOLCHECK_VERSION);
  app.require_subcommand(1);

  check_flags flags;
  std::vector<std::string> select, ignore;
  auto* check =
      app.add_subcommand("check", "Check .env and deployment files (the default command)");
  check->add_option("paths", flags.paths, "Files or folders to check; - reads stdin (default: .)");
  add_setting_flags(*check, flags.settings, select, ignore);
  check
      ->add_option("--format", flags.format,
                   "Output format: human, json (docs/json-format.md), sarif (2.1.0), github "
                   "(Actions annotations)")
      ->check(CLI::IsMember({"human", "json", "sarif", "github"}));
  check->add_flag("--statistics", flags.statistics,
                  "Print how often each rule fired, not findings");
  check->add_flag("-q,--quiet", flags.quiet, "Print only the summary line");
  check->add_flag("--exit-zero", flags.exit_zero, "Exit 0 even when there are findings");
  check->add_flag("--env{*}", flags.env,
                  "Check the environment's connection strings (as a CI job or platform holds "
                  "them), reported as env:NAME; --env=NAME,... checks those variables. With no "
                  "paths, only the environment is checked");
  check->add_flag("--allow-empty", flags.allow_empty,
                  "Exit 0 when no .env file is found (by default that is exit 2: a check that "
                  "checked nothing must not pass)");
  check
      ->add_option("--fail-on", flags.fail_on,
                   "Lowest severity that makes the exit status 1 (default: warning)")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  check->add_flag("--fix", flags.fix, "Apply safe fixes in place (with -: print the fixed text)");
  check->add_flag("--unsafe-fixes", flags.unsafe_fixes,
                  "Also apply unsafe fixes (they change what a consumer reads, or rest on a "
                  "guessed client)");
  check->add_flag("--diff", flags.diff,
                  "Print a unified diff of what --fix would change; change nothing");
  check->add_flag("--backup", flags.backup,
                  "With --fix, keep the original beside the file (.env.poolcheck-backup)");
  check->add_option("--stdin-filename", flags.stdin_filename,
                    "The name of `-` input, for config discovery and messages");
  check->add_flag("--show-secrets", flags.show_secrets, "Print passwords instead of ****");
  check->add_option("--color", flags.color, "Colour: auto (a terminal, unless NO_COLOR is set)")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  rewrite_flags rw;
  std::vector<std::string> rw_select, rw_ignore;
  auto* rewrite = app.add_subcommand(
      "rewrite", "Print the corrected connection string (explanations on stderr)");
  rewrite->add_option("url", rw.url, "The URL, or - to read it from stdin")->required();
  rewrite->add_option("--var", rw.variable,
                      "The variable it is for: DATABASE_URL (runtime, the default) or e.g. "
                      "DIRECT_URL (migrations)");
  add_setting_flags(*rewrite, rw.settings, rw_select, rw_ignore);
  rewrite->add_flag("--show-secrets", rw.show_secrets, "Print passwords instead of ****");

  std::string show_path = ".";
  setting_flags config_flags;
  std::vector<std::string> cfg_select, cfg_ignore;
  auto* config = app.add_subcommand("config", "Show the effective configuration");
  bool show = true;
  config->add_flag("--show", show, "Print every setting and where it came from (the default)");
  config->add_option("path", show_path, "A file or folder whose settings to show (default: .)");
  add_setting_flags(*config, config_flags, cfg_select, cfg_ignore);

  std::string hook_action;
  bool hook_force = false;
  check_flags hook_flags;
  std::vector<std::string> hook_select, hook_ignore;
  auto* hook = app.add_subcommand("hook", "Install, remove or run the plain git pre-commit hook");
  hook->add_option("action", hook_action, "install, uninstall, or run (what the hook calls)")
      ->required()
      ->check(CLI::IsMember({"install", "uninstall", "run"}));
  hook->add_flag("--force", hook_force, "install: replace a pre-commit hook that is not ours");
  add_setting_flags(*hook, hook_flags.settings, hook_select, hook_ignore);
  hook->add_option("--fail-on", hook_flags.fail_on, "Lowest severity that blocks the commit")
      ->check(CLI::IsMember({"error", "warning", "info"}));

  std::string code;
  auto* explain = app.add_subcommand("explain", "Explain a rule: why, sources, example");
  explain->add_option("code", code, "Rule code, e.g. NEON001")->required();

  bool rules_json = false;
  std::string rules_format = "human";
  std::string docs_dir;
  std::vector<std::string> list_rule_dirs;
  auto* rules = app.add_subcommand("rules", "List every rule");
  rules->add_option("--format", rules_format, "human or json")
      ->check(CLI::IsMember({"human", "json"}));
  rules->add_flag("--json", rules_json, "Same as --format json");
  rules->add_option("--write-docs", docs_dir, "Write one Markdown page per rule into this folder");
  rules->add_option("--rules", list_rule_dirs, "Also load rules/*.toml from this folder")
      ->allow_extra_args(false);

  // `poolcheck .env` means `poolcheck check .env`.
  std::vector<std::string> args(argv + 1, argv + argc);
  static constexpr std::string_view commands[] = {
      "check", "rewrite", "config", "hook", "explain", "rules", "-h", "--help", "-V", "--version"};
  if (args.empty() ||
      std::find(std::begin(commands), std::end(commands), args[0]) == std::end(commands))
    args.insert(args.begin(), "check");
  std::vector<std::string> const given = args;
  std::reverse(args.begin(), args.end());
  try {
    app.parse(args);
  } catch (CLI::ParseError const& e) {
    if (e.get_exit_code() == 0) // --help, --version
      return app.exit(e, std::cout, std::cerr);
    // CLI11 quotes what it did not expect, and an unquoted connection string that the shell split
    // at a space is what users pass: its pieces may be password text. An option's name is not.
    if (dynamic_cast<CLI::ExtrasError const*>(&e) != nullptr) {
      if (auto unknown = unknown_option(*app.get_subcommand(given.front()), given))
        error_line(*unknown);
      else
        error_line("unexpected arguments (not shown: they may hold a password); a connection "
                   "string with spaces goes in quotes: poolcheck rewrite 'host=... password=...'");
    } else
      error_line(e.what());
    std::cerr << "Run with --help for more information.\n";
    return 2;
  }

  if (*check) {
    take_lists(*check, flags.settings, select, ignore);
    return run_check(flags);
  }
  if (*rewrite) {
    take_lists(*rewrite, rw.settings, rw_select, rw_ignore);
    return run_rewrite(rw);
  }
  if (*hook) {
    take_lists(*hook, hook_flags.settings, hook_select, hook_ignore);
    return run_hook(hook_action, hook_force, hook_flags);
  }
  if (*config) {
    take_lists(*config, config_flags, cfg_select, cfg_ignore);
    return run_config_show(config_flags, show_path);
  }
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
  if (!docs_dir.empty()) {
    if (auto written = write_rule_pages(docs_dir, *loaded); !written) {
      error_line(describe(written.error()));
      return 2;
    }
    return 0;
  }
  write_rule_list(std::cout, *loaded, rules_json || rules_format == "json");
  return 0;
}

} // namespace poolcheck::cli
