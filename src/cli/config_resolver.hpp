// Which settings apply to a checked file: the nearest poolcheck.toml (or .poolcheck.toml) from the
// file's folder up to the repository root or the home folder (a poolcheck.toml anyone may write,
// or that another user left in a shared folder, is said and not used), or --config FILE, or none
// with --no-config; then the command-line flags on top. Each distinct config is read, and its rules
// loaded, once.
#pragma once

#include "cli/project.hpp"
#include "config/settings.hpp"
#include "engine/analysis.hpp"
#include "engine/rule.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace poolcheck::cli {

/// What the command line says about settings (flags win over the config file).
struct setting_flags {
  std::string config_file; // --config
  bool no_config = false;  // --no-config
  std::optional<std::vector<std::string>> select, ignore;
  std::string client;
  std::string target;
  std::vector<std::string> rule_dirs;
};

struct effective_config {
  config::settings settings;     // after flags, with origins
  engine::rule_set rules;        // built-in + config and flag rule folders, parameters applied
  engine::check_options options; // before per-folder client detection
  std::filesystem::path root;    // the config file's folder (include/exclude are relative)
};

class config_resolver {
public:
  explicit config_resolver(setting_flags flags) : flags_(std::move(flags)) {}

  /// The settings for files in `folder`.
  result<effective_config const*> for_folder(std::filesystem::path const& folder);

  /// Warnings about project files (see project_detector::take_warnings) and configs not used.
  std::vector<std::string> take_warnings() {
    auto out = projects_.take_warnings();
    out.insert(out.end(), skipped_configs_.begin(), skipped_configs_.end());
    skipped_configs_.clear();
    return out;
  }

  /// The client for a file in `folder` (flag, config, else the project's), and the project's
  /// variables (their role and client) under config `[variables]`, which win field by field.
  /// `ci_environment`: the values checked are CI's environment (`check --env`), which the
  /// project's CI steps say what they are for.
  void apply_project(effective_config const& c, std::filesystem::path const& folder,
                     engine::check_options& into, bool ci_environment = false);

private:
  result<std::unique_ptr<effective_config>> build(std::string const& config_path);

  setting_flags flags_;
  std::map<std::string, std::unique_ptr<effective_config>> by_config_; // "" = no config file
  std::unordered_map<std::string, std::string> config_of_folder_;      // absolute folder -> config
  std::filesystem::path cwd_;  // asked once: relative folders are resolved against it
  std::filesystem::path home_; // the search stops there, as at a repository root
  std::vector<std::string> skipped_configs_;
  project_detector projects_;
};

/// `*`, `?` and `**` glob matching on `/`-separated relative paths (include/exclude).
bool path_glob_match(std::string_view pattern, std::string_view path);

} // namespace poolcheck::cli
