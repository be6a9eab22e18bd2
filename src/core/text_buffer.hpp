// The bytes of one input: held in a string, or, for a large file that is only read, a read-only
// map of it. Mapping skips the copy and the page-by-page faults of filling a fresh buffer, which
// cost more than the whole check of a large file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace poolcheck {

class text_buffer {
public:
  text_buffer() = default;

  explicit text_buffer(std::string bytes) : owned_(std::move(bytes)) {}

  /// Takes over a read-only `mmap` of `size` bytes at `map`; unmapped on destruction.
  static text_buffer adopt_map(void const* map, std::size_t size);

  text_buffer(text_buffer&& other) noexcept;
  text_buffer& operator=(text_buffer&& other) noexcept;
  text_buffer(text_buffer const&) = delete;
  text_buffer& operator=(text_buffer const&) = delete;
  ~text_buffer();

  [[nodiscard]] std::string_view view() const {
    return map_ != nullptr ? std::string_view(static_cast<char const*>(map_), map_size_) : owned_;
  }

private:
  std::string owned_;
  void const* map_ = nullptr;
  std::size_t map_size_ = 0;
};

} // namespace poolcheck
