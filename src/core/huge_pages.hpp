// Large buffers that are read all over (a big file's document) cost a TLB miss every 4 KiB; on
// virtual machines, with nested page tables, those misses cost more than the work. Asking for
// 2 MiB pages where the kernel grants them on request (transparent huge pages in `madvise` mode,
// Debian's default) removes most of them.
#pragma once

#include <cstddef>

namespace poolcheck {

/// Advises the kernel to back the whole 2 MiB pages inside [data, data + bytes) with huge pages.
/// Best effort: does nothing where that is not supported.
void prefer_huge_pages(void const* data, std::size_t bytes);

} // namespace poolcheck
