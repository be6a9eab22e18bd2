#include "engine/endpoints.hpp"

#include <charconv>

namespace poolcheck::engine {

int first_port(pg::conninfo const& info) {
  if (info.hosts.empty() || !info.hosts.front().port || info.hosts.front().port->decoded.empty())
    return 5432;
  int port = 0;
  auto const& text = info.hosts.front().port->decoded;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  return (ec == std::errc() && end == text.data() + text.size()) ? port : 5432;
}

std::optional<std::pair<endpoint const*, captures>>
find_endpoint(rule_set const& rules, std::string_view host, std::optional<int> port) {
  for (auto const& ep : rules.endpoints) {
    if (ep.port && (!port || *ep.port != *port))
      continue;
    if (auto caps = ep.host.match(host))
      return std::pair{&ep, std::move(*caps)};
  }
  return std::nullopt;
}

endpoint const* endpoint_of_kind(rule_set const& rules, std::string_view provider,
                                 std::string_view kind) {
  for (auto const& ep : rules.endpoints)
    if (ep.provider == provider && ep.kind == kind)
      return &ep;
  return nullptr;
}

} // namespace poolcheck::engine
