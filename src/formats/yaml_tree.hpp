// YAML as a small tree of nodes that keep where their bytes are: what libfyaml's event parser
// reports (byte offsets of every scalar's content, its style and decoded value), without its
// document API, which keeps no positions. Read only; nothing is ever re-serialised.
#pragma once

#include "core/result.hpp"
#include "core/span.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::formats {

enum class yaml_style { plain, single_quoted, double_quoted, literal, folded };

struct yaml_node {
  enum class kind { scalar, mapping, sequence, alias } type = kind::scalar;
  // A scalar: its decoded value, the bytes of its content (inside the quotes; for a block scalar
  // the lines after its `|` or `>` indicator) and its style.
  std::string value;
  byte_span raw;
  yaml_style style = yaml_style::plain;
  /// A sequence's items; a mapping's keys and values, alternating.
  std::vector<yaml_node> items;
  byte_span span; // the whole node

  /// The value of key `key` of a mapping (nullptr when absent or not a mapping).
  [[nodiscard]] yaml_node const* find(std::string_view key) const;

  /// The key node `key` of a mapping, where it is written (nullptr when absent).
  [[nodiscard]] yaml_node const* find_key(std::string_view key) const;

  [[nodiscard]] bool is_scalar() const { return type == kind::scalar; }
};

/// The documents of a YAML stream (a Kubernetes file may hold several, split by `---`), or where
/// it stops being YAML. libfyaml prints nothing: its messages quote the input, which may hold
/// secrets.
result<std::vector<yaml_node>> parse_yaml(std::string_view text);

} // namespace poolcheck::formats
