#include "engine/name_patterns.hpp"

namespace poolcheck::engine {
namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative `*` matching with one backtrack point: linear in practice, never exponential.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] != '*' && lower(pattern[p]) == lower(text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

void name_patterns::add(std::string pattern) {
  if (pattern.empty() || pattern.back() == '*')
    any_last_ = true;
  else
    last_[static_cast<unsigned char>(lower(pattern.back()))] = true;
  patterns_.push_back(std::move(pattern));
}

bool name_patterns::matches(std::string_view name) const {
  if (!any_last_ && (name.empty() || !last_[static_cast<unsigned char>(lower(name.back()))]))
    return false;
  for (auto const& pattern : patterns_)
    if (glob_match(pattern, name))
      return true;
  return false;
}

} // namespace poolcheck::engine
