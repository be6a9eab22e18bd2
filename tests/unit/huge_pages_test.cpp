// huge_page_allocator: large requests get mappings of their own, small ones the heap; either way
// containers keep what they hold as they grow and shrink.
#include "core/huge_pages.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

namespace poolcheck::test {

TEST_CASE("a vector on huge_page_allocator keeps its values across the large-size line", "[core]") {
  std::vector<std::uint64_t, huge_page_allocator<std::uint64_t>> v;
  std::size_t const past_line = 3 * huge_allocation / sizeof(std::uint64_t);
  for (std::size_t i = 0; i < past_line; ++i)
    v.push_back(i * 0x9E3779B97F4A7C15ULL);
  for (std::size_t i = 0; i < past_line; i += 4099)
    REQUIRE(v[i] == i * 0x9E3779B97F4A7C15ULL);
  CHECK(v.back() == (past_line - 1) * 0x9E3779B97F4A7C15ULL);
  v.resize(10);
  v.shrink_to_fit(); // back below the line: to the heap
  CHECK(v[9] == 9 * 0x9E3779B97F4A7C15ULL);
}

TEST_CASE("mapped memory is fresh and writable to its last byte", "[core]") {
  std::size_t const bytes = huge_allocation + 12345;
  auto* data = static_cast<unsigned char*>(map_huge(bytes));
  CHECK(data[0] == 0);
  CHECK(data[bytes - 1] == 0);
  data[bytes - 1] = 0xAB;
  CHECK(data[bytes - 1] == 0xAB);
  unmap_huge(data, bytes);
}

} // namespace poolcheck::test
