// PRISMA014 migrations-through-pooler: the project says `prisma migrate` connects with this
// variable (prisma.config.ts's datasource.url in Prisma 7; schema.prisma's url when it has no
// directUrl), and it points at a transaction pooler. Migrations need a session: advisory locks,
// SET and prepared statements do not survive transaction pooling. The fix is in another file
// (the schema or the config), so this is advice.
#include "checks/registry.hpp"

namespace poolcheck::checks {

void prisma014_migrations_through_pooler(engine::rule const& r, checked_document const&,
                                         engine::url_facts const& f, engine::sink& out) {
  // The rule's `when` holds: Prisma reads it, and it is a transaction pooler's endpoint.
  auto const* migrate = f.migrated_with("prisma migrate");
  if (!migrate)
    return;
  bool const config = f.client.value == engine::client::prisma_adapter ||
                      migrate->origin.starts_with("prisma.config");
  std::string how = config ? "point `datasource.url` in prisma.config.ts at a direct variable "
                             "(`env(\"DIRECT_URL\")`) and keep the pooled one for the adapter"
                           : "add `directUrl = env(\"DIRECT_URL\")` to the datasource in "
                             "schema.prisma";
  out.report(
      r, f.file_span(f.info.hosts.empty() ? byte_span{0, f.info.end} : f.info.hosts.front().raw),
      f.entry.name,
      {{"origin", migrate->origin},
       {"provider", f.matched ? f.matched->provider_name : std::string("the provider")},
       {"how", how}});
}

} // namespace poolcheck::checks
