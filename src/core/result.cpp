// Formatting of operational problems.
#include "core/result.hpp"

#include <fmt/format.h>

namespace poolcheck {

std::string describe(problem const& p) {
  if (!p.at)
    return p.message;
  return fmt::format("{}:{}:{}: {}", p.at->path, p.at->line, p.at->column, p.message);
}

} // namespace poolcheck
