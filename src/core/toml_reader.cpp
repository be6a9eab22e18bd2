// The TOML reader shared by rule files and poolcheck.toml.
#include "core/toml_reader.hpp"

#include <algorithm>

namespace poolcheck {

result<toml::table> toml_reader::parse(std::string_view text) const {
  try {
    return toml::parse(text, path_);
  } catch (toml::parse_error const& e) {
    auto const& b = e.source().begin;
    return problem{std::string(e.description()), source_location{path_, b.line, b.column}};
  }
}

problem toml_reader::at(toml::node const& n, std::string message) const {
  return problem{std::move(message), where(n)};
}

source_location toml_reader::where(toml::node const& n) const {
  return {path_, n.source().begin.line, n.source().begin.column};
}

std::string toml_reader::origin(toml::node const& n) const {
  return path_ + ":" + std::to_string(n.source().begin.line);
}

result<void> toml_reader::only_keys(toml::table const& t,
                                    std::initializer_list<std::string_view> allowed,
                                    std::string_view what) const {
  for (auto const& [key, value] : t)
    if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
      return at(value, "unknown key `" + std::string(key.str()) + "` in " + std::string(what));
  return {};
}

result<std::string> toml_reader::string(toml::node const& n, std::string_view key) const {
  if (!n.is_string())
    return at(n, "`" + std::string(key) + "` must be a string");
  return std::string(n.as_string()->get());
}

result<std::string> toml_reader::string(toml::table const& t, std::string_view key,
                                        bool required) const {
  auto const* n = t.get(key);
  if (!n) {
    if (required)
      return at(t, "missing key `" + std::string(key) + "`");
    return std::string();
  }
  return string(*n, key);
}

result<std::vector<std::string>> toml_reader::strings(toml::node const& n,
                                                      std::string_view key) const {
  std::vector<std::string> out;
  if (n.is_string()) {
    out.emplace_back(n.as_string()->get());
    return out;
  }
  if (!n.is_array())
    return at(n, "`" + std::string(key) + "` must be a string or an array of strings");
  for (auto const& item : *n.as_array()) {
    if (!item.is_string())
      return at(item, "`" + std::string(key) + "` must hold strings only");
    out.emplace_back(item.as_string()->get());
  }
  return out;
}

result<std::vector<std::string>> toml_reader::strings(toml::table const& t,
                                                      std::string_view key) const {
  auto const* n = t.get(key);
  if (!n)
    return std::vector<std::string>();
  return strings(*n, key);
}

result<std::optional<long long>> toml_reader::integer(toml::table const& t,
                                                      std::string_view key) const {
  auto const* n = t.get(key);
  if (!n)
    return std::optional<long long>();
  if (!n->is_integer())
    return at(*n, "`" + std::string(key) + "` must be an integer");
  return std::optional<long long>(n->as_integer()->get());
}

result<std::optional<bool>> toml_reader::boolean(toml::table const& t, std::string_view key) const {
  auto const* n = t.get(key);
  if (!n)
    return std::optional<bool>();
  if (!n->is_boolean())
    return at(*n, "`" + std::string(key) + "` must be true or false");
  return std::optional<bool>(n->as_boolean()->get());
}

result<toml::table const*> toml_reader::table(toml::table const& t, std::string_view key) const {
  auto const* n = t.get(key);
  if (!n)
    return static_cast<toml::table const*>(nullptr);
  if (!n->is_table())
    return at(*n, "`" + std::string(key) + "` must be a table");
  return n->as_table();
}

result<std::optional<int>> toml_reader::port(toml::table const& t, std::string_view key) const {
  auto v = integer(t, key);
  if (!v)
    return v.error();
  if (!*v)
    return std::optional<int>();
  if (**v < 1 || **v > 65535)
    return at(*t.get(key), "`" + std::string(key) + "` must be a port number (1-65535)");
  return std::optional<int>(static_cast<int>(**v));
}

} // namespace poolcheck
