// Test hooks: the environment variable POOLCHECK_FAULT names one step at which poolcheck acts as
// if something went wrong there (a crash mid-write, a file shortened by another program), so that
// tests can check what a user would be left with.
#pragma once

#include <cstdlib>
#include <string_view>

namespace poolcheck {

/// Whether POOLCHECK_FAULT names `step`.
inline bool fault_injected(std::string_view step) {
  char const* value = std::getenv("POOLCHECK_FAULT");
  return value != nullptr && step == value;
}

} // namespace poolcheck
