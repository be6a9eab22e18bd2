// Where a connection string points: its first port, and the provider endpoint a host and port are.
#pragma once

#include "engine/rule.hpp"
#include "pg/conninfo.hpp"

#include <optional>
#include <string_view>
#include <utility>

namespace poolcheck::engine {

/// The first host's port: 5432 when none is written, or when it is no number.
int first_port(pg::conninfo const& info);

/// The first endpoint of `rules` (user files first) at `host` and `port`, with the host's
/// captures; `port` nullopt is a port nobody knows (a template's `PORT`), which no endpoint told
/// by its port matches.
std::optional<std::pair<endpoint const*, captures>>
find_endpoint(rule_set const& rules, std::string_view host, std::optional<int> port);

/// The endpoint of `provider` of kind `kind`, if the rules have one.
endpoint const* endpoint_of_kind(rule_set const& rules, std::string_view provider,
                                 std::string_view kind);

} // namespace poolcheck::engine
