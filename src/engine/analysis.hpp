// The check pipeline for one document, top to bottom: entries -> one context per connection
// string -> rules -> suppressions -> severities -> sorted findings. Pure: takes a document (or .env
// bytes) and options, returns findings. Only the CLI reads and writes files.
#pragma once

#include "core/diagnostic.hpp"
#include "core/document.hpp"
#include "engine/context.hpp"
#include "engine/rule.hpp"

#include <map>
#include <optional>
#include <string_view>
#include <vector>

namespace poolcheck::engine {

struct check_options {
  client_choice client;            // unknown: decide per variable from its name
  target_choice target;            // none: rules for serverless assume it, and say so
  std::vector<std::string> select; // codes or prefixes; empty = all
  std::vector<std::string> ignore;
  std::map<std::string, severity, std::less<>> severities; // per-code overrides (config)

  /// Per-variable role and client: config `[variables.NAME]`, then what the project says (see
  /// cli::config_resolver::apply_project), over what names say.
  struct variable_override {
    std::optional<engine::role> role;
    std::optional<engine::client> client;
    // What said each: "poolcheck.toml:4", "prisma/schema.prisma:7 directUrl".
    std::string role_origin, client_origin;
  };

  std::map<std::string, variable_override, std::less<>> variables;

  /// The role of every variable of the file, when its name says (`.env.migrate`); config
  /// `[variables.NAME]` still wins, names come after.
  std::optional<role_choice> file_role;

  /// What migrations tools connect with, when the project says (cli/project.hpp).
  std::vector<migrations_source> migrations;

  /// The document is a template to copy (`.env.example`, engine/placeholders.hpp): generic words
  /// (`user`, `host`, `port`) count as placeholders too. The file name is the only sign of that,
  /// and only the CLI knows it: one flag here is less plumbing than a name on every document.
  bool template_file = false;

  /// The file is one git ignores (found among what `git ls-files --ignored` lists): what it holds
  /// is not committed. Only the CLI knows it.
  bool gitignored = false;
};

/// What checking one document found: the one result every reporter and the fixer take.
struct file_report {
  std::vector<diagnostic> diagnostics; // sorted by position, then code
  std::vector<byte_span> secrets; // password bytes in the text, in order: every output masks them
  /// What output shows of the text as `****`, in order, apart: the hidden lines, and every value
  /// that is not a checked connection string (one that looks like a URL from its userinfo to its
  /// last `@`, so that its host still shows). A connection string shows, its passwords masked.
  std::vector<byte_span> masked;

  /// Every span of the text output shows as `****`: `masked` and `secrets`, joined, in order.
  [[nodiscard]] std::vector<byte_span> all_masked() const {
    std::vector<byte_span> all = masked;
    all.insert(all.end(), secrets.begin(), secrets.end());
    return joined(std::move(all));
  }
};

/// Checks a document that any input format produced.
file_report analyze(poolcheck::document const& doc, rule_set const& rules,
                    check_options const& options);

/// Checks .env bytes.
file_report analyze(std::string_view text, rule_set const& rules, check_options const& options);

/// Checks one connection string as if it were the value of variable `name`, outside any file:
/// spans and edits are relative to `value` (what `poolcheck rewrite` works on).
file_report analyze_value(std::string_view name, std::string_view value, rule_set const& rules,
                          check_options const& options);

/// The role of variable `name`: config `[variables.NAME] role` first, then the file's (a file
/// named for migrations), else what the name implies (`DIRECT_URL`, `*_UNPOOLED`, ... are direct).
role_choice role_of(std::string_view name, rule_set const& rules, check_options const& options);

} // namespace poolcheck::engine
