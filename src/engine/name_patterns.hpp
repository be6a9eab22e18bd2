// Variable-name patterns from rule files (`DIRECT_URL`, `*_UNPOOLED`): `*`-only globs, ASCII
// case-insensitive. A set of them is asked about every name in a file, so it first rejects names
// by their last character, which settles most names without running a single glob.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::engine {

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
  // Lower-cased last characters a matching name can end with; `any_last_` when a pattern ends
  // with `*` (or is empty).
  std::array<bool, 256> last_{};
  bool any_last_ = false;
};

} // namespace poolcheck::engine
