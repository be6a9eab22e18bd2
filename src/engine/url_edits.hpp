// Edits on a connection string that keep every other byte as written: append, remove or change a
// query parameter, replace the host or port. The edits are on the entry's logical value (spans
// relative to it); env::to_file_edits turns them into file edits in the entry's quoting.
#pragma once

#include "core/diagnostic.hpp"
#include "engine/url_facts.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace poolcheck::engine {

std::vector<edit> append_param(url_facts const& f, std::string_view key, std::string_view value);
std::vector<edit> remove_param(url_facts const& f, pg::param const& p);
std::vector<edit> set_param_value(url_facts const& f, pg::param const& p, std::string_view value);
/// Host of the (single) host entry, and its port when `port` is set and differs. URL form only:
/// in keyword strings host and port are separate keywords.
std::vector<edit> set_host_port(url_facts const& f, std::string_view host, std::optional<int> port);

/// One fix's edits, computed on the same text, with those that meet made one: a port inserted
/// where a parameter is appended (`host` -> `host:6543?pgbouncer=true`). Sorted by position; the
/// order of edits at one place is kept.
std::vector<edit> joined(std::vector<edit> edits);

} // namespace poolcheck::engine
