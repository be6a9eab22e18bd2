#include "core/huge_pages.hpp"

#include <cstdint>
#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace poolcheck {
namespace {

constexpr std::size_t huge_page = std::size_t{2} * 1024 * 1024;

/// `bytes` rounded up to whole huge pages: the kernel backs only whole, aligned ones.
std::size_t mapped_size(std::size_t bytes) {
  return (bytes + huge_page - 1) & ~(huge_page - 1);
}

} // namespace

void prefer_huge_pages(void const* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  auto const start = reinterpret_cast<std::uintptr_t>(data);
  auto const begin = (start + huge_page - 1) & ~(huge_page - 1);
  auto const end = (start + bytes) & ~(huge_page - 1);
  if (end > begin)
    // Advice only: the memory is ours either way, so a refusal changes nothing.
    (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

void* map_huge(std::size_t bytes) {
#if defined(__linux__)
  if (bytes > static_cast<std::size_t>(-1) - huge_page)
    throw std::bad_alloc();
  // Linux 6.7 and later place a mapping of whole huge pages on a huge-page boundary; on older
  // kernels the advice covers the whole pages inside it.
  void* data = ::mmap(nullptr, mapped_size(bytes), PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (data == MAP_FAILED)
    throw std::bad_alloc();
  prefer_huge_pages(data, mapped_size(bytes));
  return data;
#else
  void* data = std::malloc(bytes);
  if (data == nullptr)
    throw std::bad_alloc();
  return data;
#endif
}

void unmap_huge(void* data, std::size_t bytes) noexcept {
#if defined(__linux__)
  ::munmap(data, mapped_size(bytes));
#else
  (void)bytes;
  std::free(data);
#endif
}

} // namespace poolcheck
