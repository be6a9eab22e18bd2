// The fix loop (ruff's model: sorted, non-overlapping, applied once, re-checked to a fixpoint).
#include "fix/fix_loop.hpp"

#include "fix/apply.hpp"

namespace poolcheck::fixes {
namespace {

/// Two edits of different fixes collide when their spans overlap, or when one inserts at an
/// edge of (or inside) the other: each was computed on the text as it was, so an append next
/// to a removed `?key=value` would lose its `?` (`/db&sslmode=require`). The next pass picks it
/// up on the new text.
bool collide(edit const& a, edit const& b) {
  if (a.span.empty())
    return b.span.begin <= a.span.begin && a.span.begin <= b.span.end;
  if (b.span.empty())
    return a.span.begin <= b.span.begin && b.span.begin <= a.span.end;
  return a.span.overlaps(b.span);
}

} // namespace

bool allowed(diagnostic const& d, loop_options const& o) {
  if (!d.fix || d.fix->edits.empty())
    return false;
  if (d.fix->safety == fix_safety::unsafe && !o.unsafe)
    return false;
  return o.assumed_client || !d.assumed_client;
}

loop_result fix_until_stable(std::string_view text, checker const& check, loop_options const& o) {
  loop_result out;
  out.text = std::string(text);
  for (std::size_t pass = 0;; ++pass) {
    out.final_report = check(out.text);
    std::vector<edit> taken;
    std::vector<diagnostic const*> fixed;
    for (auto const& d : out.final_report.diagnostics) {
      if (!allowed(d, o))
        continue;
      bool clash = false;
      for (auto const& e : d.fix->edits)
        for (auto const& t : taken)
          clash = clash || collide(e, t);
      if (clash)
        continue; // the next pass picks it up
      taken.insert(taken.end(), d.fix->edits.begin(), d.fix->edits.end());
      fixed.push_back(&d);
    }
    if (taken.empty())
      return out;
    if (pass == o.max_passes) {
      out.converged = false;
      return out;
    }
    for (auto const* d : fixed)
      out.applied.push_back(*d);
    std::string next = apply_edits(out.text, taken).text;
    if (o.on_pass)
      o.on_pass(out.text, taken, next);
    out.text = std::move(next);
    ++out.passes;
  }
}

} // namespace poolcheck::fixes
