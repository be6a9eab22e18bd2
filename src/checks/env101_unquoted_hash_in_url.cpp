// ENV101 unquoted-hash-in-url: dotenv ends an unquoted value at the first `#`, even with no space
// before it, so `postgres://u:p#ss@h/db` reads as `postgres://u:p`; python-dotenv and Compose keep
// the whole URL (dotenv.md, rows 24 and 32). Quoting the value makes every parser agree.
#include "checks/registry.hpp"
#include "env/quoting.hpp"
#include "pg/conninfo.hpp"

namespace poolcheck::checks {

// Cut values get no connection-string context (they are not what the author wrote): the document
// hook finds them.
void env101_unquoted_hash_in_url(engine::rule const& r, checked_document const& in,
                                 engine::sink& out) {
  for (entry const& e : in.doc.entries) {
    if (!e.cut_by_hash() || !pg::is_connection_string(e.logical_value))
      continue;
    // What the author meant: the value through the "comment", up to a real comment after it (a
    // `#` after a space, as python-dotenv and Compose read it), trailing space trimmed.
    std::string_view meant =
        in.doc.text.substr(e.raw_value.begin, e.comment->end - e.raw_value.begin);
    for (std::size_t at = meant.find('#', e.raw_value.size() + 1); at != std::string_view::npos;
         at = meant.find('#', at + 1))
      if (meant[at - 1] == ' ' || meant[at - 1] == '\t') {
        meant = meant.substr(0, at);
        break;
      }
    while (!meant.empty() && (meant.back() == ' ' || meant.back() == '\t'))
      meant.remove_suffix(1);
    byte_span span{e.raw_value.begin, e.raw_value.begin + meant.size()};
    std::vector<edit> edits;
    if (auto q = env::quoted(meant))
      edits.push_back({span, *q});
    out.report(r, span, e.name, {}, std::move(edits));
  }
}

} // namespace poolcheck::checks
