// The check pipeline for one file: env::parse -> connection strings -> context -> rules.
#include "engine/analysis.hpp"

#include "checks/registry.hpp"
#include "core/huge_pages.hpp"
#include "core/in_parallel.hpp"
#include "engine/data_rules.hpp"
#include "engine/name_hash.hpp"
#include "engine/needed_lines.hpp"
#include "engine/sink.hpp"
#include "engine/suppressions.hpp"
#include "env/document.hpp"
#include "pg/conninfo.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <iterator>

namespace poolcheck::engine {
namespace {

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
  if (rules.prisma_names.matches(name))
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

role role_of(std::string_view name, rule_set const& rules) {
  return rules.direct_names.matches(name) ? role::direct : role::runtime;
}

namespace {

/// A selected rule and, for a code rule, its function.
struct active_rule {
  rule const* r;
  checks::code_rule fn;
};

/// Checks the connection strings of one document with the selected rules.
struct url_checker {
  env::document const& doc;
  rule_set const& rules;
  check_options const& options;
  std::vector<active_rule> const& active;
  bool whole_file;
  bool has_direct_entry;

  /// Runs every active rule on `e`; records its password's span.
  void check(env::entry const& e, file_report& report, sink& out) const {
    pg::conninfo const info = pg::parse(e.logical_value);
    url_facts f{e, info, role::runtime, {}, target::serverless, nullptr, {}, 5432};
    f.role = role_of(e.name, rules);
    f.client = client_for(e.name, rules, options);
    if (auto v = options.variables.find(e.name); v != options.variables.end()) {
      if (v->second.role)
        f.role = *v->second.role;
      if (v->second.client)
        f.client = {*v->second.client, "config [variables." + std::string(e.name) + "]"};
    }
    f.target = options.target;
    f.port = port_of(info);
    match_endpoint(f, rules);
    // Every password, in file order: a URL's userinfo one, then each `password=` parameter (libpq
    // reads those in both forms; in keyword form `info.password` is the last of them).
    if (info.form == pg::form::url && info.password && !info.password->raw.empty())
      report.secrets.push_back(f.file_span(info.password->raw));
    for (auto const& p : info.params)
      if (p.key == "password" && !p.raw_value.empty())
        report.secrets.push_back(f.file_span(p.raw_value));
    for (auto const& [r, fn] : active) {
      if (fn)
        fn(*r, checks::input{doc, rules, &f, whole_file, has_direct_entry, {}}, out);
      else
        run_data_rule(*r, rules, f, out);
    }
  }
};

/// What the rules ask about every entry. In a large file, reading each entry's name and value is
/// a cache miss, so this is found on all cores, once.
struct entry_survey {
  using indices = std::vector<std::size_t, huge_page_allocator<std::size_t>>;
  std::vector<std::uint64_t, huge_page_allocator<std::uint64_t>> name_hashes; // of each name
  indices urls; // entries whose connection string is checked, in file order
  bool has_direct_entry = false;
};

entry_survey survey(env::document const& doc, rule_set const& rules, std::size_t shares) {
  auto const& entries = doc.entries;
  entry_survey out;
  out.name_hashes.resize(entries.size());
  std::vector<entry_survey::indices> urls(shares);
  std::vector<char> direct(shares, 0);
  in_shares(entries.size(), shares, [&](std::size_t begin, std::size_t end, std::size_t share) {
    for (std::size_t i = begin; i < end; ++i) {
      if (i + 8 < end) // names lie far apart in a large file: ask for them ahead
        __builtin_prefetch(entries[i + 8].name.data());
      env::entry const& e = entries[i];
      out.name_hashes[i] = name_hash{}(e.name);
      // A value cut short by `#` is not what the author wrote: ENV101 reports it, nothing else
      // until it is quoted.
      if (pg::is_connection_string(e.logical_value) && !e.cut_by_hash())
        urls[share].push_back(i);
      if (!direct[share] && role_of(e.name, rules) == role::direct)
        direct[share] = 1;
    }
  });
  for (auto const& part : urls)
    out.urls.insert(out.urls.end(), part.begin(), part.end());
  out.has_direct_entry = std::find(direct.begin(), direct.end(), 1) != direct.end();
  return out;
}

file_report run_rules(env::document const& doc, rule_set const& rules, check_options const& options,
                      bool whole_file) {
  // Thousands of entries (a large file checked on its own) are shared among threads.
  constexpr std::size_t entries_per_thread = 2048;
  auto const shares = [&](std::size_t count) {
    return std::max<std::size_t>(
        1, std::min<std::size_t>(options.threads, count / entries_per_thread));
  };
  entry_survey const facts = survey(doc, rules, shares(doc.entries.size()));

  file_report report;
  report.hidden_lines = doc.hidden_lines;
  sink out(report.diagnostics);
  std::vector<active_rule> active;
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
    checks::code_rule fn = nullptr;
    if (r.kind == rule_kind::code && !(fn = checks::find_code_rule(r.code)))
      continue;
    active.push_back({&r, fn});
    if (fn)
      fn(r, checks::input{doc, rules, nullptr, whole_file, false, facts.name_hashes}, out);
  }

  // One connection string at a time: a file of many costs memory for one. Findings are sorted
  // below, so the order rules run in does not show.
  url_checker const checker{doc, rules, options, active, whole_file, facts.has_direct_entry};
  std::size_t const threads = shares(facts.urls.size());
  std::vector<file_report> parts(threads); // this thread's share goes straight to `report`
  in_shares(facts.urls.size(), threads, [&](std::size_t begin, std::size_t end, std::size_t share) {
    file_report& into = share == 0 ? report : parts[share];
    sink to(into.diagnostics);
    for (std::size_t i = begin; i < end; ++i) {
      if (i + 4 < end) // as in survey()
        __builtin_prefetch(doc.entries[facts.urls[i + 4]].logical_value.data());
      checker.check(doc.entries[facts.urls[i]], into, to);
    }
  });
  for (auto& part : parts) { // in file order, as the reporters' secret lookup expects
    std::move(part.diagnostics.begin(), part.diagnostics.end(),
              std::back_inserter(report.diagnostics));
    report.secrets.insert(report.secrets.end(), part.secrets.begin(), part.secrets.end());
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
  // A large file checked on its own is parsed in pieces, one per thread (dropped-entry records
  // hold 32-bit offsets).
  std::vector<std::size_t> const starts =
      options.threads > 1 && text.size() < (std::size_t{1} << 32)
          ? env::piece_starts(text, options.threads)
          : std::vector<std::size_t>{0};
  if (starts.size() == 1)
    return run_rules(env::parse(text, needed_lines(text, rules)), rules, options, true);
  std::vector<needed_lines> filters;
  filters.reserve(starts.size()); // the line filters below point at them
  for (std::size_t i = 0; i < starts.size(); ++i)
    filters.emplace_back(text, rules, i > 0,
                         (i + 1 < starts.size() ? starts[i + 1] : text.size()) - starts[i]);
  std::vector<env::line_filter> const keep(filters.begin(), filters.end());
  std::vector<std::size_t> from;
  env::document doc = env::parse_in_pieces(text, starts, keep, from);
  keep_later_assignments(doc, from, filters);
  return run_rules(doc, rules, options, true);
}

file_report analyze_value(std::string_view name, std::string_view value, rule_set const& rules,
                          check_options const& options) {
  // A one-entry document whose text is the value itself. Single quoting: no dotenv escapes or
  // expansion apply, and URL edits never contain a quote.
  env::document doc;
  doc.text = value;
  env::entry e;
  e.name = name;
  e.quote = env::quoting::single;
  e.raw_value = e.inner = {0, value.size()};
  e.logical_value = value;
  doc.entries.push_back(std::move(e));
  doc.lines.push_back({env::line_kind::entry, {0, value.size()}, 0});
  return run_rules(doc, rules, options, false);
}

} // namespace poolcheck::engine
