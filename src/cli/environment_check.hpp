// `check --env`: the connection strings of the process environment, where a CI job or a platform
// holds the deployed ones. Each variable is reported as `env:NAME`, its value as the text, and
// since there is no file to fix, a fix becomes advice that shows the corrected value (masked).
#pragma once

#include "core/result.hpp"
#include "engine/analysis.hpp"
#include "report/report.hpp"

#include <string>
#include <utility>
#include <vector>

namespace poolcheck::cli {

using variables = std::vector<std::pair<std::string, std::string>>;

/// The variables `--env` checks, from `environment` (`NAME=value` strings, as `environ` holds
/// them): the ones `names` lists (an unset one is an error), or with no names every one whose
/// value is a connection string or whose name is a database variable's, in name order.
result<variables> environment_variables(char const* const* environment,
                                        std::vector<std::string> const& names,
                                        engine::rule_set const& rules);

/// Checks `vars` as one document (so that each is judged beside the others), then splits the
/// findings into one checked file per variable.
std::vector<report::checked_file> check_environment(variables const& vars,
                                                    engine::rule_set const& rules,
                                                    engine::check_options const& options,
                                                    bool show_secrets);

} // namespace poolcheck::cli
