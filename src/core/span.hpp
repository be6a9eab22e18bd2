// A half-open range of byte offsets [begin, end) into some text. Every position in poolcheck is a
// byte span until a reporter turns it into line:column through source_file.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace poolcheck {

struct byte_span {
  std::size_t begin = 0;
  std::size_t end = 0;

  [[nodiscard]] std::size_t size() const { return end - begin; }

  [[nodiscard]] bool empty() const { return begin == end; }

  [[nodiscard]] bool contains(std::size_t offset) const { return begin <= offset && offset < end; }

  [[nodiscard]] bool overlaps(byte_span other) const {
    return begin < other.end && other.begin < end;
  }

  [[nodiscard]] std::string_view of(std::string_view text) const {
    return text.substr(begin, end - begin);
  }

  [[nodiscard]] byte_span shifted(std::size_t by) const { return {begin + by, end + by}; }

  friend bool operator==(byte_span, byte_span) = default;
};

/// `spans` in order, overlapping and touching ones joined, empty ones dropped.
inline std::vector<byte_span> joined(std::vector<byte_span> spans) {
  std::sort(spans.begin(), spans.end(), [](byte_span a, byte_span b) { return a.begin < b.begin; });
  std::vector<byte_span> out;
  for (auto s : spans) {
    if (s.empty())
      continue;
    if (!out.empty() && s.begin <= out.back().end)
      out.back().end = std::max(out.back().end, s.end);
    else
      out.push_back(s);
  }
  return out;
}

} // namespace poolcheck
