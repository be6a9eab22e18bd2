// A JSON reader that reports each scalar with its path of object keys and its 1-based line:
// nlohmann/json's DOM keeps no positions, so its SAX parser is fed through a line-counting
// iterator.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::project::json {

/// One scalar: `path` holds the object keys leading to it (an array element adds "[]"),
/// `string` its value when it is a string.
struct scalar {
  std::vector<std::string> const& path;
  std::optional<std::string> const& string;
  std::size_t line;
};

/// Calls `visit` for every scalar in document order. False when `text` is not one JSON value
/// (what was visited before the error stands); never throws.
bool scan(std::string_view text, std::function<void(scalar const&)> const& visit);

} // namespace poolcheck::project::json
