#include "cli/folder_listing.hpp"

#include "config/settings.hpp"

#include <array>

namespace poolcheck::cli {
namespace {

static_assert(std::size(config::file_names) == 2, "every config file name is tracked below");
constexpr std::array<std::string_view, 6> tracked_names = {
    config::file_names[0], config::file_names[1],
    "package.json",        "prisma",
    "schema.prisma",       ".git"};

/// The bit of a tracked name, or 0.
std::uint8_t bit_of(std::string_view name) {
  for (std::size_t i = 0; i < tracked_names.size(); ++i)
    if (tracked_names[i] == name)
      return static_cast<std::uint8_t>(1U << i);
  return 0;
}

/// Whether `s` is an absolute path already in normal form: no `.` or `..` components, no doubled
/// or trailing separators. Such paths (what walks of absolute folders produce) skip normalising.
bool is_normal_absolute(std::string_view s) {
  if (s.empty() || s.front() != '/')
    return false;
  if (s.size() == 1)
    return true;
  if (s.back() == '/')
    return false;
  for (std::size_t at = 0; at != std::string_view::npos; at = s.find('/', at + 1)) {
    std::string_view const next = s.substr(at + 1, s.find('/', at + 1) - at - 1);
    if (next.empty() || next == "." || next == "..")
      return false;
  }
  return true;
}

} // namespace

std::filesystem::path normal_folder(std::filesystem::path const& cwd,
                                    std::filesystem::path const& p) {
  if (is_normal_absolute(p.native()))
    return p;
  std::filesystem::path out = (p.is_absolute() ? p : cwd / p).lexically_normal();
  if (!out.has_filename() && out.has_relative_path())
    out = out.parent_path(); // "a/b/" -> "a/b"
  return out;
}

bool folder_listing::tracks(std::string_view name) {
  return bit_of(name) != 0;
}

folder_listing const& folder_listing::none() {
  static folder_listing const empty;
  return empty;
}

void folder_listing::saw(std::filesystem::path const& folder, std::string_view child) {
  marks_[folder.native()] |= bit_of(child);
}

void folder_listing::listed(std::filesystem::path const& folder) {
  marks_.try_emplace(folder.native(), 0);
}

std::optional<bool> folder_facts::has(std::string_view name) const {
  std::uint8_t const bit = bit_of(name);
  if (bit == 0 || !marks_)
    return std::nullopt;
  return (*marks_ & bit) != 0;
}

folder_facts folder_listing::facts(std::filesystem::path const& folder) const {
  auto it = marks_.find(folder.native());
  return folder_facts(it == marks_.end() ? std::nullopt : std::optional(it->second));
}

} // namespace poolcheck::cli
