// `poolcheck rewrite URL|-`: print the corrected URL for a variable, client and target.
#pragma once

#include "cli/config_resolver.hpp"

#include <string>
#include <vector>

namespace poolcheck::cli {

struct rewrite_flags {
  std::string url; // "-" reads one URL from stdin (keeps it out of shell history)
  std::string variable = "DATABASE_URL";
  setting_flags settings;
  bool show_secrets = false;
};

/// Exit status: 0 stdout holds a URL that needs no further change; 1 a change is needed that
/// cannot be derived (stdout empty, stderr shows what to do); 2 bad input.
int run_rewrite(rewrite_flags const& flags);

} // namespace poolcheck::cli
