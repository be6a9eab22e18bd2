// Text bound for a terminal, from bytes that may hold anything (a path, a value): control
// characters become `\xNN`, so they can neither move the cursor nor split a line in two.
#pragma once

#include <string>
#include <string_view>

namespace poolcheck {

inline std::string printable(std::string_view text) {
  constexpr std::string_view digits = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto const u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7f) {
      out += c;
      continue;
    }
    out += "\\x";
    out += digits[u >> 4];
    out += digits[u & 0xf];
  }
  return out;
}

} // namespace poolcheck
