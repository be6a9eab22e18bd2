// A half-open range of byte offsets [begin, end) into some text. Every position in poolcheck is a
// byte span until a reporter turns it into line:column through source_file.
#pragma once

#include <cstddef>
#include <string_view>

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

  friend bool operator==(byte_span, byte_span) = default;
};

} // namespace poolcheck
