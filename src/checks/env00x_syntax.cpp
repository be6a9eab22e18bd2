// ENV001-ENV006: lines the dotenv parser could not read as written. All six have the same shape
// (one parser issue kind -> one code), so they share this file; each keeps its own rule entry.
#include "checks/registry.hpp"

#include <array>
#include <utility>

namespace poolcheck::checks {
namespace {

constexpr std::array<std::pair<syntax_issue_kind, std::string_view>, 6> codes{{
    {syntax_issue_kind::unmatched_line, "ENV001"},
    {syntax_issue_kind::unterminated_quote, "ENV002"},
    {syntax_issue_kind::text_after_quote, "ENV003"},
    {syntax_issue_kind::nul_byte, "ENV004"},
    {syntax_issue_kind::invalid_utf8, "ENV005"},
    {syntax_issue_kind::byte_order_mark, "ENV006"},
}};

} // namespace

void env00x_syntax(engine::rule const& r, checked_document const& in, engine::sink& out) {
  for (auto const& issue : in.doc.issues) {
    auto it = std::find_if(codes.begin(), codes.end(), [&](auto const& p) {
      return p.first == issue.kind && p.second == r.code;
    });
    if (it == codes.end())
      continue;
    std::vector<edit> edits;
    if (issue.kind == syntax_issue_kind::byte_order_mark)
      edits.push_back({issue.span, ""});
    out.report(r, issue.span, "", {}, std::move(edits));
  }
}

} // namespace poolcheck::checks
