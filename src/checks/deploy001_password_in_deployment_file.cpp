// DEPLOY001 password-in-deployment-file: a provider database's password written in a deployment
// file that git does not ignore. Unlike a .env file, such a file is committed: everyone who can
// read the repository, and its history, can connect. Platforms keep secrets apart (`fly secrets`,
// `wrangler secret`, Kubernetes Secrets, GitHub's `secrets`), and a file should reference them.
#include "checks/registry.hpp"

namespace poolcheck::checks {

void deploy001_password_in_deployment_file(engine::rule const& r, checked_document const& in,
                                           engine::url_facts const& f, engine::sink& out) {
  switch (f.entry.format) {
  case source_format::dotenv: // usually gitignored, and checked for what it is
  case source_format::lone_value:
  case source_format::environment:
    return;
  default:
    break;
  }
  if (in.gitignored || !f.matched || !f.info.password || f.info.password->raw.empty() ||
      f.in_placeholder(f.info.password->raw))
    return;
  out.report(r, f.file_span(f.info.password->raw), f.entry.name,
             {{"provider", f.matched->provider_name}});
}

} // namespace poolcheck::checks
