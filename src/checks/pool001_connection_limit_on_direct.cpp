// POOL001 connection-limit-on-direct: on a direct (unpooled) host in serverless, each function
// instance opens its own pool, so connection_limit multiplies by the instance count and exhausts
// max_connections (Neon 0.25 CU: 97 usable). Prisma: start at 1 without an external pooler.
#include "checks/registry.hpp"

#include <charconv>

namespace poolcheck::checks {

void pool001_connection_limit_on_direct(engine::rule const& r, checked_document const&,
                                        engine::url_facts const& f, engine::sink& out) {
  // The rule's `when` holds: a runtime URL on a direct host, in serverless.
  auto const* p = f.info.find("connection_limit");
  if (!p)
    return;
  long long limit = 0;
  auto [end, ec] = std::from_chars(p->value.data(), p->value.data() + p->value.size(), limit);
  if (ec != std::errc() || end != p->value.data() + p->value.size() || limit <= 1)
    return;
  out.report(r, f.file_span(p->raw), f.entry.name,
             {{"value", p->value}, {"provider", f.matched->provider_name}});
}

} // namespace poolcheck::checks
