// The one reader of TOML files (rule files and poolcheck.toml), over toml++: parsing, with its
// exceptions caught here, and typed getters whose problems name path:line:col. Unknown keys and
// values of the wrong type are problems, never ignored.
#pragma once

#include "core/result.hpp"
#include "core/toml.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck {

class toml_reader {
public:
  explicit toml_reader(std::string_view path) : path_(path) {}

  /// The document, or the parse error at its line and column.
  [[nodiscard]] result<toml::table> parse(std::string_view text) const;

  [[nodiscard]] problem at(toml::node const& n, std::string message) const;
  [[nodiscard]] source_location where(toml::node const& n) const;
  /// `path:line`, what `poolcheck config` shows as a setting's origin.
  [[nodiscard]] std::string origin(toml::node const& n) const;

  [[nodiscard]] result<void> only_keys(toml::table const& t,
                                       std::initializer_list<std::string_view> allowed,
                                       std::string_view what) const;

  /// The string at `n`.
  [[nodiscard]] result<std::string> string(toml::node const& n, std::string_view key) const;
  /// The string at `key`; empty when absent and not `required`.
  [[nodiscard]] result<std::string> string(toml::table const& t, std::string_view key,
                                           bool required) const;
  /// A string or an array of strings at `n`.
  [[nodiscard]] result<std::vector<std::string>> strings(toml::node const& n,
                                                         std::string_view key) const;
  /// The same at `key`; empty when absent.
  [[nodiscard]] result<std::vector<std::string>> strings(toml::table const& t,
                                                         std::string_view key) const;
  [[nodiscard]] result<std::optional<long long>> integer(toml::table const& t,
                                                         std::string_view key) const;
  [[nodiscard]] result<std::optional<bool>> boolean(toml::table const& t,
                                                    std::string_view key) const;
  /// The table at `key`; null when absent.
  [[nodiscard]] result<toml::table const*> table(toml::table const& t, std::string_view key) const;
  [[nodiscard]] result<std::optional<int>> port(toml::table const& t, std::string_view key) const;

private:
  std::string path_;
};

} // namespace poolcheck
