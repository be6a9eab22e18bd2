// Runs f(0) .. f(count - 1) on up to one thread per core, each thread taking the next index. The
// caller's thread works too; a thread that cannot be started leaves its share to the others. `f`
// must not throw.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <system_error>
#include <thread>
#include <vector>

namespace poolcheck {

template <class F> void parallel_for(std::size_t count, F const& f) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++)
      f(i);
  };
  std::size_t const threads = std::min<std::size_t>(std::thread::hardware_concurrency(), count);
  std::vector<std::thread> helpers;
  helpers.reserve(threads); // once one runs, nothing may throw before it is joined
  for (std::size_t t = 1; t < threads; ++t) {
    try {
      helpers.emplace_back(work);
    } catch (std::system_error const&) {
      break;
    }
  }
  work();
  for (auto& t : helpers)
    t.join();
}

} // namespace poolcheck
