#include "engine/name_patterns.hpp"

#include "core/ascii.hpp"

namespace poolcheck::engine {
namespace {

using ascii::lowered;
using ascii::to_lower;

// Whether `text` at `at` holds `part` (already lower-case).
bool holds_at(std::string_view text, std::size_t at, std::string_view part) {
  for (std::size_t i = 0; i < part.size(); ++i)
    if (to_lower(text[at + i]) != part[i])
      return false;
  return true;
}

} // namespace

glob::glob(std::string_view pattern) {
  std::size_t const first = pattern.find('*');
  if (first == std::string_view::npos) {
    head_ = lowered(pattern);
    return;
  }
  has_star_ = true;
  std::size_t const last = pattern.rfind('*');
  head_ = lowered(pattern.substr(0, first));
  tail_ = lowered(pattern.substr(last + 1));
  for (std::size_t at = first + 1; at < last;) {
    std::size_t const star = pattern.find('*', at);
    if (star > at)
      middle_.push_back(lowered(pattern.substr(at, star - at)));
    at = star + 1;
  }
}

bool glob::matches(std::string_view text) const {
  if (!has_star_)
    return text.size() == head_.size() && holds_at(text, 0, head_);
  if (text.size() < head_.size() + tail_.size() || !holds_at(text, 0, head_) ||
      !holds_at(text, text.size() - tail_.size(), tail_))
    return false;
  std::size_t at = head_.size();
  std::size_t const limit = text.size() - tail_.size();
  for (auto const& part : middle_) {
    while (at + part.size() <= limit && !holds_at(text, at, part))
      ++at;
    if (at + part.size() > limit)
      return false;
    at += part.size();
  }
  return true;
}

void name_patterns::add(std::string pattern) {
  globs_.emplace_back(pattern);
  patterns_.push_back(std::move(pattern));
}

bool name_patterns::matches(std::string_view name) const {
  for (auto const& g : globs_)
    if (g.matches(name))
      return true;
  return false;
}

} // namespace poolcheck::engine
