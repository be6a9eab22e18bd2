// The sorted list of code rules: code -> hook.
#include "checks/registry.hpp"

#include <array>

namespace poolcheck::checks {
namespace {

using engine::connection_string_check;
using engine::document_check;

constexpr std::array<engine::code_rule, 22> table{{
    {"DEPLOY001", connection_string_check{&deploy001_password_in_deployment_file}},
    {"DRIZZLE001", connection_string_check{&drizzle001_drizzle_kit_through_transaction_pooler}},
    {"ENV001", document_check{&env00x_syntax}},
    {"ENV002", document_check{&env00x_syntax}},
    {"ENV003", document_check{&env00x_syntax}},
    {"ENV004", document_check{&env00x_syntax}},
    {"ENV005", document_check{&env00x_syntax}},
    {"ENV006", document_check{&env00x_syntax}},
    {"ENV101", document_check{&env101_unquoted_hash_in_url}},
    {"ENV102", connection_string_check{&env102_dollar_in_url}},
    {"ENV103", document_check{&env103_duplicate_url_key}},
    {"POOL001", connection_string_check{&pool001_connection_limit_on_direct}},
    {"PRISMA013", connection_string_check{&prisma013_direct_url_missing}},
    {"PRISMA014", connection_string_check{&prisma014_migrations_through_pooler}},
    {"SUPA005", connection_string_check{&supa005_pooler_user_without_ref}},
    {"URL001", connection_string_check{&url00x_syntax}},
    {"URL002", connection_string_check{&url00x_syntax}},
    {"URL003", connection_string_check{&url00x_syntax}},
    {"URL004", connection_string_check{&url00x_syntax}},
    {"URL005", connection_string_check{&url00x_syntax}},
    {"URL006", connection_string_check{&url00x_syntax}},
    {"URL007", connection_string_check{&url00x_syntax}},
}};

} // namespace

std::span<engine::code_rule const> code_rules() {
  return table;
}

} // namespace poolcheck::checks
