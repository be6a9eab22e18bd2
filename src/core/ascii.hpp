// ASCII case folding: host names, URL schemes, parameter keys and variable-name patterns compare
// without regard to case, and only ASCII letters fold (the C locale's tolower is a call per byte,
// and other locales would fold bytes of UTF-8 text).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace poolcheck::ascii {

inline char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), to_lower);
  return out;
}

inline bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return to_lower(x) == to_lower(y); });
}

/// Whether `hay` holds `needle`, ignoring ASCII case.
inline bool icontains(std::string_view hay, std::string_view needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                     [](char a, char b) { return to_lower(a) == to_lower(b); }) != hay.end();
}

inline bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

/// An ASCII letter or digit, whatever the locale.
inline bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

} // namespace poolcheck::ascii
