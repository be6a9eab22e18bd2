// Names of context values as users type them in flags and rule files.
#include "engine/context.hpp"

#include <array>
#include <utility>

namespace poolcheck::engine {
namespace {

constexpr std::array client_names{
    std::pair{client::unknown, "unknown"},
    std::pair{client::prisma, "prisma"},
    std::pair{client::prisma_adapter, "prisma-adapter"},
    std::pair{client::libpq, "libpq"},
    std::pair{client::node_postgres, "node-postgres"},
    std::pair{client::postgres_js, "postgres-js"},
    std::pair{client::asyncpg, "asyncpg"},
};

} // namespace

std::string_view to_string(client c) {
  for (auto const& [value, name] : client_names)
    if (value == c)
      return name;
  return "unknown";
}

std::string_view to_string(target t) {
  return t == target::serverless ? "serverless" : "server";
}

std::string_view to_string(role r) {
  return r == role::runtime ? "runtime" : "direct";
}

std::string_view to_string(migrations_tool t) {
  return t == migrations_tool::prisma_migrate ? "prisma migrate" : "drizzle-kit";
}

std::optional<migrations_tool> parse_migrations_tool(std::string_view s) {
  if (s == "prisma migrate")
    return migrations_tool::prisma_migrate;
  if (s == "drizzle-kit")
    return migrations_tool::drizzle_kit;
  return std::nullopt;
}

std::optional<client> parse_client(std::string_view s) {
  for (auto const& [value, name] : client_names)
    if (name == s)
      return value;
  return std::nullopt;
}

std::optional<target> parse_target(std::string_view s) {
  if (s == "serverless")
    return target::serverless;
  if (s == "server")
    return target::server;
  return std::nullopt;
}

std::optional<role> parse_role(std::string_view s) {
  if (s == "runtime")
    return role::runtime;
  if (s == "direct")
    return role::direct;
  return std::nullopt;
}

std::optional<client> client_for_prisma_version(std::string_view spec) {
  std::size_t i = spec.find_first_not_of("^~v=> ");
  if (i == std::string_view::npos || spec[i] < '0' || spec[i] > '9')
    return std::nullopt;
  // Only whether the major version is 7 or more matters: a long number is not read whole.
  std::size_t digits = spec.find_first_not_of("0123456789", i);
  digits = (digits == std::string_view::npos ? spec.size() : digits) - i;
  spec = spec.substr(i, digits);
  while (spec.size() > 1 && spec.front() == '0')
    spec.remove_prefix(1);
  bool const seven_or_more = spec.size() > 1 || spec.front() >= '7';
  return seven_or_more ? client::prisma_adapter : client::prisma;
}

} // namespace poolcheck::engine
