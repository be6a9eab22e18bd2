// A seeded random source for generated test inputs that gives the same sequence everywhere
// (std::uniform_int_distribution differs between standard libraries; this does not).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace poolcheck::test {

class random_source {
public:
  explicit random_source(std::uint64_t seed) : engine_(seed) {}

  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }

  bool percent(std::size_t p) { return below(100) < p; }

  template <class T> T const& pick(std::vector<T> const& items) {
    return items[below(items.size())];
  }

private:
  std::mt19937_64 engine_;
};

} // namespace poolcheck::test
