// Work split among threads for one large input: tasks run on threads of their own, the caller's
// thread takes the first, and errors come back to the caller.
#pragma once

#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace poolcheck {

/// Runs `task(i)` for each i in [0, count): task 0 on this thread, the others each on a thread of
/// its own when `threads` allows, else (or when no thread can be had) here, after task 0. Returns
/// when all are done; rethrows the first task's exception, in task order.
template <class Task> void in_parallel(std::size_t count, Task const& task, bool threads = true) {
  std::vector<std::exception_ptr> failures(count);
  auto run = [&](std::size_t i) {
    try {
      task(i);
    } catch (...) {
      failures[i] = std::current_exception();
    }
  };
  // Room for all first: once a thread runs, nothing here may throw before it is joined.
  std::vector<std::thread> pool;
  std::vector<std::size_t> here;
  pool.reserve(count);
  here.reserve(count);
  for (std::size_t i = 1; i < count; ++i) {
    try {
      if (!threads)
        here.push_back(i);
      else
        pool.emplace_back(run, i);
    } catch (std::exception const&) { // no thread to be had
      here.push_back(i);
    }
  }
  if (count > 0)
    run(0);
  for (std::size_t i : here)
    run(i);
  for (auto& t : pool)
    t.join();
  for (auto const& failure : failures)
    if (failure)
      std::rethrow_exception(failure);
}

/// Runs `work(begin, end, share)` for `shares` consecutive shares of [0, count), in parallel.
template <class Work> void in_shares(std::size_t count, std::size_t shares, Work const& work) {
  in_parallel(shares, [&](std::size_t share) {
    work(count * share / shares, count * (share + 1) / shares, share);
  });
}

} // namespace poolcheck
