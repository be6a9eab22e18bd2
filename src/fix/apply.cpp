// One-pass application of byte edits.
#include "fix/apply.hpp"

#include <algorithm>

namespace poolcheck::fixes {

applied_edits apply_edits(std::string_view text, std::vector<edit> edits) {
  // Insertions sort before a replacement at the same offset so both can be taken: the insertion
  // lands in front of the replaced bytes instead of being swallowed by them.
  std::stable_sort(edits.begin(), edits.end(), [](edit const& a, edit const& b) {
    if (a.span.begin != b.span.begin)
      return a.span.begin < b.span.begin;
    return a.span.empty() && !b.span.empty();
  });

  applied_edits out;
  out.text.reserve(text.size());
  // Everything before `copied` is already in the output; because edits arrive in start order, an
  // edit overlaps a taken one exactly when it starts before this point.
  std::size_t copied = 0;
  for (edit const& e : edits) {
    if (e.span.begin > e.span.end || e.span.end > text.size() || e.span.begin < copied) {
      ++out.skipped;
      continue;
    }
    out.text.append(text.substr(copied, e.span.begin - copied));
    out.text.append(e.replacement);
    copied = e.span.end;
    ++out.applied;
  }
  out.text.append(text.substr(copied));
  return out;
}

} // namespace poolcheck::fixes
