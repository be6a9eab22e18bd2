// `check`: discover files, check each (fixing when asked), report, map the outcome to an exit code.
#include "cli/check_command.hpp"

#include "cli/discover.hpp"
#include "cli/environment_check.hpp"
#include "cli/inputs.hpp"
#include "cli/process.hpp"
#include "cli/project.hpp"
#include "core/fault_injection.hpp"
#include "core/parallel_for.hpp"
#include "engine/analysis.hpp"
#include "engine/placeholders.hpp"
#include "fix/artifact_names.hpp"
#include "fix/atomic_write.hpp"
#include "fix/fix_loop.hpp"
#include "fix/unified_diff.hpp"
#include "formats/read.hpp"
#include "report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <new>
#include <optional>
#include <system_error>
#include <unistd.h>

namespace poolcheck::cli {
namespace {

namespace fs = std::filesystem;

struct outcome {
  std::vector<report::checked_file> checked;
  std::string diffs;       // --diff
  std::string fixed_stdin; // --fix on `-`
  bool fixed_stdin_set = false;
  std::size_t fixed = 0;
  std::size_t files_changed = 0;
  bool io_error = false;
};

/// One file to check, with its config and client decided (on the main thread: deciding looks at
/// folders, and caches what it saw).
struct job {
  std::string path;  // what to read ("-" for stdin)
  std::string named; // what to call it
  std::optional<std::string> text;
  bool gitignored = false;
  formats::file_kind kind = formats::file_kind::dotenv;
  effective_config const* config = nullptr;
  engine::check_options options; // the config's, with this file's client
};

/// What checking one file produced; merged into the outcome in file order.
struct file_outcome {
  std::optional<report::checked_file> checked;
  std::string diff;
  std::optional<std::string> fixed_stdin;
  std::size_t fixed = 0;
  bool changed = false;
  std::vector<std::string> errors;
  std::vector<std::string> warnings; // said on stderr; the exit status does not change
  char const* failure = nullptr;     // why checking threw; said with the path by check_pool::finish
};

/// A warning when git would not ignore the backup of `path`: it holds the values before the fix,
/// passwords included, and a .gitignore with the exact line `.env` does not hide
/// `.env.poolcheck-backup`. Outside a repository, nothing.
std::optional<std::string> backup_not_ignored(std::string const& path) {
  fs::path const p(path);
  fs::path const backup = p.parent_path() / fixes::backup_name(p.filename().string());
  auto r = run_git({"-C", p.parent_path().empty() ? "." : p.parent_path().string(), "check-ignore",
                    "-q", "--", backup.filename().string()});
  if (!r || r->status != 1) // 0: ignored; 128: not a repository
    return std::nullopt;
  return "warning: " + backup.string() +
         " holds the values before the fix, passwords included, and git does " +
         "not ignore it: add `*.poolcheck-*` to .gitignore, or delete it once the fix is checked";
}

/// A redactor that knows every password of both versions of a file (for diffs).
redactor diff_redactor(std::string_view before, engine::file_report const& a,
                       std::string_view after, engine::file_report const& b, bool show) {
  redactor r(!show);
  r.add_secrets(before, a.secrets);
  r.add_secrets(after, b.secrets);
  return r;
}

/// Whether `path` passes the config's include/exclude globs (relative to the config's folder).
bool included(effective_config const& c, std::string const& path) {
  auto const& s = c.settings;
  if (s.include.value.empty() && s.exclude.value.empty())
    return true;
  std::error_code ec;
  fs::path base = c.root.empty() ? fs::current_path(ec) : fs::absolute(c.root, ec);
  std::string rel =
      fs::absolute(path, ec).lexically_normal().lexically_relative(base).generic_string();
  auto any = [&](std::vector<std::string> const& globs) {
    return std::any_of(globs.begin(), globs.end(),
                       [&](std::string const& g) { return path_glob_match(g, rel); });
  };
  if (!s.include.value.empty() && !any(s.include.value))
    return false;
  return !any(s.exclude.value);
}

/// The path output names a job's file by.
std::string shown_path_of(job const& j) {
  return j.path == "-" && j.named == "-" ? "<stdin>" : j.named;
}

file_outcome check_one(job& j, check_flags const& flags) {
  // For tests: checking fails as it would for want of memory.
  if (fault_injected("check-out-of-memory"))
    throw std::bad_alloc();
  file_outcome out;
  std::string shown_path = shown_path_of(j);
  std::optional<problem> unreadable; // the text is not what its format says
  auto check = [&](std::string_view t) {
    auto doc = formats::read_document(j.kind, t);
    if (!doc) {
      unreadable = doc.error();
      return engine::file_report{};
    }
    return engine::analyze(*doc, j.config->rules, j.options);
  };
  auto text = j.text ? result<std::string>(std::move(*j.text)) : read_input(j.path);
  if (!text) {
    out.errors.push_back(describe(text.error()));
    return out;
  }
  if (auto doc = formats::read_document(j.kind, *text); !doc) {
    problem p = doc.error();
    if (p.at)
      p.at->path = shown_path;
    std::string const said = p.at ? describe(p) : shown_path + ": " + p.message;
    // A Kubernetes file is told by its folder's name or a common one (`values.yaml`): it may be
    // a template of another tool (a chart's own layout, a generator's input). Said, but no
    // failure; the other kinds are told by names their tools own.
    if (j.kind == formats::file_kind::kubernetes)
      out.warnings.push_back("warning: " + said + " (a template?)");
    else
      out.errors.push_back(said);
    return out;
  }
  if (!flags.fix && !flags.diff) {
    auto report = check(*text);
    out.checked =
        report::checked_file{std::move(report), source_file(shown_path, std::move(*text))};
    return out;
  }

  fixes::loop_options lo;
  lo.unsafe = flags.unsafe_fixes;
  auto loop = fixes::fix_until_stable(*text, check, lo);
  if (unreadable) {
    out.errors.push_back(shown_path + ": a fix would leave it unreadable (a poolcheck bug); "
                                      "nothing written");
    return out;
  }
  if (!loop.converged) {
    out.errors.push_back(fmt::format(
        "{}: fixes still changed the file after {} passes (a poolcheck bug); nothing written",
        shown_path, loop.passes));
    return out;
  }
  bool const changed = loop.text != *text;
  if (flags.diff) {
    out.fixed = loop.applied.size();
    out.changed = changed;
    if (changed) {
      auto before = check(*text);
      redactor mask =
          diff_redactor(*text, before, loop.text, loop.final_report, flags.show_secrets);
      // Every value but a connection string's non-secret bytes is masked, context lines too.
      std::vector<byte_span> masked_before, masked_after;
      if (!flags.show_secrets) {
        masked_before = before.all_masked();
        masked_after = loop.final_report.all_masked();
      }
      out.diff =
          mask(fixes::unified_diff(*text, loop.text, shown_path, {masked_before, masked_after}));
    }
    return out;
  }
  if (j.path == "-") {
    out.fixed_stdin = loop.text;
  } else if (changed) {
    if (auto written = fixes::write_atomically(j.path, *text, loop.text, {flags.backup});
        !written) {
      out.errors.push_back(describe(written.error()));
      return out; // nothing was fixed
    }
    if (flags.backup)
      if (auto unhidden = backup_not_ignored(j.path))
        out.warnings.push_back(*unhidden);
  }
  out.fixed = loop.applied.size();
  out.changed = changed;
  out.checked = report::checked_file{std::move(loop.final_report),
                                     source_file(shown_path, std::move(loop.text))};
  return out;
}

/// check_one, or why it threw: an exception leaving a worker thread would end the process without a
/// word. Nothing here allocates (the reason may be a want of memory), and no exception text (which
/// may quote input) reaches the output.
file_outcome check_or_say_why(job& j, check_flags const& flags) noexcept {
  file_outcome out;
  try {
    out = check_one(j, flags);
  } catch (std::bad_alloc const&) {
    out.failure = "not enough memory to check it";
  } catch (...) {
    out.failure = "could not be checked (a poolcheck bug)";
  }
  return out;
}

} // namespace

/// The names `--env=A,B` lists (none for `--env`: every database variable).
std::vector<std::string> env_names(std::string const& list) {
  std::vector<std::string> out;
  if (list == "*")
    return out;
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t end = std::min(list.find(',', start), list.size());
    if (end > start)
      out.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

int run_check(check_flags const& flags) {
  // `--env` alone checks the environment only; with paths, both.
  if (!flags.env.empty() && flags.paths.empty())
    return run_check_files(flags, {});
  return run_check_files(
      flags, discover(flags.paths.empty() ? std::vector<std::string>{"."} : flags.paths));
}

int run_check_files(check_flags const& flags, discovery found) {
  if (!flags.env.empty() && (flags.fix || flags.diff)) {
    error_line("--env checks the environment: there is no file to fix; each finding shows the "
               "corrected value, and `poolcheck rewrite --var NAME \"$NAME\"` prints it");
    return 2;
  }
  config_resolver configs(flags.settings);
  outcome out;
  out.io_error = !found.errors.empty();
  for (auto const& e : found.errors)
    error_line(e);

  engine::rule_set const* any_rules = nullptr;
  // Every job is prepared before any file is checked: a broken config found late leaves every file
  // as it was.
  std::vector<job> jobs;
  for (auto& file : found.files) {
    bool is_stdin = file.path == "-";
    std::string named =
        is_stdin && !flags.stdin_filename.empty() ? flags.stdin_filename : file.path;
    fs::path folder =
        is_stdin && flags.stdin_filename.empty() ? fs::path(".") : fs::path(named).parent_path();
    auto config = configs.for_folder(folder);
    if (!config) {
      error_line(describe(config.error()));
      return 2; // a broken config or rule file: nothing can be checked as the user meant
    }
    effective_config const& c = **config;
    any_rules = &c.rules;
    if (!file.explicit_ && !included(c, named))
      continue;
    // Stdin without a name is a .env file; a named file is what its name says.
    auto const kind = is_stdin && flags.stdin_filename.empty() ? formats::file_kind::dotenv
                                                               : formats::named_kind(named);
    job j{file.path, named, std::move(file.text), file.gitignored, kind, &c, c.options};
    std::string const name = fs::path(named).filename().string();
    // A file named for migrations (`.env.migrate`, `.env.migration.local`) holds direct URLs.
    if (name.starts_with(".env.migrat"))
      j.options.file_role = {engine::role::direct, "the file name " + name};
    bool const target_said = j.options.target.value.has_value(); // --target or config
    configs.apply_project(c, folder, j.options);
    // A deployment file says where what it configures runs, over what the project says.
    if (auto const t = formats::target_of(kind); t && !target_said)
      j.options.target = {*t, name + " (" + std::string(formats::describe(kind)) + ")"};
    j.options.template_file = engine::is_template_file_name(named);
    j.options.gitignored = file.gitignored;
    if (is_stdin && !j.text) {
      auto text = read_input("-"); // stdin is read here, once, not from a worker
      if (!text) {
        error_line(describe(text.error()));
        out.io_error = true;
        continue;
      }
      j.text = std::move(*text);
    }
    jobs.push_back(std::move(j));
  }
  for (auto const& w : configs.take_warnings())
    error_line(w);
  std::vector<file_outcome> results(jobs.size());
  parallel_for(jobs.size(), [&](std::size_t i) { results[i] = check_or_say_why(jobs[i], flags); });
  for (std::size_t i = 0; i < jobs.size(); ++i)
    if (results[i].failure)
      results[i].errors.push_back(shown_path_of(jobs[i]) + ": " + results[i].failure);
  out.checked.reserve(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    auto& r = results[i];
    for (auto const& e : r.errors)
      error_line(e);
    for (auto const& w : r.warnings)
      error_line(w);
    out.io_error = out.io_error || !r.errors.empty();
    out.fixed += r.fixed;
    out.files_changed += r.changed ? 1 : 0;
    out.diffs += r.diff;
    if (r.fixed_stdin) {
      out.fixed_stdin = std::move(*r.fixed_stdin);
      out.fixed_stdin_set = true;
    }
    if (r.checked) {
      r.checked->gitignored = jobs[i].gitignored;
      out.checked.push_back(std::move(*r.checked));
    }
  }
  std::size_t env_checked = 0;
  if (!flags.env.empty()) {
    // The environment is judged with the config and project of the working folder.
    auto config = configs.for_folder(".");
    if (!config) {
      error_line(describe(config.error()));
      return 2;
    }
    any_rules = &(*config)->rules;
    engine::check_options options = (*config)->options;
    configs.apply_project(**config, ".", options, true);
    auto vars = environment_variables(environ, env_names(flags.env), (*config)->rules);
    if (!vars) {
      error_line(describe(vars.error()));
      return 2;
    }
    for (auto& f : check_environment(*vars, (*config)->rules, options, flags.show_secrets))
      out.checked.push_back(std::move(f));
    env_checked = vars->size();
  }
  // A CI check that checked nothing must not pass (as ESLint does for a pattern that matches no
  // file), unless that is what was asked for.
  bool const no_files = found.files.empty() && found.errors.empty();
  bool const nothing_checked = no_files && env_checked == 0;
  std::string const allow = flags.allow_empty ? "" : "; pass --allow-empty if that is expected";
  if (!flags.env.empty() && env_checked == 0)
    error_line("no connection string in the environment (looked for values that are one, and "
               "names such as DATABASE_URL and DIRECT_URL)" +
               allow);
  else if (no_files && (flags.env.empty() || !flags.paths.empty()))
    error_line("no .env or deployment files found (looked for .env, .env.*, *.env, .dev.vars, "
               "env.example, Compose, Kubernetes, workflow, render.yaml, app.yaml, "
               "serverless.yml, fly.toml, netlify.toml, wrangler.toml, wrangler.json(c), "
               "vercel.json and Dockerfile files, gitignored ones too)" +
               allow);
  if (!any_rules) {
    // Nothing to check: still validate the built-in rules (and --rules) so errors surface.
    auto config = configs.for_folder(".");
    if (!config) {
      error_line(describe(config.error()));
      return 2;
    }
    any_rules = &(*config)->rules;
  }

  if (flags.diff) {
    std::cout << out.diffs;
    std::cerr << fmt::format("poolcheck: {} fix{} would change {} file{}\n", out.fixed,
                             out.fixed == 1 ? "" : "es", out.files_changed,
                             out.files_changed == 1 ? "" : "s");
    return out.io_error ? 2 : (out.files_changed > 0 && !flags.exit_zero ? 1 : 0);
  }

  // With --fix on stdin the fixed text owns stdout, even when it could not be read: the report
  // goes to stderr.
  bool const stdout_is_file =
      flags.fix && std::any_of(found.files.begin(), found.files.end(),
                               [](found_file const& f) { return f.path == "-"; });
  std::ostream& report_out = stdout_is_file ? std::cerr : std::cout;
  if (out.fixed_stdin_set)
    std::cout << out.fixed_stdin;
  report::options ro{use_color(flags.color, stdout_is_file ? STDERR_FILENO : STDOUT_FILENO),
                     flags.show_secrets};
  if (flags.format == "json")
    report::write_json(report_out, out.checked, ro);
  else if (flags.format == "sarif")
    report::write_sarif(report_out, out.checked, *any_rules, ro);
  else if (flags.format == "github")
    report::write_github(report_out, out.checked, ro);
  else if (flags.statistics)
    report::write_statistics(report_out, out.checked);
  // After errors that left nothing checked, "No problems found in 0 files" would read as a pass.
  else if (!out.checked.empty() || (!out.io_error && (!nothing_checked || flags.allow_empty)))
    flags.quiet ? report::write_summary(report_out, out.checked)
                : report::write_human(report_out, out.checked, ro);
  if (flags.fix && flags.format == "human")
    report_out << fmt::format("Fixed {} problem{}.\n", out.fixed, out.fixed == 1 ? "" : "s");
  std::cout.flush();

  if (out.io_error || (nothing_checked && !flags.allow_empty))
    return 2;
  if (flags.exit_zero)
    return 0;
  severity threshold = flags.fail_on == "error"  ? severity::error
                       : flags.fail_on == "info" ? severity::info
                                                 : severity::warning;
  for (auto const& f : out.checked)
    for (auto const& d : f.diagnostics)
      if (d.severity >= threshold)
        return 1;
  return 0;
}

} // namespace poolcheck::cli
