// Crash-safe replacement of a file's content: the file holds either the old or the new bytes,
// never a mix, and is never replaced if someone changed it after it was read.
#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>

namespace poolcheck::fixes {

struct write_options {
  bool backup = false; // also write PATH.bak with the original bytes (and the original's mode)
};

/// Replaces the file at `path` with `content` atomically: writes a temporary file
/// `.<name>.poolcheck-XXXXXX` in the same folder (so the rename is atomic), flushes and fsyncs it,
/// gives it the original file's permission bits (and owner when running as root, best effort),
/// renames it over the target, then fsyncs the folder. A symlink is followed: the link's final
/// target is rewritten and the link stays a link. Right before renaming, the file is read again
/// and must still hold `expected_original` (size and bytes), else the write is refused with a
/// "changed since it was read" problem. A file without write permission is refused too, even
/// though its folder would allow the rename.
///
/// On any failure the original is untouched, the temporary file is removed, and the problem is a
/// one-line message naming `path`, e.g. "cannot write .env: Permission denied". Temporary files
/// for the same target left by an earlier crash are removed first.
///
/// Fault injection for tests: when the environment variable POOLCHECK_FAULT is
/// `after-temp-write`, `before-fsync` or `before-rename`, the process calls std::_Exit(70) at that
/// step, like a crash would (the temporary file is left behind, the original is intact).
result<void> write_atomically(std::string const& path, std::string_view expected_original,
                              std::string_view content, write_options const& o = {});

} // namespace poolcheck::fixes
