// Crash-safe replacement of a file's content: the file holds either the old or the new bytes,
// never a mix, and is never replaced if someone changed it after it was read.
#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>

namespace poolcheck::fixes {

struct write_options {
  bool backup = false; // also keep the original bytes under backup_name (artifact_names.hpp)
};

/// Replaces the file at `path` with `content` atomically: writes a temporary copy (temp_name in
/// artifact_names.hpp) in the same folder, so the rename is atomic, locked while this process
/// lives; flushes and fsyncs it; gives it the original's group, permission bits, access ACL and,
/// as root, owner; renames it over the target, then fsyncs the folder. A symlink is followed: the
/// link's final target is rewritten and the link stays a link.
///
/// What a rename would change beyond the bytes is refused: a file with other hard links, a file
/// or folder with no write bit for anyone (even as root), a file another user owns (a rewrite
/// would make it the writer's), a file the writer may not write.
///
/// Right before renaming, the file is read again and must still hold `expected_original`, and
/// then still be the same inode with the same size and modification time, else the write is
/// refused with a "changed since it was read" problem.
///
/// On any failure the original is untouched, the temporary file is removed, and the problem is a
/// one-line message naming `path`. Temporary copies of the same target that a crashed or killed
/// run left (unlocked, a minute old) are removed first.
///
/// Fault injection for tests: when the environment variable POOLCHECK_FAULT is
/// `after-temp-write`, `before-fsync` or `before-rename`, the process calls std::_Exit(70) at that
/// step, like a crash would (the temporary file is left behind, the original is intact); when it
/// is `saved-before-rename`, the file is saved anew with the same bytes (a new inode, as editors
/// save) right before the last check.
result<void> write_atomically(std::string const& path, std::string_view expected_original,
                              std::string_view content, write_options const& o = {});

} // namespace poolcheck::fixes
