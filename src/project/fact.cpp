// Names and descriptions of project facts.
#include "project/fact.hpp"

namespace poolcheck::project {

std::string_view to_string(file_kind k) {
  switch (k) {
  case file_kind::prisma_schema:
    return "schema.prisma";
  case file_kind::prisma_config:
    return "prisma.config.ts";
  case file_kind::drizzle_config:
    return "drizzle.config.ts";
  case file_kind::package_json:
    return "package.json";
  case file_kind::package_lock:
    return "package-lock.json";
  case file_kind::pnpm_lock:
    return "pnpm-lock.yaml";
  case file_kind::yarn_lock:
    return "yarn.lock";
  case file_kind::bun_lock:
    return "bun.lock";
  case file_kind::pyproject_toml:
    return "pyproject.toml";
  case file_kind::requirements_txt:
    return "requirements.txt";
  case file_kind::go_mod:
    return "go.mod";
  case file_kind::cargo_toml:
    return "Cargo.toml";
  case file_kind::gemfile:
    return "Gemfile";
  case file_kind::pom_xml:
    return "pom.xml";
  case file_kind::build_gradle:
    return "build.gradle";
  case file_kind::build_gradle_kts:
    return "build.gradle.kts";
  }
  return "?";
}

std::string describe(origin const& o, std::string_view path) {
  std::string out(path.empty() ? to_string(o.file) : path);
  if (o.line > 0)
    out += ":" + std::to_string(o.line);
  if (!o.key.empty())
    out += " " + o.key;
  return out;
}

bool is_variable_name(std::string_view name) {
  auto letter = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  };
  if (name.empty() || !letter(name.front()))
    return false;
  for (char c : name)
    if (!letter(c) && !(c >= '0' && c <= '9'))
      return false;
  return true;
}

} // namespace poolcheck::project
