// The context of a finding, in words and in JSON.
#include "report/finding_context.hpp"

#include <algorithm>
#include <string_view>

namespace poolcheck::report {
namespace {

bool assumed(diagnostic const& d, std::string_view fact) {
  return std::find(d.assumed.begin(), d.assumed.end(), fact) != d.assumed.end();
}

/// `name value (origin)`, or what was assumed in its place; empty when a flag gave it (the user
/// knows).
std::string describe(diagnostic const& d, std::string_view name, finding_context::fact const& f,
                     std::string_view assumed_value) {
  if (f.origin.starts_with("--"))
    return {};
  std::string out(name);
  out += ' ';
  out += f.value.empty() ? "unknown" : f.value;
  if (!f.origin.empty())
    out += " (" + f.origin + ")";
  if (assumed(d, name))
    out += std::string(", assumed ") + std::string(assumed_value);
  return out;
}

json fact_json(finding_context::fact const& f) {
  return json{{"value", f.value.empty() ? json(nullptr) : json(f.value)},
              {"origin", f.origin.empty() ? json(nullptr) : json(f.origin)}};
}

} // namespace

std::string context_summary(diagnostic const& d) {
  if (!d.context)
    return {};
  std::string out;
  auto add = [&](std::string part) {
    if (!part.empty())
      out += (out.empty() ? "" : "; ") + part;
  };
  if (d.reads & reads_client)
    add(describe(d, "client", d.context->client, "Prisma's query engine"));
  if (d.reads & reads_role)
    add(describe(d, "role", d.context->role, ""));
  if (d.reads & reads_target)
    add(describe(d, "target", d.context->target, "serverless"));
  return out;
}

json context_json(diagnostic const& d) {
  if (!d.context)
    return nullptr;
  finding_context const& c = *d.context;
  return json{{"provider", c.provider.empty() ? json(nullptr) : json(c.provider)},
              {"endpoint", c.endpoint.empty() ? json(nullptr) : json(c.endpoint)},
              {"role", fact_json(c.role)},
              {"client", fact_json(c.client)},
              {"target", fact_json(c.target)}};
}

json assumed_json(diagnostic const& d) {
  return json(d.assumed);
}

} // namespace poolcheck::report
