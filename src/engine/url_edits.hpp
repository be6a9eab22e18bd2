// Edits on a connection string that keep every other byte as written: append, remove or change a
// query parameter, replace the host or port. Offsets are in the entry's logical value; the
// result is file edits in the entry's own quoting (none when the quoting cannot hold them).
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
/// Host of the first host entry, and its port when `port` is set and differs.
std::vector<edit> set_host_port(url_facts const& f, std::string_view host, std::optional<int> port);

} // namespace poolcheck::engine
