// A hook is poolcheck's when it is exactly the script install writes, for whatever binary path it
// names; any other text, even one carrying the same header, is the user's.
#include "cli/hook_script.hpp"

#include <catch2/catch.hpp>

using poolcheck::cli::hook_script;
using poolcheck::cli::is_poolcheck_hook;

TEST_CASE("the installed script is recognised for any binary path it names", "[hook]") {
  CHECK(is_poolcheck_hook(hook_script("/usr/local/bin/poolcheck")));
  CHECK(is_poolcheck_hook(hook_script("/opt/it's here/poolcheck")));
  CHECK(is_poolcheck_hook(hook_script("/a'b'/'c")));
  CHECK(is_poolcheck_hook(hook_script("")));
}

TEST_CASE("any change to the installed script makes it the user's", "[hook]") {
  std::string const ours = hook_script("/usr/local/bin/poolcheck");
  CHECK_FALSE(is_poolcheck_hook(ours + "npm test\n"));
  CHECK_FALSE(is_poolcheck_hook("#!/bin/bash\n" + ours.substr(ours.find('\n') + 1)));
  CHECK_FALSE(is_poolcheck_hook(ours.substr(0, ours.size() - 1)));
  // The two copies of the path must agree: a guard for one binary that runs another is not ours.
  std::string mixed = ours;
  mixed.replace(mixed.rfind("/usr/local/bin/poolcheck"), 24, "/opt/evil/poolcheck");
  CHECK_FALSE(is_poolcheck_hook(mixed));
  CHECK_FALSE(is_poolcheck_hook(""));
  CHECK_FALSE(
      is_poolcheck_hook("#!/bin/sh\n# poolcheck pre-commit hook\nexec poolcheck hook run\n"));
}
