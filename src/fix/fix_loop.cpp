// The fix loop (ruff's model: sorted, non-overlapping, applied once, re-checked to a fixpoint).
#include "fix/fix_loop.hpp"

#include "fix/apply.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace poolcheck::fixes {
namespace {

/// Two edits of different fixes collide when their spans overlap, or when one inserts at an
/// edge of (or inside) the other: each was computed on the text as it was, so an append next
/// to a removed `?key=value` would lose its `?` (`/db&sslmode=require`). The next pass picks it
/// up on the new text.
bool collide(byte_span a, byte_span b) {
  if (a.empty())
    return b.begin <= a.begin && a.begin <= b.end;
  if (b.empty())
    return a.begin <= b.begin && b.begin <= a.end;
  return a.overlaps(b);
}

/// The spans of the edits one pass takes. They never collide with each other, so ordered by
/// where they begin they are ordered by where they end too, and an edit can collide only with
/// the few that lie around it: finding those is a lookup, not a scan of every edit taken.
class taken_spans {
public:
  [[nodiscard]] bool collide_with(byte_span e) const {
    auto it = spans_.upper_bound({e.end, std::numeric_limits<std::size_t>::max()});
    while (it != spans_.begin()) {
      --it;
      if (it->end < e.begin)
        return false;
      if (collide(e, *it))
        return true;
    }
    return false;
  }

  void add(byte_span e) { spans_.insert(e); }

  [[nodiscard]] bool empty() const { return spans_.empty(); }

private:
  struct by_position {
    bool operator()(byte_span a, byte_span b) const {
      return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    }
  };

  std::multiset<byte_span, by_position> spans_;
};

} // namespace

bool allowed(diagnostic const& d, loop_options const& o) {
  if (!d.fix || d.fix->edits.empty())
    return false;
  if (d.fix->safety == fix_safety::unsafe && !o.unsafe)
    return false;
  return o.assumed || d.assumed.empty();
}

loop_result fix_until_stable(std::string_view text, checker const& check, loop_options const& o) {
  loop_result out;
  out.text = std::string(text);
  for (std::size_t pass = 0;; ++pass) {
    out.final_report = check(out.text);
    std::vector<edit> taken;
    taken_spans spans;
    std::vector<diagnostic const*> fixed;
    for (auto const& d : out.final_report.diagnostics) {
      if (!allowed(d, o))
        continue;
      auto const& edits = d.fix->edits;
      // Its own edits are checked against each other too: taken spans must never collide.
      bool const clash = std::any_of(edits.begin(), edits.end(), [&](edit const& e) {
        return spans.collide_with(e.span) ||
               std::any_of(edits.begin(), edits.end(), [&](edit const& other) {
                 return &other != &e && collide(e.span, other.span);
               });
      });
      if (clash)
        continue; // the next pass picks it up, or the fix is left as advice
      for (auto const& e : edits)
        spans.add(e.span);
      taken.insert(taken.end(), edits.begin(), edits.end());
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
