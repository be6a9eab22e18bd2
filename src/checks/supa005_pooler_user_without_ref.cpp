// SUPA005 pooler-user-without-ref: Supavisor (the shared pooler) finds the project from the user
// name, `postgres.<project-ref>`; a bare `postgres` gets "Tenant or user not found".
#include "checks/registry.hpp"

namespace poolcheck::checks {

void supa005_pooler_user_without_ref(engine::rule const& r, checked_document const&,
                                     engine::url_facts const& f, engine::sink& out) {
  if (!f.matched || f.matched->provider != "supabase" || f.matched->kind.rfind("supavisor", 0) != 0)
    return;
  if (!f.info.user || f.info.user->decoded.empty() ||
      f.info.user->decoded.find('.') != std::string::npos)
    return;
  if (f.info.user->decoded.front() == '[' || f.info.user->decoded.front() == '<' ||
      f.info.user->decoded.front() == '$' || f.in_placeholder(f.info.user->raw))
    return; // a placeholder, not a real user name
  out.report(r, f.file_span(f.info.user->raw), f.entry.name, {{"user", f.info.user->decoded}});
}

} // namespace poolcheck::checks
