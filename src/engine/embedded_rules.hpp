// The default rule files, compiled into the binary at build time (cmake/embed_rules.cmake).
#pragma once

#include <span>
#include <string_view>

namespace poolcheck::engine {

struct embedded_rule_file {
  std::string_view path; // "rules/neon.toml"
  std::string_view text;
};

std::span<const embedded_rule_file> embedded_rule_files();

} // namespace poolcheck::engine
