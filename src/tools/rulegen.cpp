// poolcheck_rulegen: writes the built-in rules (the embedded rules/*.toml, parsed and checked) as
// C++ source that builds the same rule_set without parsing anything (precompiled_rules.hpp).
//   poolcheck_rulegen OUTPUT.cpp
// A rule file the loader rejects fails the build here, with its file:line:col.
#include "engine/rule_loader.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace poolcheck;
using namespace poolcheck::engine;

/// A C++ string literal for any bytes: printable ASCII as is, the rest as octal escapes.
std::string literal(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f && c != '?') {
      out += static_cast<char>(c);
    } else {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    }
  }
  return out + "\"";
}

std::string strings(std::vector<std::string> const& v) {
  std::string out = "{";
  for (std::size_t i = 0; i < v.size(); ++i)
    out += (i ? ", " : "") + literal(v[i]);
  return out + "}";
}

template <class E> std::string enumerator(char const* type, E e) {
  return std::string("static_cast<") + type + ">(" + std::to_string(static_cast<int>(e)) + ")";
}

template <class T, class F> std::string optional(std::optional<T> const& o, F show) {
  return o ? show(*o) : "std::nullopt";
}

std::string number(long long n) {
  return std::to_string(n) + "LL";
}

std::string location(source_location const& l) {
  return "{" + literal(l.path) + ", " + std::to_string(l.line) + ", " + std::to_string(l.column) +
         "}";
}

void write_rule(std::ostream& out, rule const& r) {
  auto client_of = [](client c) {
    return enumerator("client", c);
  };
  auto target_of = [](target t) {
    return enumerator("target", t);
  };
  out << "  {\n    rule r;\n";
  out << "    r.code = " << literal(r.code) << ";\n";
  out << "    r.name = " << literal(r.name) << ";\n";
  out << "    r.severity = " << enumerator("poolcheck::severity", r.severity) << ";\n";
  out << "    r.summary = " << literal(r.summary) << ";\n";
  out << "    r.why = " << literal(r.why) << ";\n";
  out << "    r.message = " << literal(r.message) << ";\n";
  out << "    r.fix_title = " << literal(r.fix_title) << ";\n";
  out << "    r.fix = " << enumerator("fix_safety", r.fix) << ";\n";
  out << "    r.sources = " << strings(r.sources) << ";\n";
  out << "    r.example.bad = " << literal(r.example.bad) << ";\n";
  out << "    r.example.good = " << literal(r.example.good) << ";\n";
  out << "    r.example.client = " << optional(r.example.client, client_of) << ";\n";
  out << "    r.example.target = " << optional(r.example.target, target_of) << ";\n";
  out << "    r.kind = " << enumerator("rule_kind", r.kind) << ";\n";
  out << "    r.when.providers = " << strings(r.when.providers) << ";\n";
  out << "    r.when.endpoints = " << strings(r.when.endpoints) << ";\n";
  out << "    r.when.pooled = "
      << optional(r.when.pooled, [](bool b) { return std::string(b ? "true" : "false"); }) << ";\n";
  out << "    r.when.role = " << optional(r.when.role, [](role x) { return enumerator("role", x); })
      << ";\n";
  out << "    r.when.target = " << optional(r.when.target, target_of) << ";\n";
  for (client c : r.when.clients)
    out << "    r.when.clients.push_back(" << client_of(c) << ");\n";
  out << "    r.when.assume_client = " << (r.when.assume_client ? "true" : "false") << ";\n";
  out << "    r.params = " << strings(r.params) << ";\n";
  out << "    r.params_in = " << literal(r.params_in) << ";\n";
  out << "    r.params_not_in = " << literal(r.params_not_in) << ";\n";
  out << "    r.param = " << literal(r.param) << ";\n";
  out << "    r.values = " << strings(r.values) << ";\n";
  out << "    r.equals = " << optional(r.equals, number) << ";\n";
  out << "    r.rewrite = " << literal(r.rewrite) << ";\n";
  out << "    r.advice = " << literal(r.advice) << ";\n";
  out << "    r.defined_at = " << location(r.defined_at) << ";\n";
  out << "    s.rules.push_back(std::move(r));\n  }\n";
}

void write_endpoint(std::ostream& out, endpoint const& e) {
  auto port = [](int p) {
    return std::to_string(p);
  };
  out << "  {\n    endpoint e;\n";
  out << "    e.provider = " << literal(e.provider) << ";\n";
  out << "    e.provider_name = " << literal(e.provider_name) << ";\n";
  out << "    e.kind = " << literal(e.kind) << ";\n";
  out << "    e.host = host(" << literal(e.host.text()) << ");\n";
  out << "    e.port = " << optional(e.port, port) << ";\n";
  out << "    e.pooled = " << (e.pooled ? "true" : "false") << ";\n";
  out << "    e.pooled_host = " << literal(e.pooled_host) << ";\n";
  out << "    e.pooled_port = " << optional(e.pooled_port, port) << ";\n";
  out << "    e.direct_host = " << literal(e.direct_host) << ";\n";
  out << "    e.direct_port = " << optional(e.direct_port, port) << ";\n";
  out << "    e.pooled_template = " << literal(e.pooled_template) << ";\n";
  out << "    e.sources = " << strings(e.sources) << ";\n";
  out << "    e.defined_at = " << location(e.defined_at) << ";\n";
  out << "    s.endpoints.push_back(std::move(e));\n  }\n";
}

std::string generate(rule_set const& set) {
  std::ostringstream out;
  out << "// Generated by poolcheck_rulegen from rules/*.toml. Do not edit.\n"
         "#include \"engine/precompiled_rules.hpp\"\n\n"
         "#include <utility>\n\n"
         "namespace poolcheck::engine {\nnamespace {\n\n"
         "host_pattern host(std::string_view text) {\n"
         "  return std::move(*host_pattern::compile(text)); // the generator compiled it: it "
         "cannot fail\n"
         "}\n\n"
         "rule_set make() {\n  rule_set s;\n";
  for (auto const& r : set.rules)
    write_rule(out, r);
  for (auto const& e : set.endpoints)
    write_endpoint(out, e);
  for (auto const& [name, p] : set.parameters)
    out << "  s.parameters[" << literal(name) << "] = parameter{" << literal(p.name) << ", "
        << optional(p.recommended, number) << ", " << optional(p.minimum, number) << ", "
        << strings(p.sources) << "};\n";
  for (auto const& [name, items] : set.lists)
    out << "  s.lists[" << literal(name) << "] = " << strings(items) << ";\n";
  for (auto const& p : set.direct_names.patterns())
    out << "  s.direct_names.add(" << literal(p) << ");\n";
  for (auto const& p : set.prisma_names.patterns())
    out << "  s.prisma_names.add(" << literal(p) << ");\n";
  out << "  return s;\n}\n\n} // namespace\n\n"
         "std::optional<rule_set> precompiled_rules() {\n"
         "  return make();\n}\n\n"
         "} // namespace poolcheck::engine\n";
  return out.str();
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: poolcheck_rulegen OUTPUT.cpp\n", stderr);
    return 2;
  }
  auto set = parse_embedded_rules();
  if (!set) {
    std::fprintf(stderr, "poolcheck_rulegen: %s\n", describe(set.error()).c_str());
    return 1;
  }
  std::string const code = generate(*set);
  // Cross-references too (named lists, parameters, code rules), as every run would check them.
  if (auto ok = finish(*set); !ok) {
    std::fprintf(stderr, "poolcheck_rulegen: %s\n", describe(ok.error()).c_str());
    return 1;
  }
  // An unchanged file keeps its time stamp: rebuilding the library (which relinks this program)
  // then recompiles nothing downstream.
  std::ifstream previous(argv[1], std::ios::binary);
  if (previous && std::string(std::istreambuf_iterator<char>(previous), {}) == code)
    return 0;
  std::ofstream file(argv[1], std::ios::binary);
  file << code;
  file.close();
  if (!file) {
    std::fprintf(stderr, "poolcheck_rulegen: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
