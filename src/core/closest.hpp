// "Did you mean": the known word nearest a misspelt one, for messages about unknown codes and
// options.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck {

/// The candidate nearest `word` by edit distance, ignoring case, if one is near enough to be
/// what was meant (at most a third of its length apart, and at least 2 edits allowed); between
/// equals, the one ending most alike, then the first.
std::optional<std::string> closest(std::string_view word,
                                   std::vector<std::string> const& candidates);

} // namespace poolcheck
