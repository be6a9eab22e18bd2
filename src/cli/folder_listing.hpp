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

/// What a listing knows of one folder.
class folder_facts {
public:
  explicit folder_facts(std::optional<std::uint8_t> marks) : marks_(marks) {}

  /// Whether the folder holds `name`; nullopt when unknown (the folder was not listed, or the
  /// name is not one the listing tracks): ask the file system.
  [[nodiscard]] std::optional<bool> has(std::string_view name) const;

  /// Whether the folder may hold `name`: false only when the listing says it does not.
  [[nodiscard]] bool may_have(std::string_view name) const { return has(name).value_or(true); }

private:
  std::optional<std::uint8_t> marks_; // the tracked names present, one bit each
};

class folder_listing {
public:
  /// Whether `name` is one the listing keeps track of.
  static bool tracks(std::string_view name);

  /// Records that `folder` (absolute, normal form) was listed, and that it holds `child`.
  void saw(std::filesystem::path const& folder, std::string_view child);

  /// Records that `folder` was listed (whatever it holds).
  void listed(std::filesystem::path const& folder);

  /// What the listing knows of `folder` (absolute, normal form).
  [[nodiscard]] folder_facts facts(std::filesystem::path const& folder) const;

  [[nodiscard]] std::optional<bool> has(std::filesystem::path const& folder,
                                        std::string_view name) const {
    return facts(folder).has(name);
  }

  /// A listing that knows no folder: every question goes to the file system.
  static folder_listing const& none();

private:
  std::unordered_map<std::string, std::uint8_t> marks_; // folder -> names present (bits)
};

} // namespace poolcheck::cli
