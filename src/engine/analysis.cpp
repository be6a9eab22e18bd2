// The check pipeline for one file: env::parse -> connection strings -> context -> rules.
#include "engine/analysis.hpp"

#include "checks/registry.hpp"
#include "engine/data_rules.hpp"
#include "engine/sink.hpp"
#include "engine/suppressions.hpp"
#include "env/document.hpp"
#include "pg/conninfo.hpp"

#include <algorithm>
#include <charconv>
#include <deque>

namespace poolcheck::engine {
namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool selected(std::string_view code, check_options const& o) {
  auto matches = [&](std::string const& prefix) {
    return code.rfind(prefix, 0) == 0;
  };
  if (!o.select.empty() && std::none_of(o.select.begin(), o.select.end(), matches))
    return false;
  return std::none_of(o.ignore.begin(), o.ignore.end(), matches);
}

client_choice client_for(std::string_view name, rule_set const& rules, check_options const& o) {
  if (o.client.value != client::unknown)
    return o.client;
  for (auto const& pattern : rules.prisma_names)
    if (glob_match(pattern, name))
      return {client::prisma, "the variable name " + std::string(name)};
  return o.client;
}

int port_of(pg::conninfo const& info) {
  if (info.hosts.empty() || !info.hosts.front().port || info.hosts.front().port->decoded.empty())
    return 5432;
  int port = 0;
  auto const& text = info.hosts.front().port->decoded;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  return (ec == std::errc() && end == text.data() + text.size()) ? port : 5432;
}

void match_endpoint(url_facts& f, rule_set const& rules) {
  if (f.info.hosts.size() != 1 || f.info.hosts.front().unix_socket || f.info.hosts.front().ipv6)
    return; // multi-host and socket URLs are never provider endpoints we rewrite
  for (auto const& ep : rules.endpoints) {
    if (ep.port && *ep.port != f.port)
      continue;
    if (auto caps = ep.host.match(f.info.hosts.front().name)) {
      f.matched = &ep;
      f.host_captures = std::move(*caps);
      return;
    }
  }
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative `*` matching with one backtrack point: linear in practice, never exponential.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] != '*' && lower(pattern[p]) == lower(text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

role role_of(std::string_view name, rule_set const& rules) {
  for (auto const& pattern : rules.direct_names)
    if (glob_match(pattern, name))
      return role::direct;
  return role::runtime;
}

namespace {

file_report run_rules(env::document const& doc, rule_set const& rules, check_options const& options,
                      bool whole_file) {
  file_report report;

  // Parse every connection string once; the deque keeps conninfo addresses stable.
  std::deque<pg::conninfo> infos;
  std::vector<url_facts> urls;
  for (auto const& e : doc.entries) {
    auto kind = pg::classify(e.logical_value);
    if (kind != pg::scheme_kind::postgres && kind != pg::scheme_kind::keyword)
      continue;
    if (e.cut_by_hash())
      continue; // not what the author wrote: ENV101 reports it, nothing else until it is quoted
    pg::conninfo const& info = infos.emplace_back(pg::parse(e.logical_value));
    url_facts f{e, info, role::runtime, {}, target::serverless, nullptr, {}, 5432};
    f.role = role_of(e.name, rules);
    f.client = client_for(e.name, rules, options);
    if (auto v = options.variables.find(e.name); v != options.variables.end()) {
      if (v->second.role)
        f.role = *v->second.role;
      if (v->second.client)
        f.client = {*v->second.client, "config [variables." + e.name + "]"};
    }
    f.target = options.target;
    f.port = port_of(info);
    match_endpoint(f, rules);
    if (info.password && !info.password->raw.empty())
      report.secrets.push_back(f.file_span(info.password->raw));
    urls.push_back(std::move(f));
  }

  sink out(report.diagnostics);
  rule const* suppression_rules[2] = {nullptr, nullptr};
  for (auto const& r : rules.rules) {
    if (r.code == "ENV201" || r.code == "ENV202") {
      // Findings about suppressions come after every other finding exists.
      if (selected(r.code, options))
        suppression_rules[r.code == "ENV201" ? 0 : 1] = &r;
      continue;
    }
    if (!selected(r.code, options))
      continue;
    if (r.kind == rule_kind::code) {
      auto fn = checks::find_code_rule(r.code);
      if (!fn)
        continue;
      fn(r, checks::input{doc, rules, nullptr, urls, whole_file}, out);
      for (auto const& f : urls)
        fn(r, checks::input{doc, rules, &f, urls, whole_file}, out);
      continue;
    }
    for (auto const& f : urls)
      run_data_rule(r, rules, f, out);
  }
  if (whole_file)
    apply_suppressions(doc, rules, report.diagnostics, suppression_rules[0], suppression_rules[1]);
  for (auto& d : report.diagnostics)
    if (auto it = options.severities.find(d.code); it != options.severities.end())
      d.severity = it->second;
  std::stable_sort(report.diagnostics.begin(), report.diagnostics.end(),
                   [](diagnostic const& a, diagnostic const& b) {
                     if (a.span.begin != b.span.begin)
                       return a.span.begin < b.span.begin;
                     return a.code < b.code;
                   });
  return report;
}

} // namespace

file_report analyze(std::string_view text, rule_set const& rules, check_options const& options) {
  return run_rules(env::parse(text), rules, options, true);
}

file_report analyze_value(std::string_view name, std::string_view value, rule_set const& rules,
                          check_options const& options) {
  // A one-entry document whose text is the value itself. Single quoting: no dotenv escapes or
  // expansion apply, and URL edits never contain a quote.
  env::document doc;
  doc.text = value;
  env::entry e;
  e.name = std::string(name);
  e.quote = env::quoting::single;
  e.raw_value = e.inner = {0, value.size()};
  e.logical_value = std::string(value);
  doc.entries.push_back(std::move(e));
  doc.lines.push_back({env::line_kind::entry, {0, value.size()}, 0});
  return run_rules(doc, rules, options, false);
}

} // namespace poolcheck::engine
