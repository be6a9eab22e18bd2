// PRISMA014 migrations-through-pooler: the project says `prisma migrate` connects with this
// variable (prisma.config.ts's datasource.url in Prisma 7; schema.prisma's url when it has no
// directUrl; else a workflow step that runs it with the variable), and it points at a transaction
// pooler. Migrations need a session: advisory locks,
// SET and prepared statements do not survive transaction pooling. The fix is in another file
// (the schema, the config, or the workflow whose migrate step gets it), so this is advice.
#include "checks/registry.hpp"
#include "engine/template.hpp"

namespace poolcheck::checks {
namespace {

/// Where migrations should connect instead, from the endpoint's data: its direct host (Neon), the
/// same host's session port (Supavisor), else a direct connection.
std::string direct_form(engine::url_facts const& f) {
  engine::endpoint const& ep = *f.matched;
  auto capture = [&](std::string_view name) -> std::optional<std::string> {
    auto it = f.host_captures.find(name);
    return it == f.host_captures.end() ? std::nullopt : std::optional(it->second);
  };
  if (!ep.direct_host.empty())
    return "the direct host `" + engine::expand(ep.direct_host, capture) + "`";
  if (ep.direct_port)
    return "the same host on port " + std::to_string(*ep.direct_port);
  return "a direct connection";
}

} // namespace

void prisma014_migrations_through_pooler(engine::rule const& r, checked_document const&,
                                         engine::url_facts const& f, engine::sink& out) {
  // The rule's `when` holds: Prisma reads it, and it is a transaction pooler's endpoint.
  auto const* migrate = f.migrated_with(engine::migrations_tool::prisma_migrate);
  // A variable that is already a migrations one has its provider's finding (NEON002, SUPA004).
  if (!migrate || f.role.value == engine::role::direct)
    return;
  bool const workflow = migrate->file.ends_with(".yml") || migrate->file.ends_with(".yaml");
  std::string how =
      migrate->file.ends_with(".prisma")
          ? "add `directUrl = env(\"DIRECT_URL\")` to the datasource in " + migrate->file
      : workflow ? "give the migrate step in " + migrate->file + " a URL of its own (`" +
                       std::string(f.entry.name) +
                       ": ${{ secrets.DIRECT_URL }}`) and keep this one "
                       "for the app"
                 : "point `datasource.url` in " + migrate->file +
                       " at a variable of its own (`env(\"DIRECT_URL\")`) and keep this "
                       "one for the app";
  out.report(r, f.file_span(f.info.hosts.front().raw), f.entry.name,
             {{"origin", migrate->origin},
              {"provider", f.matched->provider_name},
              {"how", how},
              {"direct", direct_form(f)}});
}

} // namespace poolcheck::checks
