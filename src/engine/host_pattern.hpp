// Host patterns from rule files, matched in linear time (rules may come from users, so no
// backtracking regex). A pattern is dot-separated labels matched against the host's labels:
//   literal       `neon.tech`               the label itself (ASCII case-insensitive)
//   *             `*.cloud.neon.tech`       any one label
//   {name}...     `{endpoint}-pooler`       captures inside one label; literals between captures
//                                           are found at their first occurrence, a trailing
//                                           literal must end the label (no backtracking)
//   {name*}       `{endpoint}.{rest*}.neon.tech`  one or more whole labels (at most one per
//   pattern)
#pragma once

#include "core/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::engine {

using captures = std::map<std::string, std::string, std::less<>>;

class host_pattern {
public:
  /// Compiles `text`; a malformed pattern is a problem (without location: the loader adds it).
  static result<host_pattern> compile(std::string_view text);

  /// The captures when `host` matches, else nullopt. Linear in the host's length.
  [[nodiscard]] std::optional<captures> match(std::string_view host) const;

  [[nodiscard]] std::string const& text() const { return text_; }

  /// Patterns of the same text compile alike.
  friend bool operator==(host_pattern const& a, host_pattern const& b) {
    return a.text_ == b.text_;
  }

private:
  struct part {
    bool capture = false;
    std::string text; // literal text, or the capture's name
  };

  struct label {
    bool any = false;   // `*`
    bool multi = false; // `{name*}`
    std::vector<part> parts;
  };

  static bool match_label(label const& l, std::string_view host_label, captures& out);

  std::string text_;
  std::vector<label> labels_;
  std::string literal_end_; // e.g. `.neon.tech`: a matching host ends with it
};

} // namespace poolcheck::engine
