// Operational failures (unreadable file, bad flag, malformed rule file) travel as values:
// result<T> holds either a T or a problem. Findings about the user's input are diagnostics instead.
#pragma once

#include <boost/system/result.hpp>

#include <optional>
#include <string>

namespace poolcheck {

/// Where a problem was found in a file the tool itself reads (a rule file, a config file).
struct source_location {
  std::string path;
  std::size_t line = 0;   // 1-based
  std::size_t column = 0; // 1-based
};

struct problem {
  std::string message;
  std::optional<source_location> at;
};

template <class T> using result = boost::system::result<T, problem>;

/// "path:line:col: message", or just the message when there is no location.
std::string describe(problem const& p);

} // namespace poolcheck
