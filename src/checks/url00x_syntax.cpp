// URL001-URL007: what the connection-string parser found wrong in the string itself. One parser
// problem kind maps to one code, so the seven rules share this file.
#include "checks/registry.hpp"
#include "core/printable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_set>
#include <utility>

namespace poolcheck::checks {
namespace {

constexpr std::array<std::pair<pg::problem_kind, std::string_view>, 7> codes{{
    {pg::problem_kind::reserved_in_userinfo, "URL001"},
    {pg::problem_kind::bad_percent, "URL002"},
    {pg::problem_kind::second_question_mark, "URL003"},
    {pg::problem_kind::bad_port, "URL004"},
    {pg::problem_kind::uppercase_scheme, "URL005"},
    {pg::problem_kind::duplicate_param, "URL006"},
    {pg::problem_kind::unparsable, "URL007"},
}};

/// The replacement text that resolves a problem without changing anything else, or empty.
std::string replacement(pg::syntax_problem const& p, std::string_view raw) {
  switch (p.kind) {
  case pg::problem_kind::reserved_in_userinfo: {
    std::string out;
    for (unsigned char c : raw)
      out += fmt::format("%{:02X}", c);
    return out;
  }
  case pg::problem_kind::second_question_mark:
    return "&";
  case pg::problem_kind::uppercase_scheme: {
    std::string out(raw);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z')
        c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  default:
    return "";
  }
}

} // namespace

void url00x_syntax(engine::rule const& r, checked_document const&, engine::url_facts const& facts,
                   engine::sink& out) {
  std::string_view value = facts.entry.logical_value;
  std::unordered_set<std::string_view> duplicates_seen; // one finding per repeated key
  for (auto const& p : facts.info.problems) {
    if (p.kind == pg::problem_kind::duplicate_param && !duplicates_seen.insert(p.detail).second)
      continue;
    auto it = std::find_if(codes.begin(), codes.end(),
                           [&](auto const& c) { return c.first == p.kind && c.second == r.code; });
    if (it == codes.end())
      continue;
    // `postgresql://USER:PASSWORD@HOST:PORT/DATABASE` is a template, not a bad port: no syntax
    // finding (nor fix) rests on a placeholder's bytes.
    if (facts.in_placeholder(p.raw))
      continue;
    std::string_view raw = p.raw.of(value);
    std::vector<edit> edits;
    if (std::string text = replacement(p, raw); !text.empty())
      edits.push_back({p.raw, std::move(text)});
    // The detail never holds password text (the parser's contract), so it may be shown.
    engine::vars v{{"detail", printable(p.detail)}, {"replacement", replacement(p, raw)}};
    if (p.kind == pg::problem_kind::reserved_in_userinfo)
      v["detail"] = printable(raw);
    out.report_value(r, facts.entry, p.raw, v, edits);
  }
}

} // namespace poolcheck::checks
