// Variable-name patterns from rule files (`DIRECT_URL`, `*_UNPOOLED`): `*`-only globs, ASCII
// case-insensitive, each compiled once into its literal parts.
#pragma once

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

class name_patterns {
public:
  void add(std::string pattern);

  [[nodiscard]] bool matches(std::string_view name) const;

  [[nodiscard]] std::vector<std::string> const& patterns() const { return patterns_; }

  friend bool operator==(name_patterns const&, name_patterns const&) = default;

private:
  std::vector<std::string> patterns_;
  std::vector<glob> globs_;
};

} // namespace poolcheck::engine
