// `poolcheck hook install|uninstall|run`: a plain git pre-commit hook (for the pre-commit
// framework, see .pre-commit-hooks.yaml). The hook checks what is about to be committed: the
// staged version of each staged env file, read from git's index, not the working tree (except for
// files with a `filter` attribute, whose index form is the filter's output; see run_staged).
#pragma once

#include "cli/check_command.hpp"

#include <string>

namespace poolcheck::cli {

/// install: write .git/hooks/pre-commit (refusing to replace a hook that is not ours unless
/// `force`, and then keeping it as pre-commit.poolcheck-backup); uninstall: remove it only if it is
/// ours (see is_poolcheck_hook); run: check the staged env files.
int run_hook(std::string const& action, bool force, check_flags const& flags);

} // namespace poolcheck::cli
