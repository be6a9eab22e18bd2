// How a fuzz target reports a broken property: the property (and the input, when the target has
// one worth printing) on stderr, then abort(), so that libFuzzer keeps the input as a crash.
#pragma once

#include "core/span.hpp"

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace poolcheck::fuzz {

[[noreturn]] inline void fail(char const* what, std::string_view input = {}) {
  std::fprintf(stderr, "property violated: %s\n", what);
  if (!input.empty())
    std::fprintf(stderr, "--- input ---\n%.*s\n--- end ---\n", static_cast<int>(input.size()),
                 input.data());
  std::abort();
}

inline void require(bool ok, char const* what, std::string_view input = {}) {
  if (!ok)
    fail(what, input);
}

/// Whether `s` is a well-formed span inside [begin, end).
inline bool within(byte_span s, std::size_t begin, std::size_t end) {
  return begin <= s.begin && s.begin <= s.end && s.end <= end;
}

} // namespace poolcheck::fuzz
