#include "core/text_buffer.hpp"

#include <sys/mman.h>
#include <utility>

namespace poolcheck {

text_buffer text_buffer::adopt_map(void const* map, std::size_t size) {
  text_buffer out;
  out.map_ = map;
  out.map_size_ = size;
  return out;
}

text_buffer::text_buffer(text_buffer&& other) noexcept
    : owned_(std::move(other.owned_)), map_(std::exchange(other.map_, nullptr)),
      map_size_(std::exchange(other.map_size_, 0)) {}

text_buffer& text_buffer::operator=(text_buffer&& other) noexcept {
  if (this != &other) {
    text_buffer old(std::move(*this));
    owned_ = std::move(other.owned_);
    map_ = std::exchange(other.map_, nullptr);
    map_size_ = std::exchange(other.map_size_, 0);
  }
  return *this;
}

text_buffer::~text_buffer() {
  if (map_ != nullptr)
    ::munmap(const_cast<void*>(map_), map_size_);
}

} // namespace poolcheck
