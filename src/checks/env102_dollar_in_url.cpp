// ENV102 dollar-in-url: plain dotenv never expands `$`, but dotenv-expand, dotenvx, Ruby dotenv
// and Docker Compose do in unquoted and double-quoted values, so `pa$word` becomes `pa` there
// (dotenv.md, row 55). A whole `${NAME}` reference is taken as intended and left alone. The fix
// percent-encodes each other `$` as `%24`: every URL reader decodes it, and no dotenv variant
// expands it, where single quotes still leave dotenv-expand and python-dotenv expanding.
#include "checks/registry.hpp"
#include "env/quoting.hpp"

namespace poolcheck::checks {
namespace {

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/// Length of a `${NAME}` reference at `i`, or 0.
std::size_t braced_reference(std::string_view v, std::size_t i) {
  if (v.substr(i, 2) != "${")
    return 0;
  std::size_t j = i + 2;
  while (j < v.size() && is_name_char(v[j]))
    ++j;
  return (j > i + 2 && j < v.size() && v[j] == '}') ? j + 1 - i : 0;
}

} // namespace

void env102_dollar_in_url(engine::rule const& r, checked_document const&,
                          engine::url_facts const& f, engine::sink& out) {
  entry const& e = f.entry;
  if (e.format != source_format::dotenv ||
      (e.quote != quoting::none && e.quote != quoting::double_quote))
    return;
  std::string_view v = e.logical_value;
  std::vector<edit> edits; // one per `$` outside a reference, in order
  for (std::size_t i = v.find('$'); i != std::string_view::npos; i = v.find('$', i + 1)) {
    if (std::size_t n = braced_reference(v, i)) {
      i += n - 1;
      continue;
    }
    edits.push_back({e.raw_span(i, i + 1), "%24"});
  }
  if (edits.empty())
    return;
  byte_span const first = edits.front().span;
  // Advice without an edit where %24 would not read as `$`: keyword strings (libpq decodes no
  // percent there), a `$$` (Compose's escape of one `$`), escapes between the value and its bytes.
  if (f.info.form != pg::form::url || v.find("$$") != std::string_view::npos ||
      !e.logical_to_raw.empty())
    edits.clear();
  out.report(r, first, e.name, {}, std::move(edits));
}

} // namespace poolcheck::checks
