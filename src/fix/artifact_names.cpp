// Backup and temporary file names that stay under the checked file's own name pattern.
#include "fix/artifact_names.hpp"

namespace poolcheck::fixes {
namespace {

constexpr std::string_view marker = ".poolcheck-";
constexpr std::string_view env_suffix = ".env";

/// `name` with `tag` (e.g. "backup") inserted so the result matches what `name` matched: before
/// a final `.env` that follows a stem (`app.env`), else at the end (`.env`, `.env.local`).
std::string tagged(std::string_view name, std::string_view tag) {
  bool const ends_in_env = name.size() > env_suffix.size() && name.ends_with(env_suffix);
  std::string_view const stem =
      ends_in_env ? name.substr(0, name.size() - env_suffix.size()) : name;
  std::string out(stem);
  out.append(marker).append(tag);
  if (ends_in_env)
    out.append(env_suffix);
  return out;
}

} // namespace

std::string backup_name(std::string_view name) {
  return tagged(name, "backup");
}

temp_pattern temp_name(std::string_view name) {
  bool const ends_in_env = name.size() > env_suffix.size() && name.ends_with(env_suffix);
  return {tagged(name, "XXXXXX"), ends_in_env ? static_cast<int>(env_suffix.size()) : 0};
}

bool is_artifact(std::string_view name) {
  return name.find(marker) != std::string_view::npos;
}

std::optional<std::string> artifact_original(std::string_view name) {
  std::size_t const at = name.find(marker);
  if (at == std::string_view::npos)
    return std::nullopt;
  std::string_view rest = name.substr(at + marker.size());
  constexpr std::size_t tag = 6; // "backup", or what mkostemps made of XXXXXX
  if (rest.size() < tag)
    return std::nullopt;
  rest.remove_prefix(tag);
  if (!rest.empty() && rest != env_suffix)
    return std::nullopt; // `pre-commit.poolcheck-backup-2`: not a name tagged here
  return std::string(name.substr(0, at)) + std::string(rest);
}

} // namespace poolcheck::fixes
