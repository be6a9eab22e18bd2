// The pre-commit hook `poolcheck hook install` writes, and the test of whether a hook is that one.
#pragma once

#include <string>
#include <string_view>

namespace poolcheck::cli {

/// The hook script that runs the poolcheck binary at `self` when it is still there, else the
/// `poolcheck` on PATH. An empty `self` (the binary's path unknown) leaves only the PATH form.
std::string hook_script(std::string const& self);

/// Whether `text` is, byte for byte, what hook_script writes for the binary path it names (or for
/// none). Ownership goes by the whole text, not by a marker line: a user's own hook that also
/// runs poolcheck, or ours edited by hand, is not ours, so install does not overwrite it unasked
/// and uninstall does not delete it. The path is taken from the text because it changes when
/// poolcheck is moved or upgraded, and the hook an earlier install wrote is still ours.
bool is_poolcheck_hook(std::string_view text);

} // namespace poolcheck::cli
