// The one masking function. Every reporter passes its text through a redactor before printing,
// so no output shows a password unless --show-secrets turns masking off. Two nets:
//  - known secrets: password byte spans found in the checked file (masked in echoed lines by span);
//  - syntax: in any text, the password of `scheme://user:PASSWORD@host` (even a malformed URL),
//    `password=...` in libpq strings, and values of *PASSWORD* / *SECRET* / *TOKEN* assignments.
#pragma once

#include "core/span.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace poolcheck {

inline constexpr std::string_view mask = "****";

/// In text that looks like a URL (`scheme://user:pass@host`) but is not read as a connection
/// string, the part that may hold a password: from the userinfo to the last `@`, or nullopt when it
/// has no `://` and `@` after it. Output masks that part, so the host still shows.
std::optional<byte_span> userinfo_to_last_at(std::string_view text);

/// Text with its masked regions, and a map from original offsets to offsets in the result.
struct redacted {
  std::string text;
  std::vector<std::pair<byte_span, std::size_t>> regions; // original span -> start in `text`

  /// Where original offset `offset` lands in `text` (inside a masked region: its start).
  [[nodiscard]] std::size_t map(std::size_t offset) const;
};

class redactor {
public:
  explicit redactor(bool enabled = true) : enabled_(enabled) {}

  /// Also mask the bytes of `text` at `spans` (the passwords the engine found in it) wherever they
  /// occur, and each line of one that runs over several; only those of 4+ bytes, shorter ones are
  /// left to the syntactic net, so as not to mask single letters everywhere.
  void add_secrets(std::string_view text, std::span<byte_span const> spans);

  /// Masks `text`; `spans` are extra regions of `text` known to be secret.
  [[nodiscard]] redacted apply(std::string_view text, std::vector<byte_span> spans = {}) const;

  [[nodiscard]] std::string operator()(std::string_view text) const { return apply(text).text; }

  [[nodiscard]] bool enabled() const { return enabled_; }

  /// A message of poolcheck's own (an error naming a path): masks passwords in URLs and in
  /// `password=` pairs it may quote, and prints control characters as `\xNN`; a path such as
  /// `secret.env` is not a secret assignment.
  [[nodiscard]] static std::string message(std::string_view text);

private:
  bool enabled_;
  std::unordered_set<std::string> secrets_; // a set: a line of many passwords adds each once
};

} // namespace poolcheck
