// TOML -> rule_set, strict: every key is known, every value has the right type and range.
#include "engine/rule_loader.hpp"

#include "core/toml_reader.hpp"
#include "engine/embedded_rules.hpp"
#include "pg/conninfo.hpp"

#include <algorithm>
#include <initializer_list>

namespace poolcheck::engine {
namespace {

result<void> read_conditions(toml_reader const& r, toml::table const& t, conditions& c) {
  POOLCHECK_TRY(ok, r.only_keys(t,
                                {"provider", "endpoint", "pooled", "role", "target", "client",
                                 "client_unknown"},
                                "`when`"));
  POOLCHECK_TRY(providers, r.strings(t, "provider"));
  POOLCHECK_TRY(endpoints, r.strings(t, "endpoint"));
  POOLCHECK_TRY(pooled, r.boolean(t, "pooled"));
  POOLCHECK_TRY(role_name, r.string(t, "role", false));
  POOLCHECK_TRY(target_name, r.string(t, "target", false));
  POOLCHECK_TRY(clients, r.strings(t, "client"));
  POOLCHECK_TRY(unknown, r.string(t, "client_unknown", false));
  c.providers = *providers;
  c.endpoints = *endpoints;
  c.pooled = *pooled;
  if (!role_name->empty()) {
    c.role = parse_role(*role_name);
    if (!c.role)
      return r.at(*t.get("role"), "`role` must be \"runtime\" or \"direct\"");
  }
  if (!target_name->empty()) {
    c.target = parse_target(*target_name);
    if (!c.target)
      return r.at(*t.get("target"), "`target` must be \"serverless\" or \"server\"");
  }
  for (auto const& name : *clients) {
    auto cl = parse_client(name);
    if (!cl || *cl == client::unknown)
      return r.at(*t.get("client"), "unknown client `" + name + "`");
    c.clients.push_back(*cl);
  }
  if (!unknown->empty() && *unknown != "assume" && *unknown != "skip")
    return r.at(*t.get("client_unknown"), "`client_unknown` must be \"assume\" or \"skip\"");
  c.assume_client = *unknown == "assume";
  return {};
}

result<void> read_rule(toml_reader const& r, toml::table const& t, rule& out) {
  POOLCHECK_TRY(ok,
                r.only_keys(t, {"code",    "name",      "severity", "summary",   "why",
                                "message", "fix_title", "fix",      "sources",   "example",
                                "kind",    "when",      "params",   "params_in", "params_not_in",
                                "param",   "values",    "equals",   "rewrite",   "advice"},
                            "a rule"));
  out.defined_at = r.where(t);
  POOLCHECK_TRY(code, r.string(t, "code", true));
  POOLCHECK_TRY(name, r.string(t, "name", true));
  POOLCHECK_TRY(sev, r.string(t, "severity", true));
  POOLCHECK_TRY(summary, r.string(t, "summary", true));
  POOLCHECK_TRY(why, r.string(t, "why", false));
  POOLCHECK_TRY(message, r.string(t, "message", true));
  POOLCHECK_TRY(fix_title, r.string(t, "fix_title", false));
  POOLCHECK_TRY(fix, r.string(t, "fix", true));
  POOLCHECK_TRY(sources, r.strings(t, "sources"));
  POOLCHECK_TRY(kind, r.string(t, "kind", true));
  out.code = *code;
  out.name = *name;
  bool code_ok = out.code.size() >= 4 &&
                 std::all_of(out.code.end() - 3, out.code.end(), ::isdigit) &&
                 std::all_of(out.code.begin(), out.code.end() - 3, ::isupper);
  if (!code_ok)
    return r.at(*t.get("code"), "`code` must be an upper-case prefix and three digits");
  if (*sev == "error")
    out.severity = severity::error;
  else if (*sev == "warning")
    out.severity = severity::warning;
  else if (*sev == "info")
    out.severity = severity::info;
  else
    return r.at(*t.get("severity"), "`severity` must be \"error\", \"warning\" or \"info\"");
  out.summary = *summary;
  out.why = *why;
  out.message = *message;
  out.fix_title = *fix_title;
  if (*fix == "safe")
    out.fix = fix_safety::safe;
  else if (*fix == "unsafe")
    out.fix = fix_safety::unsafe;
  else if (*fix == "none")
    out.fix = fix_safety::none;
  else
    return r.at(*t.get("fix"), "`fix` must be \"safe\", \"unsafe\" or \"none\"");
  if (out.fix != fix_safety::none && out.fix_title.empty())
    return r.at(t, "a rule with a fix needs a `fix_title`");
  out.sources = *sources;
  for (auto const& s : out.sources)
    if (s.rfind("https://", 0) != 0)
      return r.at(*t.get("sources"), "`sources` must be https:// URLs, saw `" + s + "`");

  static constexpr std::pair<std::string_view, rule_kind> kinds[] = {
      {"code", rule_kind::code},
      {"suppression", rule_kind::suppression},
      {"endpoint", rule_kind::endpoint},
      {"param-missing", rule_kind::param_missing},
      {"param-present", rule_kind::param_present},
      {"param-below", rule_kind::param_below},
      {"param-not-in", rule_kind::param_not_in},
  };
  auto k = std::find_if(std::begin(kinds), std::end(kinds),
                        [&](auto const& p) { return p.first == *kind; });
  if (k == std::end(kinds))
    return r.at(*t.get("kind"), "unknown rule kind `" + *kind + "`");
  out.kind = k->second;

  POOLCHECK_TRY(example, r.table(t, "example"));
  if (!*example)
    return r.at(t, "missing `[rule.example]` with `bad` and `good`");
  POOLCHECK_TRY(ex_ok, r.only_keys(**example,
                                   {"bad", "good", "file", "client", "target", "migrations",
                                    "migrations_tool"},
                                   "`example`"));
  POOLCHECK_TRY(bad, r.string(**example, "bad", true));
  POOLCHECK_TRY(good, r.string(**example, "good", true));
  POOLCHECK_TRY(ex_client, r.string(**example, "client", false));
  POOLCHECK_TRY(ex_target, r.string(**example, "target", false));
  POOLCHECK_TRY(ex_migrations, r.string(**example, "migrations", false));
  out.example.migrations = *ex_migrations;
  POOLCHECK_TRY(ex_tool, r.string(**example, "migrations_tool", false));
  if (!ex_tool->empty()) {
    auto const tool = parse_migrations_tool(*ex_tool);
    if (!tool)
      return r.at(**example, "`migrations_tool` must be \"prisma migrate\" or \"drizzle-kit\"");
    out.example.migrations_tool = *tool;
  }
  out.example.bad = *bad;
  out.example.good = *good;
  POOLCHECK_TRY(ex_file, r.string(**example, "file", false));
  if (!ex_file->empty())
    out.example.file = *ex_file;
  if (!ex_client->empty()) {
    out.example.client = parse_client(*ex_client);
    if (!out.example.client)
      return r.at(*(*example)->get("client"), "unknown client `" + *ex_client + "`");
  }
  if (!ex_target->empty()) {
    out.example.target = parse_target(*ex_target);
    if (!out.example.target)
      return r.at(*(*example)->get("target"), "unknown target `" + *ex_target + "`");
  }

  POOLCHECK_TRY(when, r.table(t, "when"));
  if (*when) {
    POOLCHECK_TRY(c, read_conditions(r, **when, out.when));
  }
  POOLCHECK_TRY(params, r.strings(t, "params"));
  POOLCHECK_TRY(params_in, r.string(t, "params_in", false));
  POOLCHECK_TRY(params_not_in, r.string(t, "params_not_in", false));
  POOLCHECK_TRY(param, r.string(t, "param", false));
  POOLCHECK_TRY(values, r.strings(t, "values"));
  POOLCHECK_TRY(equals, r.integer(t, "equals"));
  POOLCHECK_TRY(rewrite, r.string(t, "rewrite", false));
  POOLCHECK_TRY(advice, r.string(t, "advice", false));
  out.params = *params;
  out.params_in = *params_in;
  out.params_not_in = *params_not_in;
  out.param = *param;
  out.values = *values;
  out.equals = *equals;
  out.rewrite = *rewrite;
  out.advice = *advice;
  if (!out.rewrite.empty() && out.rewrite != "pooled" && out.rewrite != "direct")
    return r.at(*t.get("rewrite"), "`rewrite` must be \"pooled\" or \"direct\"");

  bool needs_param = out.kind == rule_kind::param_missing || out.kind == rule_kind::param_below ||
                     out.kind == rule_kind::param_not_in;
  if (needs_param && out.param.empty())
    return r.at(t, "a `" + *kind + "` rule needs `param`");
  if (out.kind == rule_kind::param_present && out.params.empty() && out.params_in.empty() &&
      out.params_not_in.empty())
    return r.at(t, "a `param-present` rule needs `params`, `params_in` or `params_not_in`");
  return {};
}

result<void> read_endpoint(toml_reader const& r, toml::table const& t, endpoint& out) {
  POOLCHECK_TRY(ok, r.only_keys(t,
                                {"provider", "provider_name", "kind", "host", "port", "pooled",
                                 "pooled_host", "pooled_port", "direct_host", "direct_port",
                                 "pooled_template", "pooled_template_kind", "sources"},
                                "an endpoint"));
  out.defined_at = r.where(t);
  POOLCHECK_TRY(provider, r.string(t, "provider", true));
  POOLCHECK_TRY(provider_name, r.string(t, "provider_name", true));
  POOLCHECK_TRY(kind, r.string(t, "kind", true));
  POOLCHECK_TRY(host, r.string(t, "host", true));
  auto pattern = host_pattern::compile(*host);
  if (!pattern)
    return r.at(*t.get("host"), pattern.error().message);
  POOLCHECK_TRY(port, r.port(t, "port"));
  POOLCHECK_TRY(pooled, r.boolean(t, "pooled"));
  POOLCHECK_TRY(pooled_host, r.string(t, "pooled_host", false));
  POOLCHECK_TRY(pooled_port, r.port(t, "pooled_port"));
  POOLCHECK_TRY(direct_host, r.string(t, "direct_host", false));
  POOLCHECK_TRY(direct_port, r.port(t, "direct_port"));
  POOLCHECK_TRY(tmpl, r.string(t, "pooled_template", false));
  POOLCHECK_TRY(tmpl_kind, r.string(t, "pooled_template_kind", false));
  POOLCHECK_TRY(sources, r.strings(t, "sources"));
  out.provider = *provider;
  out.provider_name = *provider_name;
  out.kind = *kind;
  out.host = std::move(*pattern);
  out.port = *port;
  out.pooled = pooled->value_or(false);
  out.pooled_host = *pooled_host;
  out.pooled_port = *pooled_port;
  out.direct_host = *direct_host;
  out.direct_port = *direct_port;
  out.pooled_template = *tmpl;
  out.pooled_template_kind = *tmpl_kind;
  out.sources = *sources;
  return {};
}

result<void> read_parameter(toml_reader const& r, std::string_view name, toml::table const& t,
                            parameter& out) {
  POOLCHECK_TRY(ok, r.only_keys(t, {"recommended", "minimum", "sources"}, "a parameter"));
  POOLCHECK_TRY(recommended, r.integer(t, "recommended"));
  POOLCHECK_TRY(minimum, r.integer(t, "minimum"));
  POOLCHECK_TRY(sources, r.strings(t, "sources"));
  out.name = std::string(name);
  out.recommended = *recommended;
  out.minimum = *minimum;
  out.sources = *sources;
  return {};
}

result<void> read_document(toml_reader const& r, toml::table const& doc, rule_set& into,
                           rule_origin origin) {
  POOLCHECK_TRY(
      ok, r.only_keys(doc, {"rule", "endpoint", "parameter", "lists", "variables"}, "a rule file"));
  if (auto const* rules = doc.get("rule")) {
    if (!rules->is_array_of_tables())
      return r.at(*rules, "`rule` must be an array of tables ([[rule]])");
    for (auto const& node : *rules->as_array()) {
      rule parsed;
      POOLCHECK_TRY(read, read_rule(r, *node.as_table(), parsed));
      parsed.builtin = origin == rule_origin::builtin;
      auto same = std::find_if(into.rules.begin(), into.rules.end(),
                               [&](rule const& x) { return x.code == parsed.code; });
      if (same != into.rules.end())
        *same = std::move(parsed);
      else
        into.rules.push_back(std::move(parsed));
    }
  }
  if (auto const* endpoints = doc.get("endpoint")) {
    if (!endpoints->is_array_of_tables())
      return r.at(*endpoints, "`endpoint` must be an array of tables ([[endpoint]])");
    std::vector<endpoint> added;
    for (auto const& node : *endpoints->as_array()) {
      endpoint parsed;
      POOLCHECK_TRY(read, read_endpoint(r, *node.as_table(), parsed));
      parsed.builtin = origin == rule_origin::builtin;
      added.push_back(std::move(parsed));
    }
    // Files loaded later (user folders) come first: their endpoints win.
    into.endpoints.insert(into.endpoints.begin(), added.begin(), added.end());
  }
  POOLCHECK_TRY(parameters, r.table(doc, "parameter"));
  if (*parameters) {
    for (auto const& [name, node] : **parameters) {
      if (!node.is_table())
        return r.at(node, "`parameter." + std::string(name.str()) + "` must be a table");
      parameter parsed;
      POOLCHECK_TRY(read, read_parameter(r, name.str(), *node.as_table(), parsed));
      into.parameters[parsed.name] = std::move(parsed);
    }
  }
  POOLCHECK_TRY(lists, r.table(doc, "lists"));
  if (*lists) {
    for (auto const& [name, node] : **lists) {
      POOLCHECK_TRY(items, r.strings(**lists, name.str()));
      into.lists[std::string(name.str())] = std::move(*items);
      if (origin == rule_origin::user)
        into.user_lists.emplace(name.str());
    }
  }
  POOLCHECK_TRY(variables, r.table(doc, "variables"));
  if (*variables) {
    POOLCHECK_TRY(vok, r.only_keys(**variables, {"direct", "prisma", "database"}, "`variables`"));
    POOLCHECK_TRY(direct, r.strings(**variables, "direct"));
    POOLCHECK_TRY(prisma, r.strings(**variables, "prisma"));
    POOLCHECK_TRY(database, r.strings(**variables, "database"));
    for (auto& name : *database)
      into.database_names.add(std::move(name));
    for (auto& name : *direct)
      into.direct_names.add(std::move(name));
    for (auto& name : *prisma)
      into.prisma_names.add(std::move(name));
  }
  return {};
}

} // namespace

result<void> load_rules(std::string_view path, std::string_view text, rule_set& into,
                        rule_origin origin) {
  toml_reader const r(path);
  POOLCHECK_TRY(doc, r.parse(text));
  return read_document(r, *doc, into, origin);
}

result<void> finish(rule_set& set, std::span<code_rule const> code_rules) {
  // The connection-string parser's own list, so that rules and parser never disagree.
  auto const keys = pg::libpq_query_keys();
  set.lists.try_emplace("libpq_keywords", keys.begin(), keys.end());
  std::sort(set.rules.begin(), set.rules.end(),
            [](rule const& a, rule const& b) { return a.code < b.code; });
  for (auto& r : set.rules) {
    for (auto const* list : {&r.params_in, &r.params_not_in})
      if (!list->empty() && !set.lists.contains(*list))
        return problem{"unknown list `" + *list + "` in rule " + r.code, r.defined_at};
    bool needs_table = r.kind == rule_kind::param_below ||
                       (r.kind == rule_kind::param_missing && r.values.empty());
    if (needs_table && !set.parameters.contains(r.param))
      return problem{"rule " + r.code + " names `" + r.param + "`, which has no [parameter." +
                         r.param + "] table",
                     r.defined_at};
    if (r.kind != rule_kind::code)
      continue;
    auto code = std::find_if(code_rules.begin(), code_rules.end(),
                             [&](code_rule const& c) { return c.code == r.code; });
    if (code == code_rules.end() || std::holds_alternative<std::monostate>(code->check))
      return problem{"rule " + r.code + " is `kind = \"code\"` but poolcheck has no code for it",
                     r.defined_at};
    r.check = code->check;
    if (std::holds_alternative<document_check>(r.check) && r.when != conditions{})
      return problem{"rule " + r.code +
                         " reads the whole document: `when` (about one connection string) cannot "
                         "hold for it",
                     r.defined_at};
  }
  return check_parameter_values(set);
}

result<void> check_parameter_values(rule_set const& set) {
  for (auto const& [name, p] : set.parameters) {
    if (!p.recommended)
      continue;
    if (p.minimum && *p.recommended < *p.minimum)
      return problem{"parameter `" + name + "`: recommended " + std::to_string(*p.recommended) +
                         " is below its minimum " + std::to_string(*p.minimum) +
                         "; fixes would write a value they then report",
                     {}};
    for (auto const& r : set.rules)
      if (r.kind == rule_kind::param_below && r.param == name && r.equals == p.recommended)
        return problem{"parameter `" + name + "`: recommended " + std::to_string(*p.recommended) +
                           " is the value " + r.code + " reports; fixes would never settle",
                       r.defined_at};
  }
  return {};
}

result<rule_set> builtin_rules(std::span<code_rule const> code_rules) {
  rule_set set;
  for (auto const& file : embedded_rule_files())
    if (auto loaded = load_rules(file.path, file.text, set, rule_origin::builtin); !loaded)
      return loaded.error();
  if (auto done = finish(set, code_rules); !done)
    return done.error();
  return set;
}

} // namespace poolcheck::engine

namespace poolcheck::engine {

rule const* rule_set::find(std::string_view code) const {
  for (auto const& r : rules)
    if (r.code == code)
      return &r;
  return nullptr;
}

} // namespace poolcheck::engine
