// DRIZZLE001 drizzle-kit-through-transaction-pooler: the project's drizzle.config says drizzle-kit
// connects with this variable, and it points at Supavisor's transaction mode, where push and pull
// hang. The fix is in another file (drizzle.config.ts), so this is advice.
#include "checks/registry.hpp"

namespace poolcheck::checks {

void drizzle001_drizzle_kit_through_transaction_pooler(engine::rule const& r,
                                                       checked_document const&,
                                                       engine::url_facts const& f,
                                                       engine::sink& out) {
  // The rule's `when` holds: Supavisor's transaction mode.
  auto const* kit = f.migrated_with(engine::migrations_tool::drizzle_kit);
  // A variable that is already a migrations one has SUPA004.
  if (!kit || f.role.value == engine::role::direct)
    return;
  out.report(r, f.file_span(f.info.hosts.front().raw), f.entry.name, {{"origin", kit->origin}});
}

} // namespace poolcheck::checks
