// Config discovery and the merge of config file, flags and defaults.
#include "cli/config_resolver.hpp"

#include "cli/inputs.hpp"
#include "core/closest.hpp"
#include "engine/rule_loader.hpp"

#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace poolcheck::cli {

namespace fs = std::filesystem;

namespace {

/// A code or code prefix (`--select`, `ignore`) or a code (`[severity]`) must name a rule: a
/// misspelt one would select nothing, or ignore nothing, and the run would pass silently.
result<void> known_code(std::string const& code, std::string const& origin, std::string_view key,
                        engine::rule_set const& rules) {
  bool const prefix_ok = key != "severity";
  std::vector<std::string> codes;
  for (auto const& r : rules.rules) {
    if (prefix_ok ? r.code.starts_with(code) && !code.empty() : r.code == code)
      return {};
    codes.push_back(r.code);
  }
  std::string where = origin.starts_with("--") ? origin : origin + ": " + std::string(key);
  std::string out =
      where + ": `" + code + "` is no rule code" + (prefix_ok ? " or prefix of one" : "");
  if (auto near = closest(code, codes))
    out += " (did you mean `" + *near + "`?)";
  return problem{out + "; see `poolcheck rules`", std::nullopt};
}

} // namespace

bool path_glob_match(std::string_view pattern, std::string_view path) {
  // row[i]: the pattern so far can match path[0, i). One pass per pattern token over the path:
  // O(pattern * path), never exponential.
  std::vector<char> row(path.size() + 1, 0), next(path.size() + 1, 0);
  row[0] = 1;
  std::size_t p = 0;
  while (p < pattern.size()) {
    std::fill(next.begin(), next.end(), 0);
    std::size_t step = 1;
    if (pattern.substr(p, 3) == "**/") {
      step = 3; // no folder, or any folders: text that ends with `/`
      for (std::size_t i = 0; i <= path.size(); ++i) {
        if (!row[i])
          continue;
        next[i] = 1;
        for (std::size_t j = i; j < path.size(); ++j)
          if (path[j] == '/')
            next[j + 1] = 1;
      }
    } else if (pattern.substr(p, 2) == "**") {
      step = 2; // anything, `/` included
      for (std::size_t i = 0; i <= path.size(); ++i)
        if (row[i])
          std::fill(next.begin() + static_cast<std::ptrdiff_t>(i), next.end(), 1);
    } else if (pattern[p] == '*') {
      for (std::size_t i = 0; i <= path.size(); ++i) {
        if (!row[i])
          continue;
        next[i] = 1;
        for (std::size_t j = i; j < path.size() && path[j] != '/'; ++j)
          next[j + 1] = 1;
      }
    } else {
      for (std::size_t i = 0; i < path.size(); ++i)
        if (row[i] && (pattern[p] == '?' ? path[i] != '/' : pattern[p] == path[i]))
          next[i + 1] = 1;
    }
    row.swap(next);
    p += step;
  }
  return row[path.size()] != 0;
}

result<std::unique_ptr<effective_config>> config_resolver::build(std::string const& config_path) {
  auto c = std::make_unique<effective_config>();
  if (!config_path.empty()) {
    auto text = read_input(config_path);
    if (!text)
      return text.error();
    auto parsed = config::parse(config_path, *text);
    if (!parsed)
      return parsed.error();
    c->settings = std::move(*parsed);
    c->root = fs::path(config_path).parent_path();
  }
  config::settings& s = c->settings;
  if (flags_.select)
    s.select = {*flags_.select, "--select"};
  if (flags_.ignore)
    s.ignore = {*flags_.ignore, "--ignore"};
  if (!flags_.target.empty())
    s.target = {*engine::parse_target(flags_.target), "--target"};
  if (!flags_.client.empty())
    s.client = {engine::parse_client(flags_.client), "--client"};

  std::vector<std::string> dirs;
  for (auto const& d : s.rule_dirs.value)
    dirs.push_back(fs::path(d).is_absolute() ? d : (c->root / d).string());
  dirs.insert(dirs.end(), flags_.rule_dirs.begin(), flags_.rule_dirs.end());
  auto rules = load_all_rules(dirs);
  if (!rules)
    return rules.error();
  c->rules = std::move(*rules);
  for (auto const& [name, p] : s.parameters) {
    auto& target = c->rules.parameters[name];
    target.name = name;
    if (p.recommended)
      target.recommended = p.recommended;
    if (p.minimum)
      target.minimum = p.minimum;
  }
  if (auto settles = engine::check_parameter_values(c->rules); !settles)
    return problem{s.file + ": " + settles.error().message, {}};

  for (auto const& [key, list] : {std::pair{"select", &s.select}, std::pair{"ignore", &s.ignore}})
    for (auto const& code : list->value)
      if (auto known = known_code(code, list->origin, key, c->rules); !known)
        return known.error();
  for (auto const& [code, sev] : s.severities)
    if (auto known = known_code(code, sev.origin, "severity", c->rules); !known)
      return known.error();

  engine::check_options& o = c->options;
  o.select = s.select.value;
  o.ignore = s.ignore.value;
  if (s.target.value)
    o.target = {s.target.value, s.target.origin};
  for (auto const& [code, sev] : s.severities)
    o.severities[code] = sev.value;
  for (auto const& [name, v] : s.variables)
    o.variables[name] = {v.role, v.client, v.origin, v.origin};
  if (s.client.value)
    o.client = {*s.client.value, s.client.origin};
  else if (!s.prisma_version.value.empty())
    o.client = {*engine::client_for_prisma_version(s.prisma_version.value),
                "prisma_version " + s.prisma_version.value + " (" + s.prisma_version.origin + ")"};
  return c;
}

result<effective_config const*> config_resolver::for_folder(fs::path const& folder) {
  std::error_code cwd_ec;
  if (home_.empty())
    if (char const* home = std::getenv("HOME"); home && *home)
      home_ = normal_folder(fs::current_path(cwd_ec), home);
  std::string config_path;
  if (!flags_.config_file.empty()) {
    config_path = flags_.config_file;
  } else if (!flags_.no_config) {
    std::error_code ec;
    if (cwd_.empty())
      cwd_ = fs::current_path(ec);
    fs::path dir = normal_folder(cwd_, folder);
    if (auto known = config_of_folder_.find(dir.native()); known != config_of_folder_.end()) {
      config_path = known->second;
    } else {
      std::vector<fs::path> visited;
      for (fs::path d = dir; !d.empty(); d = d.parent_path()) {
        visited.push_back(d);
        for (auto name : config::file_names)
          if (config_path.empty() && fs::is_regular_file(d / name, ec)) {
            if (trusted_file(d / name))
              config_path = (d / name).string();
            else
              skipped_configs_.push_back((d / name).string() +
                                         ": anyone may write it, or another user left it in a "
                                         "shared folder; not used");
          }
        if (!config_path.empty() || fs::exists(d / ".git", ec) || d == home_ ||
            d == d.parent_path())
          break;
      }
      for (auto const& v : visited)
        config_of_folder_[v.native()] = config_path;
    }
  }
  auto& slot = by_config_[config_path];
  if (!slot) {
    auto built = build(config_path);
    if (!built)
      return built.error();
    slot = std::move(*built);
  }
  return static_cast<effective_config const*>(slot.get());
}

void config_resolver::apply_project(effective_config const& c, fs::path const& folder,
                                    engine::check_options& into, bool ci_environment) {
  project_facts const& project = projects_.facts_for(folder.empty() ? fs::path(".") : folder);
  if (c.options.client.value == engine::client::unknown)
    into.client = project.client;
  if (!into.target.value) // --target and config win
    into.target = project.target;
  into.migrations = project.migrations;
  if (ci_environment)
    into.migrations.insert(into.migrations.end(), project.ci_migrations.begin(),
                           project.ci_migrations.end());
  for (auto const& [name, said] : project.variables) {
    auto& v = into.variables[name];
    if (!v.role && !into.file_role) { // a file named for migrations ranks above the project
      v.role = said.role;
      v.role_origin = said.role_origin;
    }
    if (!v.client && c.options.client.value == engine::client::unknown) {
      v.client = said.client;
      v.client_origin = said.client_origin;
    }
  }
}

} // namespace poolcheck::cli
