#include "core/huge_pages.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace poolcheck {

void prefer_huge_pages(void const* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{2} * 1024 * 1024;
  auto const start = reinterpret_cast<std::uintptr_t>(data);
  auto const begin = (start + huge - 1) & ~(huge - 1);
  auto const end = (start + bytes) & ~(huge - 1);
  if (end > begin)
    // Advice only: the memory is ours either way, so a refusal changes nothing.
    (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

} // namespace poolcheck
