// What discovery saw in the folders it listed, for the names that config and client lookups ask
// about in every folder of a file's ancestry (poolcheck.toml, package.json, prisma/, .git). In a
// tree of thousands of folders those lookups would otherwise be most of the system calls.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace poolcheck::cli {

/// `p` made absolute against `cwd`, in normal form and without a trailing separator: the form of
/// a folder that the listing and the lookups agree on.
std::filesystem::path normal_folder(std::filesystem::path const& cwd,
                                    std::filesystem::path const& p);

class folder_listing {
public:
  /// Whether `name` is one the listing keeps track of.
  static bool tracks(std::string_view name);

  /// Records that `folder` (absolute, normal form) was listed, and that it holds `child`.
  void saw(std::filesystem::path const& folder, std::string_view child);

  /// Records that `folder` was listed (whatever it holds).
  void listed(std::filesystem::path const& folder);

  /// Whether `folder/name` exists, for the names above; nullopt when discovery did not list the
  /// folder (or does not track the name): ask the file system.
  [[nodiscard]] std::optional<bool> has(std::filesystem::path const& folder,
                                        std::string_view name) const;

  /// Whether `folder/name` may exist: false only when the listing says it does not.
  [[nodiscard]] bool may_have(std::filesystem::path const& folder, std::string_view name) const {
    return has(folder, name).value_or(true);
  }

  /// A listing that knows no folder: every question goes to the file system.
  static folder_listing const& none();

private:
  std::unordered_map<std::string, std::uint8_t> marks_; // folder -> names present (bits)
};

} // namespace poolcheck::cli
