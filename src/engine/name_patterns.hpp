// Variable-name patterns from rule files (`DIRECT_URL`, `*_UNPOOLED`): `*`-only globs, ASCII
// case-insensitive. A set of them is asked about every connection string's name, so each pattern
// is compiled once into its literal parts, and the set first rejects names by their last
// character, which settles most names without looking at a single pattern.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::engine {

/// A `*`-only glob as its literal parts, lower-cased: `A*B*C` holds a text that starts with A,
/// ends with C and has B between them. Matching is linear: each middle part is taken at its
/// first occurrence, which is never worse than a later one.
class glob {
public:
  explicit glob(std::string_view pattern);

  [[nodiscard]] bool matches(std::string_view text) const;

  friend bool operator==(glob const&, glob const&) = default;

private:
  bool has_star_ = false;
  std::string head_; // before the first `*` (the whole pattern without one)
  std::vector<std::string> middle_;
  std::string tail_; // after the last `*`
};

/// `*`-only glob match, ASCII case-insensitive.
bool glob_match(std::string_view pattern, std::string_view text);

class name_patterns {
public:
  void add(std::string pattern);

  [[nodiscard]] bool matches(std::string_view name) const;

  [[nodiscard]] std::vector<std::string> const& patterns() const { return patterns_; }

  friend bool operator==(name_patterns const&, name_patterns const&) = default;

private:
  std::vector<std::string> patterns_;
  std::vector<glob> globs_;
  // Lower-cased last characters a matching name can end with; `any_last_` when a pattern ends
  // with `*` (or is empty).
  std::array<bool, 256> last_{};
  bool any_last_ = false;
};

} // namespace poolcheck::engine
