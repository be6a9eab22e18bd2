// Reading poolcheck.toml (core/toml_reader).
#include "config/settings.hpp"

#include "core/toml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

namespace poolcheck::config {
namespace {

std::optional<severity> parse_severity(std::string_view s) {
  if (s == "error")
    return severity::error;
  if (s == "warning")
    return severity::warning;
  if (s == "info")
    return severity::info;
  return std::nullopt;
}

std::string list(std::vector<std::string> const& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i)
    out += (i ? ", \"" : "\"") + v[i] + "\"";
  return out + "]";
}

result<void> read(toml_reader const& r, toml::table const& doc, settings& s) {
  POOLCHECK_TRY(ok,
                r.only_keys(doc,
                            {"select", "ignore", "severity", "target", "client", "prisma_version",
                             "variables", "parameters", "rules", "include", "exclude"},
                            "poolcheck.toml"));
  for (auto [key, field] : {std::pair{"select", &s.select}, std::pair{"ignore", &s.ignore},
                            std::pair{"rules", &s.rule_dirs}, std::pair{"include", &s.include},
                            std::pair{"exclude", &s.exclude}}) {
    if (auto const* n = doc.get(key)) {
      POOLCHECK_TRY(v, r.strings(*n, key));
      *field = {*v, r.origin(*n)};
    }
  }
  if (auto const* n = doc.get("target")) {
    POOLCHECK_TRY(v, r.string(*n, "target"));
    auto t = engine::parse_target(*v);
    if (!t)
      return r.at(*n, "`target` must be \"serverless\" or \"server\"");
    s.target = {*t, r.origin(*n)};
  }
  if (auto const* n = doc.get("client")) {
    POOLCHECK_TRY(v, r.string(*n, "client"));
    auto c = engine::parse_client(*v);
    if (!c || *c == engine::client::unknown)
      return r.at(*n, "unknown client `" + *v + "`");
    s.client = {c, r.origin(*n)};
  }
  if (auto const* n = doc.get("prisma_version")) {
    POOLCHECK_TRY(v, r.string(*n, "prisma_version"));
    if (!engine::client_for_prisma_version(*v))
      return r.at(*n, "`prisma_version` must start with a major version number, e.g. \"6.19.0\"");
    s.prisma_version = {*v, r.origin(*n)};
  }
  if (auto const* n = doc.get("severity")) {
    if (!n->is_table())
      return r.at(*n, "`severity` must be a table: [severity] CODE = \"error\"");
    for (auto const& [code, value] : *n->as_table()) {
      POOLCHECK_TRY(v, r.string(value, std::string(code.str())));
      auto sev = parse_severity(*v);
      if (!sev)
        return r.at(value, "severity must be \"error\", \"warning\" or \"info\"");
      s.severities[std::string(code.str())] = {*sev, r.origin(value)};
    }
  }
  if (auto const* n = doc.get("variables")) {
    if (!n->is_table())
      return r.at(*n, "`variables` must be a table: [variables.NAME]");
    for (auto const& [name, node] : *n->as_table()) {
      if (!node.is_table())
        return r.at(node, "`variables." + std::string(name.str()) + "` must be a table");
      auto const& t = *node.as_table();
      POOLCHECK_TRY(keys, r.only_keys(t, {"role", "client"}, "a [variables.NAME] table"));
      variable_settings v{{}, {}, r.origin(node)};
      if (auto const* role = t.get("role")) {
        POOLCHECK_TRY(text, r.string(*role, "role"));
        v.role = engine::parse_role(*text);
        if (!v.role)
          return r.at(*role, "`role` must be \"runtime\" or \"direct\"");
      }
      if (auto const* client = t.get("client")) {
        POOLCHECK_TRY(text, r.string(*client, "client"));
        v.client = engine::parse_client(*text);
        if (!v.client || *v.client == engine::client::unknown)
          return r.at(*client, "unknown client `" + *text + "`");
      }
      s.variables[std::string(name.str())] = v;
    }
  }
  if (auto const* n = doc.get("parameters")) {
    if (!n->is_table())
      return r.at(*n, "`parameters` must be a table: [parameters.NAME]");
    for (auto const& [name, node] : *n->as_table()) {
      std::string_view known[] = {"connection_limit", "pool_timeout", "connect_timeout"};
      if (std::find(std::begin(known), std::end(known), name.str()) == std::end(known))
        return r.at(node, "unknown parameter `" + std::string(name.str()) +
                              "` (connection_limit, pool_timeout or connect_timeout)");
      if (!node.is_table())
        return r.at(node, "`parameters." + std::string(name.str()) + "` must be a table");
      auto const& t = *node.as_table();
      POOLCHECK_TRY(keys, r.only_keys(t, {"recommended", "minimum"}, "a [parameters.NAME] table"));
      parameter_settings p{{}, {}, r.origin(node)};
      for (auto [key, field] :
           {std::pair{"recommended", &p.recommended}, std::pair{"minimum", &p.minimum}}) {
        if (auto const* v = t.get(key)) {
          if (!v->is_integer() || v->as_integer()->get() < 0)
            return r.at(*v, fmt::format("`{}` must be a whole number, 0 or more", key));
          *field = v->as_integer()->get();
        }
      }
      s.parameters[std::string(name.str())] = p;
    }
  }
  return {};
}

} // namespace

result<settings> parse(std::string const& path, std::string_view text) {
  toml_reader const r(path);
  POOLCHECK_TRY(doc, r.parse(text));
  settings s;
  s.file = path;
  if (auto ok = read(r, *doc, s); !ok)
    return ok.error();
  return s;
}

std::string describe(settings const& s) {
  std::string out = fmt::format("# config file: {}\n", s.file.empty() ? "(none)" : s.file);
  auto line = [&](std::string const& key, std::string const& value, std::string const& origin) {
    out += fmt::format("{:<40} # {}\n", key + " = " + value, origin);
  };
  line("target",
       s.target.value ? "\"" + std::string(engine::to_string(*s.target.value)) + "\""
                      : "(detected per file)",
       s.target.origin);
  line("client",
       s.client.value ? "\"" + std::string(engine::to_string(*s.client.value)) + "\""
                      : "(detected per file)",
       s.client.origin);
  line("prisma_version", s.prisma_version.value.empty() ? "(unset)" : s.prisma_version.value,
       s.prisma_version.origin);
  line("select", list(s.select.value), s.select.origin);
  line("ignore", list(s.ignore.value), s.ignore.origin);
  line("rules", list(s.rule_dirs.value), s.rule_dirs.origin);
  line("include", list(s.include.value), s.include.origin);
  line("exclude", list(s.exclude.value), s.exclude.origin);
  for (auto const& [code, sev] : s.severities)
    line("severity." + code, "\"" + std::string(to_string(sev.value)) + "\"", sev.origin);
  for (auto const& [name, p] : s.parameters) {
    if (p.recommended)
      line("parameters." + name + ".recommended", std::to_string(*p.recommended), p.origin);
    if (p.minimum)
      line("parameters." + name + ".minimum", std::to_string(*p.minimum), p.origin);
  }
  for (auto const& [name, v] : s.variables) {
    if (v.role)
      line("variables." + name + ".role", "\"" + std::string(engine::to_string(*v.role)) + "\"",
           v.origin);
    if (v.client)
      line("variables." + name + ".client", "\"" + std::string(engine::to_string(*v.client)) + "\"",
           v.origin);
  }
  return out;
}

} // namespace poolcheck::config
