// Interpreters for data rules. Each opens with the rule's conditions, then finds its subject.
#include "engine/data_rules.hpp"

#include "core/ascii.hpp"
#include "engine/endpoints.hpp"
#include "engine/template.hpp"
#include "engine/url_edits.hpp"

#include <algorithm>
#include <charconv>

namespace poolcheck::engine {
namespace {

bool contains(std::vector<std::string> const& list, std::string_view s) {
  return std::any_of(list.begin(), list.end(),
                     [&](std::string const& x) { return ascii::iequals(x, s); });
}

std::optional<long long> integer(std::string_view s) {
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size())
    return std::nullopt;
  return v;
}

/// Whether an edit of `key` changes where the URL connects, or as whom.
bool steers(std::string_view key) {
  return key == "host" || key == "hostaddr" || key == "port" || key == "user" ||
         key == "password" || key == "dbname";
}

/// A parameter's value as a message may quote it: a value that runs into what follows it (a second
/// `?`, a space, another pair) may hold password text, and is not shown.
std::string quotable(std::string_view value) {
  bool const plain = value.size() <= 64 && value.find_first_of("?&=#@ \t\r\n") == value.npos;
  return plain ? std::string(value) : std::string("(not shown)");
}

/// Placeholder values every rule about a URL can use.
vars base_vars(url_facts const& f) {
  vars v{{"client", std::string(to_string(f.client.value))},
         {"target", f.target.value ? std::string(to_string(*f.target.value)) : "unknown"},
         {"role", std::string(to_string(f.role.value))},
         {"port", std::to_string(f.port)}};
  if (!f.info.hosts.empty())
    v["host"] = f.info.hosts.front().name;
  if (f.matched) {
    v["provider"] = f.matched->provider_name;
    v["endpoint"] = f.matched->kind;
    for (auto const& [name, value] : f.host_captures)
      v[name] = value;
  }
  return v;
}

/// The parameters a move to endpoint `to` newly requires of this URL for the client that reads it:
/// what a safe error-level param-missing rule with a fixed value demands there and not where the
/// URL points now (Prisma on Supavisor's transaction mode needs `pgbouncer=true`). A fix that moves
/// the URL adds them, so that it never writes a URL its reader fails on; nothing resting on a
/// guess.
std::vector<rule const*> newly_required(rule_set const& rules, url_facts const& f,
                                        endpoint const& to, int port) {
  if (!to.builtin)
    return {}; // a repository's rule folder steers no fix (see run_data_rule's `trusted`)
  url_facts moved = f;
  moved.matched = &to;
  moved.port = port;
  std::vector<rule const*> out;
  for (auto const& r : rules.rules) {
    if (r.kind != rule_kind::param_missing || r.fix != fix_safety::safe || r.values.empty() ||
        r.severity != severity::error || !r.builtin || steers(r.param) || f.info.find(r.param))
      continue;
    auto const there = conditions_hold(r.when, moved);
    if (there && !there->client && !there->target && !conditions_hold(r.when, f))
      out.push_back(&r);
  }
  return out;
}

/// The edits that move the URL to `host` (and `port`, if set), with what the endpoint there newly
/// requires of its reader; no edits where the moved URL would not work for it: a parameter that
/// cannot be appended (parameters not every client reads alike, a fragment), or two appended at
/// one place.
struct move {
  std::vector<edit> edits;
  std::vector<rule const*> needed;
};

move moved_to(rule_set const& rules, url_facts const& f, std::string const& host,
              std::optional<int> port) {
  move out{set_host_port(f, host, port), {}};
  int const new_port = port.value_or(f.port);
  if (auto to = find_endpoint(rules, host, new_port))
    out.needed = newly_required(rules, f, *to->first, new_port);
  for (rule const* n : out.needed) {
    auto add = append_param(f, n->param, n->values.front());
    if (add.empty() || out.needed.size() > 1) {
      out.edits.clear();
      break;
    }
    out.edits.insert(out.edits.end(), add.begin(), add.end());
  }
  out.edits = joined(std::move(out.edits)); // a port inserted where the parameter is appended
  return out;
}

/// ", with `pgbouncer=true`" for each of `needed`.
std::string with_params(std::vector<rule const*> const& needed) {
  std::string out;
  for (rule const* r : needed)
    out += ", with `" + r->param + "=" + r->values.front() + "`";
  return out;
}

void run_endpoint(rule const& r, rule_set const& rules, url_facts const& f, sink& out,
                  bool trusted) {
  if (!f.matched || f.info.hosts.size() != 1)
    return;
  vars v = base_vars(f);
  auto lookup_caps = [&](std::string_view name) -> std::optional<std::string> {
    if (auto it = v.find(name); it != v.end())
      return it->second;
    return std::nullopt;
  };
  std::vector<edit> edits;
  v["also"] = ""; // the parameters the new endpoint requires, if any (newly_required)
  std::string const& host_tmpl =
      r.rewrite == "pooled" ? f.matched->pooled_host : f.matched->direct_host;
  std::optional<int> port = r.rewrite == "pooled" ? f.matched->pooled_port : f.matched->direct_port;
  pg::host const& h = f.info.hosts.front();
  // A new host is built from the decoded host's captures, and so written as the host was only when
  // it was written plain: a percent-encoded provider host is a mistake to point at, not to decode.
  bool const host_written_plain = h.raw.of(f.entry.logical_value) == h.name;
  if (!r.rewrite.empty() && (!host_tmpl.empty() || port) &&
      (host_tmpl.empty() || host_written_plain)) {
    std::string host = host_tmpl.empty()
                           ? std::string(f.info.hosts.front().raw.of(f.entry.logical_value))
                           : expand(host_tmpl, lookup_caps);
    v["new_host"] = host;
    v["new_port"] = std::to_string(port.value_or(f.port));
    move m = moved_to(rules, f, host, port);
    edits = std::move(m.edits);
    v["also"] = with_params(m.needed);
  }
  if (!f.matched->pooled_template.empty()) {
    v["template"] = expand(f.matched->pooled_template, lookup_caps);
    // The template is a URL to copy: what its endpoint requires of this client comes with it.
    if (endpoint const* to =
            endpoint_of_kind(rules, f.matched->provider, f.matched->pooled_template_kind);
        to && v["also"].empty())
      v["also"] = with_params(newly_required(rules, f, *to, to->port.value_or(5432)));
  }
  // A migrations tool connects with it too: moved to a pooler, the app is right and migrations
  // break (PRISMA014), so the move waits for the user to give migrations a variable of their own.
  bool const moves_migrations = r.rewrite == "pooled" && !f.migrated_by.empty();
  if (moves_migrations && !edits.empty())
    v["also"] += "; " + std::string(to_string(f.migrated_by.front()->tool)) +
                 " connects with it too: give migrations a variable of their own first";
  byte_span span{h.raw.begin, h.port ? h.port->raw.end : h.raw.end};
  out.report_value(r, f.entry, span, v, edits, !trusted || moves_migrations); // a new host or port
}

void run_param_missing(rule const& r, rule_set const& rules, url_facts const& f, sink& out,
                       bool trusted) {
  if (f.info.find(r.param))
    return;
  vars v = base_vars(f);
  v["param"] = r.param;
  auto meta = rules.parameters.find(r.param);
  std::vector<edit> edits;
  if (!r.values.empty()) {
    v["recommended"] = r.values.front();
    edits = append_param(f, r.param, r.values.front());
  } else if (meta != rules.parameters.end() && meta->second.recommended) {
    v["recommended"] = std::to_string(*meta->second.recommended);
    edits = append_param(f, r.param, v["recommended"]);
  }
  if (meta != rules.parameters.end() && meta->second.minimum)
    v["minimum"] = std::to_string(*meta->second.minimum);
  out.report_value(r, f.entry, {0, f.info.end}, v, edits, !trusted && steers(r.param));
}

void run_param_present(rule const& r, rule_set const& rules, url_facts const& f, sink& out,
                       bool trusted) {
  auto const* in = r.params_in.empty() ? &r.params : &rules.lists.at(r.params_in);
  auto const* not_in = r.params_not_in.empty() ? nullptr : &rules.lists.at(r.params_not_in);
  for (auto const& p : f.info.params) {
    bool listed = not_in ? !contains(*not_in, p.key) : contains(*in, p.key);
    if (!listed || (!r.values.empty() && !contains(r.values, p.value)) ||
        f.in_placeholder(p.raw_key))
      continue; // a template's `?<key>=<value>` names no parameter
    vars v = base_vars(f);
    v["param"] = p.key;
    v["value"] = quotable(p.value);
    out.report_value(r, f.entry, p.raw, v, remove_param(f, p), !trusted && steers(p.key));
  }
}

void run_param_below(rule const& r, rule_set const& rules, url_facts const& f, sink& out,
                     bool trusted) {
  auto const* p = f.info.find(r.param);
  if (!p || f.in_placeholder(p->raw_value))
    return;
  auto value = integer(p->value);
  if (!value)
    return;
  auto const& meta = rules.parameters.at(r.param);
  bool below = meta.minimum && *value < *meta.minimum && (!r.equals || *value != *r.equals);
  bool equal = r.equals && *value == *r.equals;
  if (r.equals ? !equal : !below)
    return;
  vars v = base_vars(f);
  v["param"] = p->key;
  v["value"] = quotable(p->value);
  std::vector<edit> edits;
  if (meta.recommended) {
    v["recommended"] = std::to_string(*meta.recommended);
    edits = set_param_value(f, *p, v["recommended"]);
  }
  if (meta.minimum)
    v["minimum"] = std::to_string(*meta.minimum);
  out.report_value(r, f.entry, p->raw_value.empty() ? p->raw : p->raw_value, v, edits,
                   !trusted && steers(r.param));
}

void run_param_not_in(rule const& r, url_facts const& f, sink& out) {
  auto const* p = f.info.find(r.param);
  if (!p || contains(r.values, p->value) || f.in_placeholder(p->raw_value))
    return; // `sslmode=<sslmode>` is for the reader to fill in
  vars v = base_vars(f);
  v["param"] = p->key;
  v["value"] = quotable(p->value);
  std::string allowed;
  for (auto const& x : r.values)
    allowed += (allowed.empty() ? "`" : ", `") + x + "`";
  v["allowed"] = allowed;
  out.report_value(r, f.entry, p->raw_value.empty() ? p->raw : p->raw_value, v, {});
}

} // namespace

std::optional<assumptions> conditions_hold(conditions const& c, url_facts const& f) {
  assumptions assumed;
  if (!c.providers.empty() && (!f.matched || !contains(c.providers, f.matched->provider)))
    return std::nullopt;
  if (!c.endpoints.empty() && (!f.matched || !contains(c.endpoints, f.matched->kind)))
    return std::nullopt;
  if (c.pooled && (!f.matched || f.matched->pooled != *c.pooled))
    return std::nullopt;
  if (c.role && *c.role != f.role.value)
    return std::nullopt;
  if (c.target) {
    // Advice for serverless is where this tool's incidents happen: with nothing to say where the
    // app runs it is still given, as a guess. Advice for a server is not guessed.
    if (!f.target.value && *c.target != target::serverless)
      return std::nullopt;
    if (f.target.value && *c.target != *f.target.value)
      return std::nullopt;
    assumed.target = !f.target.value;
  }
  if (!c.clients.empty()) {
    if (f.client.value == client::unknown) {
      if (!c.assume_client || f.client.not_prisma)
        return std::nullopt;
      assumed.client = true;
    } else if (std::find(c.clients.begin(), c.clients.end(), f.client.value) == c.clients.end()) {
      return std::nullopt;
    }
  }
  return assumed;
}

unsigned reads_of(conditions const& c) {
  return (c.role ? reads_role : 0u) | (c.clients.empty() ? 0u : reads_client) |
         (c.target ? reads_target : 0u);
}

void run_data_rule(rule const& r, rule_set const& rules, url_facts const& f, sink& out) {
  // A rule folder a repository names may not steer a "safe" fix to another host or user.
  bool const trusted = r.builtin && (!f.matched || f.matched->builtin) &&
                       !rules.user_lists.contains(r.params_in) &&
                       !rules.user_lists.contains(r.params_not_in);
  switch (r.kind) {
  case rule_kind::endpoint:
    return run_endpoint(r, rules, f, out, trusted);
  case rule_kind::param_missing:
    return run_param_missing(r, rules, f, out, trusted);
  case rule_kind::param_present:
    return run_param_present(r, rules, f, out, trusted);
  case rule_kind::param_below:
    return run_param_below(r, rules, f, out, trusted);
  case rule_kind::param_not_in:
    return run_param_not_in(r, f, out);
  case rule_kind::code:
  case rule_kind::suppression:
    return; // not data rules
  }
}

} // namespace poolcheck::engine
