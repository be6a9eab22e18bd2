// Operational failures (unreadable file, bad flag, malformed rule file) travel as values:
// result<T> holds either a T or a problem. Findings about the user's input are diagnostics instead.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace poolcheck {

/// Where a problem was found in a file the tool itself reads (a rule file, a config file).
struct source_location {
  std::string path;
  std::size_t line = 0;   // 1-based
  std::size_t column = 0; // 1-based

  friend bool operator==(source_location const&, source_location const&) = default;
};

struct problem {
  std::string message;
  std::optional<source_location> at;
};

/// A T or a problem. (Not boost::system::result: with C++20's parenthesised aggregate
/// initialisation its converting constructors become ambiguous for result<std::string>.)
template <class T> class [[nodiscard]] result {
public:
  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}

  result(problem p) : v_(std::in_place_index<1>, std::move(p)) {}

  explicit operator bool() const { return v_.index() == 0; }

  T& operator*() { return std::get<0>(v_); }

  T const& operator*() const { return std::get<0>(v_); }

  T* operator->() { return &std::get<0>(v_); }

  T const* operator->() const { return &std::get<0>(v_); }

  [[nodiscard]] problem const& error() const { return std::get<1>(v_); }

private:
  std::variant<T, problem> v_;
};

template <> class [[nodiscard]] result<void> {
public:
  result() = default;

  result(problem p) : p_(std::move(p)) {}

  explicit operator bool() const { return !p_; }

  [[nodiscard]] problem const& error() const { return *p_; }

private:
  std::optional<problem> p_;
};

/// Binds `var` to `expr`, a result, and returns its problem from the enclosing function when it
/// failed (the readers of rule and config files check dozens of values this way).
#define POOLCHECK_TRY(var, expr)                                                                   \
  auto var = (expr);                                                                               \
  if (!var)                                                                                        \
    return var.error();

/// "path:line:col: message", or just the message when there is no location.
std::string describe(problem const& p);

} // namespace poolcheck
