// Large buffers that are read all over (a big file's document) cost a TLB miss every 4 KiB; on
// virtual machines, with nested page tables, those misses cost more than the work, and so does the
// first touch of each fresh 4 KiB page. Asking for 2 MiB pages where the kernel grants them on
// request (transparent huge pages in `madvise` mode, Debian's default) removes most of both.
#pragma once

#include <cstddef>
#include <memory>
#include <new>

namespace poolcheck {

/// Advises the kernel to back the whole 2 MiB pages inside [data, data + bytes) with huge pages.
/// Best effort: does nothing where that is not supported.
void prefer_huge_pages(void const* data, std::size_t bytes);

/// From this size up, huge_page_allocator maps memory of its own.
inline constexpr std::size_t huge_allocation = std::size_t{2} << 20;

/// `bytes` of fresh memory in a mapping of its own (whole huge pages), advised to use huge pages;
/// throws std::bad_alloc.
void* map_huge(std::size_t bytes);
/// Unmaps what map_huge(bytes) returned.
void unmap_huge(void* data, std::size_t bytes) noexcept;

/// An allocator for the large tables a large file makes (hash sets, per-entry records): small
/// requests go to the heap, large ones to map_huge. glibc's own heap uses 4 KiB pages unless told
/// otherwise at start-up.
template <class T> struct huge_page_allocator {
  using value_type = T;

  huge_page_allocator() = default;

  template <class U>
  huge_page_allocator(huge_page_allocator<U> const&) noexcept {} // NOLINT: rebinding converts

  T* allocate(std::size_t n) {
    if (n < huge_allocation / sizeof(T))
      return std::allocator<T>{}.allocate(n);
    if (n > static_cast<std::size_t>(-1) / sizeof(T))
      throw std::bad_array_new_length();
    return static_cast<T*>(map_huge(n * sizeof(T)));
  }

  void deallocate(T* p, std::size_t n) noexcept {
    if (n < huge_allocation / sizeof(T))
      std::allocator<T>{}.deallocate(p, n);
    else
      unmap_huge(p, n * sizeof(T));
  }

  template <class U> bool operator==(huge_page_allocator<U> const&) const noexcept { return true; }
};

} // namespace poolcheck
