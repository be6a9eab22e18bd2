// The check pipeline for one document. Each step below runs once, in this order.
#include "engine/analysis.hpp"

#include "core/ascii.hpp"
#include "core/redact.hpp"
#include "engine/code_rule.hpp"
#include "engine/data_rules.hpp"
#include "engine/endpoints.hpp"
#include "engine/placeholders.hpp"
#include "engine/sink.hpp"
#include "engine/suppressions.hpp"
#include "engine/url_facts.hpp"
#include "env/document.hpp"
#include "pg/conninfo.hpp"

#include <boost/unordered/unordered_flat_map.hpp>

#include <algorithm>
#include <charconv>

namespace poolcheck::engine {
namespace {

bool selected(std::string_view code, check_options const& o) {
  auto matches = [&](std::string const& prefix) {
    return code.starts_with(prefix);
  };
  if (!o.select.empty() && std::none_of(o.select.begin(), o.select.end(), matches))
    return false;
  return std::none_of(o.ignore.begin(), o.ignore.end(), matches);
}

/// The client that reads variable `name`: config `[variables.NAME]`, else the options' (flag,
/// config or project), else what the name implies, else unknown.
client_choice client_of(std::string_view name, rule_set const& rules, check_options const& o) {
  if (auto v = o.variables.find(name); v != o.variables.end() && v->second.client)
    return {*v->second.client, v->second.client_origin};
  if (o.client.value != client::unknown)
    return o.client;
  if (rules.prisma_names.matches(name))
    return {client::prisma, "the name " + std::string(name)};
  return o.client;
}

void match_endpoint(url_facts& f, rule_set const& rules) {
  if (f.info.hosts.size() != 1 || f.info.hosts.front().unix_socket || f.info.hosts.front().ipv6)
    return; // multi-host and socket URLs are never provider endpoints we rewrite
  // A template host (`ep-xxx...`, `db.[REF].supabase.co`, an empty label) is no provider's: every
  // provider finding and host rewrite rests on the match, so none rests on a placeholder.
  pg::host const& h = f.info.hosts.front();
  if (f.in_placeholder(h.raw))
    return;
  // A template port (`PORT`, `<port>`) is no known port: an endpoint told by its port is unknown.
  bool const port_unknown = h.port && f.in_placeholder(h.port->raw);
  if (auto found =
          find_endpoint(rules, h.name, port_unknown ? std::nullopt : std::optional(f.port))) {
    f.matched = found->first;
    f.host_captures = std::move(found->second);
  }
}

/// The migrations tools `options` says connect with variable `name`.
std::vector<migrations_source const*> migrations_of(std::string_view name,
                                                    check_options const& options) {
  std::vector<migrations_source const*> out;
  for (auto const& m : options.migrations)
    if (m.variable == name)
      out.push_back(&m);
  return out;
}

/// Per entry, the index of the last assignment of its name in its scope (dotenv keeps that one).
std::vector<std::size_t> last_assignments(poolcheck::document const& doc) {
  boost::unordered_flat_map<std::pair<std::uint32_t, std::string_view>, std::size_t> last;
  last.reserve(doc.entries.size());
  for (std::size_t i = 0; i < doc.entries.size(); ++i)
    last[{doc.entries[i].scope, doc.entries[i].name}] = i;
  std::vector<std::size_t> out(doc.entries.size());
  for (std::size_t i = 0; i < doc.entries.size(); ++i)
    out[i] = last[{doc.entries[i].scope, doc.entries[i].name}];
  return out;
}

/// The context of the connection string in `e`.
url_facts context_of(entry const& e, pg::conninfo const& info, rule_set const& rules,
                     check_options const& options) {
  url_facts f{e,
              info,
              role_of(e.name, rules, options),
              client_of(e.name, rules, options),
              options.target,
              nullptr,
              {},
              first_port(info),
              migrations_of(e.name, options),
              joined(placeholders_in(info, e.logical_value, options.template_file))};
  match_endpoint(f, rules);
  return f;
}

/// What reports show of `f`'s context, shared by its findings.
std::shared_ptr<finding_context const> shown_context(url_facts const& f) {
  auto c = std::make_shared<finding_context>();
  if (f.matched) {
    c->provider = f.matched->provider;
    c->endpoint = f.matched->kind;
  }
  c->role = {std::string(to_string(f.role.value)), f.role.origin};
  if (f.client.value != client::unknown)
    c->client = {std::string(to_string(f.client.value)), f.client.origin};
  else if (f.client.not_prisma)
    c->client = {"", f.client.origin}; // a manifest without Prisma or a known driver
  if (f.target.value)
    c->target = {std::string(to_string(*f.target.value)), f.target.origin};
  return c;
}

/// Every password, in file order: a URL's userinfo one, then the value of each parameter whose
/// name holds `password` (`password`, `sslpassword`: libpq reads them in both forms).
void add_secrets(url_facts const& f, std::vector<byte_span>& out) {
  if (f.info.form == pg::form::url && f.info.password && !f.info.password->raw.empty())
    out.push_back(f.file_span(f.info.password->raw));
  for (auto const& p : f.info.params)
    if (ascii::lowered(p.key).find("password") != std::string::npos && !p.raw_value.empty())
      out.push_back(f.file_span(p.raw_value));
}

/// What output must not show of a value that is not a checked connection string: all of it, or,
/// when it looks like a URL (`scheme://user:pass@host`), from its userinfo to its last `@`. A value
/// a `#` cut short is taken with the rest of the line it meant (`postgres://u:p#ss@h/db`).
byte_span unchecked_value(poolcheck::document const& doc, entry const& e) {
  if (e.cut_by_hash()) {
    std::size_t const begin = e.raw_value.begin;
    auto const part = userinfo_to_last_at(doc.text.substr(begin, e.comment->end - begin));
    return part ? part->shifted(begin) : byte_span{begin, e.comment->end};
  }
  auto const part = userinfo_to_last_at(e.logical_value);
  return part ? e.raw_span(part->begin, part->end) : e.inner;
}

} // namespace

role_choice role_of(std::string_view name, rule_set const& rules, check_options const& options) {
  if (auto v = options.variables.find(name); v != options.variables.end() && v->second.role)
    return {*v->second.role, v->second.role_origin};
  if (options.file_role)
    return *options.file_role;
  return {rules.direct_names.matches(name) ? role::direct : role::runtime,
          "the name " + std::string(name)};
}

file_report analyze(poolcheck::document const& doc, rule_set const& rules,
                    check_options const& options) {
  file_report report;
  std::vector<byte_span> masked = doc.hidden_lines;
  sink out(report.diagnostics);
  checked_document in{doc, rules, false, last_assignments(doc), {}, options.gitignored};
  // Even an empty one counts: dotenv does not override a variable the platform sets.
  in.has_direct_entry = std::any_of(doc.entries.begin(), doc.entries.end(), [&](entry const& e) {
    return role_of(e.name, rules, options).value == role::direct;
  });

  // 1. The selected rules: those that read the whole document run now, the others below.
  std::vector<rule const*> per_string;
  for (auto const& r : rules.rules) {
    if (r.kind == rule_kind::suppression || !selected(r.code, options))
      continue;
    if (auto const* check = std::get_if<document_check>(&r.check))
      (*check)(r, in, out);
    else
      per_string.push_back(&r);
  }

  // 2. Each connection string: its context, found once, then every rule that reads it. Findings
  // are sorted below, so the order rules run in does not show.
  for (entry const& e : doc.entries) {
    // A value cut short by `#` is not what the author wrote: ENV101 reports it, nothing else
    // until it is quoted.
    if (!pg::is_connection_string(e.logical_value) || e.cut_by_hash()) {
      masked.push_back(unchecked_value(doc, e));
      continue;
    }
    pg::conninfo const info = pg::parse(e.logical_value);
    url_facts const f = context_of(e, info, rules, options);
    auto const shown = shown_context(f);
    add_secrets(f, report.secrets);
    if (std::any_of(info.problems.begin(), info.problems.end(), [](pg::syntax_problem const& p) {
          return p.kind == pg::problem_kind::unparsable;
        }))
      masked.push_back(e.inner); // where its passwords end cannot be told
    // A port that is not a number is often a password whose `@host` is missing
    // (`postgres://user:secret`): it is not shown.
    for (auto const& h : info.hosts)
      if (h.port && !std::all_of(h.port->raw.of(e.logical_value).begin(),
                                 h.port->raw.of(e.logical_value).end(),
                                 [](char c) { return c >= '0' && c <= '9'; }))
        masked.push_back(f.file_span(h.port->raw));
    for (rule const* r : per_string) {
      auto const assumed = conditions_hold(r->when, f);
      if (!assumed)
        continue;
      out.judging(shown, reads_of(r->when), *assumed);
      if (auto const* check = std::get_if<connection_string_check>(&r->check))
        (*check)(*r, in, f, out);
      else
        run_data_rule(*r, rules, f, out);
    }
    out.judging(nullptr, 0, {});
  }

  report.masked = joined(std::move(masked));

  // 3. Inline suppressions, once every other finding exists.
  apply_suppressions(doc, rules, report.diagnostics,
                     [&](std::string_view code) { return selected(code, options); });

  // 4. Severities from config, then file order. A finding that rests on a guess fails no build.
  for (auto& d : report.diagnostics) {
    if (auto it = options.severities.find(d.code); it != options.severities.end())
      d.severity = it->second;
    if (!d.assumed.empty())
      d.severity = severity::info;
  }
  std::stable_sort(report.diagnostics.begin(), report.diagnostics.end(),
                   [](diagnostic const& a, diagnostic const& b) {
                     if (a.span.begin != b.span.begin)
                       return a.span.begin < b.span.begin;
                     return a.code < b.code;
                   });
  return report;
}

file_report analyze(std::string_view text, rule_set const& rules, check_options const& options) {
  return analyze(env::parse(text), rules, options);
}

file_report analyze_value(std::string_view name, std::string_view value, rule_set const& rules,
                          check_options const& options) {
  poolcheck::document doc;
  doc.text = value;
  doc.format = source_format::lone_value;
  entry e;
  e.name = name;
  e.raw_value = e.inner = e.line = {0, value.size()};
  e.logical_value = value;
  e.format = source_format::lone_value;
  doc.entries.push_back(std::move(e));
  return analyze(doc, rules, options);
}

} // namespace poolcheck::engine
