// in_parallel runs every task once, and what a task throws reaches the caller after all are done.
#include "core/in_parallel.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace poolcheck::test {

TEST_CASE("every task runs once; task 0 on the caller's thread", "[core]") {
  bool const threads = GENERATE(true, false);
  CAPTURE(threads);
  std::vector<std::atomic<int>> runs(7);
  std::vector<std::thread::id> ran_on(7);
  in_parallel(
      runs.size(),
      [&](std::size_t i) {
        ++runs[i];
        ran_on[i] = std::this_thread::get_id();
      },
      threads);
  for (auto const& r : runs)
    CHECK(r == 1);
  CHECK(ran_on[0] == std::this_thread::get_id());
  if (!threads)
    for (auto const& id : ran_on)
      CHECK(id == std::this_thread::get_id());
}

TEST_CASE("a task's exception reaches the caller once all tasks are done", "[core]") {
  std::atomic<int> done{0};
  auto run = [&] {
    in_parallel(4, [&](std::size_t i) {
      if (i == 2)
        throw std::runtime_error("task 2");
      ++done;
    });
  };
  CHECK_THROWS_WITH(run(), "task 2");
  CHECK(done == 3);
}

TEST_CASE("shares cover the range in order, without gaps", "[core]") {
  std::size_t const count = GENERATE(0, 1, 5, 1000);
  std::size_t const shares = GENERATE(1, 2, 3);
  CAPTURE(count, shares);
  std::vector<std::pair<std::size_t, std::size_t>> ranges(shares);
  in_shares(count, shares, [&](std::size_t begin, std::size_t end, std::size_t share) {
    ranges[share] = {begin, end};
  });
  std::size_t at = 0;
  for (auto [begin, end] : ranges) {
    CHECK(begin == at);
    CHECK(end >= begin);
    at = end;
  }
  CHECK(at == count);
}

} // namespace poolcheck::test
