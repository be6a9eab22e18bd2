// poolcheck.toml: project settings, each with where it came from (default, a config file line,
// or a command-line flag), so `poolcheck config --show` can say why a value is what it is.
#pragma once

#include "core/diagnostic.hpp"
#include "core/result.hpp"
#include "engine/context.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::config {

template <class T> struct setting {
  T value{};
  std::string origin = "default";
};

struct variable_settings {
  std::optional<engine::role> role;
  std::optional<engine::client> client;
  std::string origin;
};

struct parameter_settings {
  std::optional<long long> recommended;
  std::optional<long long> minimum;
  std::string origin;
};

struct settings {
  std::string file; // the config file read, empty when none
  setting<std::vector<std::string>> select;
  setting<std::vector<std::string>> ignore;
  std::map<std::string, setting<severity>, std::less<>> severities;
  setting<std::optional<engine::target>> target;
  setting<std::optional<engine::client>> client;
  setting<std::string> prisma_version;
  std::map<std::string, variable_settings, std::less<>> variables;
  std::map<std::string, parameter_settings, std::less<>> parameters;
  setting<std::vector<std::string>> rule_dirs; // absolute, or relative to the config's folder
  setting<std::vector<std::string>> include;   // globs relative to the config's folder
  setting<std::vector<std::string>> exclude;
};

/// The config names looked for, in order, in each folder.
inline constexpr std::string_view file_names[] = {"poolcheck.toml", ".poolcheck.toml"};

/// Parses a config file. Unknown keys and bad values are problems naming file:line:col.
result<settings> parse(std::string const& path, std::string_view text);

/// The effective settings as text, one `key = value  # origin` line each.
std::string describe(settings const& s);

} // namespace poolcheck::config
