// Names of the files --fix leaves next to a checked file: the backup, and the temporary file a
// crash or a kill may leave behind, both holding the file's secrets. Each keeps the checked file's
// own name pattern (`.env*`, `*.env`), so the .gitignore line that hides the file hides them too,
// and carries `.poolcheck-`, so that discovery never takes them for files to check.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace poolcheck::fixes {

/// `.env` -> `.env.poolcheck-backup`; `app.env` -> `app.poolcheck-backup.env`.
std::string backup_name(std::string_view name);

/// A mkostemps(3) pattern for a temporary copy of `name` (`.env.poolcheck-XXXXXX`,
/// `app.poolcheck-XXXXXX.env`), and how many bytes follow the XXXXXX.
struct temp_pattern {
  std::string pattern;
  int suffix_size = 0;
};

temp_pattern temp_name(std::string_view name);

/// Whether a file name is one of the above.
bool is_artifact(std::string_view name);

/// The name of the file a backup or temporary copy named `name` was made of (`.env` for
/// `.env.poolcheck-backup`, `app.env` for `app.poolcheck-Ab12Cd.env`); nullopt for other names.
std::optional<std::string> artifact_original(std::string_view name);

} // namespace poolcheck::fixes
