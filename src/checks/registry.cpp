// The sorted list of code rules: code -> function.
#include "checks/registry.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace poolcheck::checks {
namespace {

constexpr std::array<std::pair<std::string_view, code_rule>, 21> code_rules{{
    {"ENV001", &env00x_syntax},
    {"ENV002", &env00x_syntax},
    {"ENV003", &env00x_syntax},
    {"ENV004", &env00x_syntax},
    {"ENV005", &env00x_syntax},
    {"ENV006", &env00x_syntax},
    {"ENV101", &env101_unquoted_hash_in_url},
    {"ENV102", &env102_dollar_in_url},
    {"ENV103", &env103_duplicate_url_key},
    {"ENV201", &env20x_suppressions},
    {"ENV202", &env20x_suppressions},
    {"POOL001", &pool001_connection_limit_on_direct},
    {"PRISMA013", &prisma013_direct_url_missing},
    {"SUPA005", &supa005_pooler_user_without_ref},
    {"URL001", &url00x_syntax},
    {"URL002", &url00x_syntax},
    {"URL003", &url00x_syntax},
    {"URL004", &url00x_syntax},
    {"URL005", &url00x_syntax},
    {"URL006", &url00x_syntax},
    {"URL007", &url00x_syntax},
}};

} // namespace

code_rule find_code_rule(std::string_view code) {
  auto it = std::find_if(code_rules.begin(), code_rules.end(),
                         [&](auto const& p) { return p.first == code; });
  return it == code_rules.end() ? nullptr : it->second;
}

} // namespace poolcheck::checks
