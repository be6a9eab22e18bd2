// Commands: check (default), explain, rules. The only place that reads files and writes output.
#include "cli/run.hpp"

#include "cli/discover.hpp"
#include "cli/explain.hpp"
#include "cli/project.hpp"
#include "engine/analysis.hpp"
#include "engine/rule_loader.hpp"
#include "report/report.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace poolcheck::cli {
namespace {

namespace fs = std::filesystem;

struct check_flags {
  std::vector<std::string> paths;
  std::string format = "human";
  std::string client;
  std::string target = "serverless";
  std::vector<std::string> rule_dirs;
  std::vector<std::string> select, ignore;
  bool show_secrets = false;
  std::string color = "auto";
};

void error_line(std::string const& message) {
  std::cerr << "poolcheck: " << redactor()(message) << '\n';
}

result<std::string> read_input(std::string const& path) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::error_code ec;
  if (fs::is_directory(path, ec))
    return problem{path + ": is a folder, not a file", {}};
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return problem{path + ": cannot be read (" + std::strerror(errno) + ")", {}};
  buffer << in.rdbuf();
  if (in.bad())
    return problem{path + ": read error", {}};
  return buffer.str();
}

result<engine::rule_set> load_all_rules(std::vector<std::string> const& dirs) {
  auto builtin = engine::builtin_rules();
  if (!builtin)
    return builtin.error();
  engine::rule_set set = *builtin;
  for (auto const& dir : dirs) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".toml")
        files.push_back(it->path());
    if (ec)
      return problem{dir + ": " + ec.message(), {}};
    std::sort(files.begin(), files.end());
    for (auto const& f : files) {
      auto text = read_input(f.string());
      if (!text)
        return text.error();
      if (auto loaded = engine::load_rules(f.string(), *text, set); !loaded)
        return loaded.error();
    }
  }
  if (auto done = engine::finish(set); !done)
    return done.error();
  return set;
}

bool use_color(std::string const& mode) {
  if (mode == "always")
    return true;
  if (mode == "never")
    return false;
  char const* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color)
    return false;
  return isatty(STDOUT_FILENO) != 0;
}

int run_check(check_flags const& flags) {
  auto rules = load_all_rules(flags.rule_dirs);
  if (!rules) {
    error_line(describe(rules.error()));
    return 2;
  }
  engine::check_options options;
  if (!flags.client.empty())
    options.client = {*engine::parse_client(flags.client), "--client"};
  options.target = *engine::parse_target(flags.target);
  options.select = flags.select;
  options.ignore = flags.ignore;

  auto found = discover(flags.paths.empty() ? std::vector<std::string>{"."} : flags.paths);
  bool io_error = !found.errors.empty();
  for (auto const& e : found.errors)
    error_line(e);

  project_detector projects;
  std::vector<report::checked_file> checked;
  checked.reserve(found.files.size());
  for (auto const& path : found.files) {
    auto text = read_input(path);
    if (!text) {
      error_line(describe(text.error()));
      io_error = true;
      continue;
    }
    engine::check_options file_options = options;
    if (file_options.client.value == engine::client::unknown && path != "-")
      file_options.client = projects.client_for(
          fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path());
    auto result = engine::analyze(*text, *rules, file_options);
    checked.push_back({source_file(path == "-" ? "<stdin>" : path, std::move(*text)),
                       std::move(result.diagnostics), std::move(result.secrets)});
  }

  report::options out_options{use_color(flags.color), flags.show_secrets};
  if (flags.format == "json")
    report::write_json(std::cout, checked, out_options);
  else
    report::write_human(std::cout, checked, out_options);
  std::cout.flush();

  if (io_error)
    return 2;
  auto t = report::count(checked);
  return (t.errors + t.warnings) > 0 ? 1 : 0;
}

} // namespace

int run(int argc, char** argv) {
  CLI::App app{"poolcheck: find PostgreSQL connection-string mistakes in .env files before "
               "deploy (direct hosts where a pooler is needed, missing pgbouncer=true, tiny "
               "connection_limit) and say how to fix them.\n\nExit status: 0 clean, 1 findings "
               "(warning or above), 2 usage or I/O error.",
               "poolcheck"};
  app.set_version_flag("-V,--version", std::string("poolcheck ") + POOLCHECK_VERSION);
  app.require_subcommand(1);

  check_flags flags;
  auto* check = app.add_subcommand("check", "Check .env files (the default command)");
  check->add_option("paths", flags.paths, "Files or folders to check; - reads stdin (default: .)");
  check->add_option("--format", flags.format, "Output format")
      ->check(CLI::IsMember({"human", "json"}));
  check
      ->add_option("--client", flags.client,
                   "The program that reads the URLs (default: detected from package.json and "
                   "prisma/schema.prisma, else from variable names, else unknown)")
      ->check(CLI::IsMember(
          {"prisma", "prisma-adapter", "libpq", "node-postgres", "postgres-js", "asyncpg"}));
  check->add_option("--target", flags.target, "Where the app runs")
      ->check(CLI::IsMember({"serverless", "server"}));
  // Repeatable options take one value per flag, so they never swallow the paths after them.
  check->add_option("--rules", flags.rule_dirs, "Also load rules/*.toml from this folder")
      ->allow_extra_args(false);
  check->add_option("--select", flags.select, "Only these codes or code prefixes")
      ->delimiter(',')
      ->allow_extra_args(false);
  check->add_option("--ignore", flags.ignore, "Skip these codes or code prefixes")
      ->delimiter(',')
      ->allow_extra_args(false);
  check->add_flag("--show-secrets", flags.show_secrets, "Print passwords instead of ****");
  check->add_option("--color", flags.color, "Colour: auto (a terminal, unless NO_COLOR is set)")
      ->check(CLI::IsMember({"auto", "always", "never"}));

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
  bool known = !args.empty() && (args[0] == "check" || args[0] == "explain" || args[0] == "rules" ||
                                 args[0] == "-h" || args[0] == "--help" || args[0] == "-V" ||
                                 args[0] == "--version");
  if (!known)
    args.insert(args.begin(), "check");
  std::reverse(args.begin(), args.end());
  try {
    app.parse(args);
  } catch (CLI::ParseError const& e) {
    int code_ = app.exit(e, std::cout, std::cerr);
    return code_ == 0 ? 0 : 2;
  }

  if (*check)
    return run_check(flags);
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
