#include "core/closest.hpp"

#include <algorithm>
#include <cctype>

namespace poolcheck {
namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

/// Levenshtein distance, with a transposition counting once (`fromat`, `fxi`).
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      bool const same = lower(a[i - 1]) == lower(b[j - 1]);
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        row[j] = std::min(row[j], before[j - 2] + 1);
    }
    before.swap(prev);
    prev.swap(row);
  }
  return prev[b.size()];
}

/// How many characters `a` and `b` end with alike, ignoring case.
std::size_t common_suffix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && lower(a[a.size() - 1 - n]) == lower(b[b.size() - 1 - n]))
    ++n;
  return n;
}

} // namespace

std::optional<std::string> closest(std::string_view word,
                                   std::vector<std::string> const& candidates) {
  std::size_t const allowed = std::max<std::size_t>(2, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1, best_suffix = 0;
  for (auto const& c : candidates) {
    std::size_t const d = distance(word, c);
    // Between equals, the one that ends alike: `PRISMA0014` is `PRISMA014` with a zero too many,
    // not `PRISMA001` with a digit too many.
    std::size_t const suffix = common_suffix(word, c);
    if (d < best_distance || (d == best_distance && suffix > best_suffix)) {
      best = c;
      best_distance = d;
      best_suffix = suffix;
    }
  }
  return best;
}

} // namespace poolcheck
