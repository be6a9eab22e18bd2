// Suppression comments: found in the document's comment lines, matched to findings by position.
#include "engine/suppressions.hpp"

#include "engine/sink.hpp"

#include <algorithm>

namespace poolcheck::engine {
namespace {

struct suppression {
  byte_span comment;    // the whole comment line
  byte_span applies_to; // the entry it covers; the whole file for ignore-file
  std::string code;     // as written (a code or a prefix)
  byte_span code_span;
  bool used = false;
};

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

constexpr std::string_view tag = "poolcheck:";

/// Where the text after `# poolcheck:` starts in a comment line, or npos.
std::size_t after_tag(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i]))
    ++i;
  if (i >= s.size() || s[i] != '#')
    return std::string_view::npos;
  ++i;
  while (i < s.size() && is_space(s[i]))
    ++i;
  if (s.substr(i, tag.size()) != tag)
    return std::string_view::npos;
  return i + tag.size();
}

/// Parses `# poolcheck: ignore[...]` / `ignore-file[...]` in one comment line.
void parse_comment(std::string_view text, byte_span line, byte_span target, byte_span whole_file,
                   std::vector<suppression>& out) {
  std::string_view s = line.of(text);
  std::size_t i = after_tag(s);
  if (i == std::string_view::npos)
    return;
  while (i < s.size() && is_space(s[i]))
    ++i;
  bool file = false;
  if (s.substr(i, 12) == "ignore-file[") {
    file = true;
    i += 12;
  } else if (s.substr(i, 7) == "ignore[") {
    i += 7;
  } else {
    return;
  }
  std::size_t close = s.find(']', i);
  if (close == std::string_view::npos)
    return;
  std::size_t start = i;
  for (std::size_t j = i; j <= close; ++j) {
    if (j < close && s[j] != ',')
      continue;
    std::size_t b = start, e = j;
    while (b < e && is_space(s[b]))
      ++b;
    while (e > b && is_space(s[e - 1]))
      --e;
    if (e > b)
      out.push_back({line,
                     file ? whole_file : target,
                     std::string(s.substr(b, e - b)),
                     {line.begin + b, line.begin + e}});
    start = j + 1;
  }
}

bool names(suppression const& s, std::string_view code) {
  return code.rfind(s.code, 0) == 0;
}

} // namespace

void apply_suppressions(poolcheck::document const& doc, rule_set const& rules,
                        std::vector<diagnostic>& diagnostics,
                        std::function<bool(std::string_view code)> const& selected) {
  std::vector<suppression> found;
  byte_span whole{0, doc.text.size()};
  for (auto const& c : doc.comments)
    parse_comment(doc.text, c.span, c.next_entry_line, whole, found);
  if (found.empty())
    return;

  // Each finding looks only at the file-wide suppressions and at those on the one line that can
  // hold it: lines do not overlap, so that is the last covered line starting at or before it.
  std::vector<suppression*> file_wide, by_line;
  for (auto& s : found) {
    if (s.applies_to == whole)
      file_wide.push_back(&s);
    else if (!s.applies_to.empty())
      by_line.push_back(&s);
  }
  auto starts_before = [](suppression const* s, suppression const* t) {
    return s->applies_to.begin < t->applies_to.begin;
  };
  std::stable_sort(by_line.begin(), by_line.end(), starts_before);
  std::erase_if(diagnostics, [&](diagnostic const& d) {
    bool hit = false;
    auto take = [&](suppression* s) {
      if (names(*s, d.code) && s->applies_to.contains(d.span.begin))
        s->used = hit = true;
    };
    for (auto* s : file_wide)
      take(s);
    auto after = std::upper_bound(
        by_line.begin(), by_line.end(), d.span.begin,
        [](std::size_t at, suppression const* s) { return at < s->applies_to.begin; });
    for (auto it = after;
         it != by_line.begin() && (*std::prev(it))->applies_to == (*std::prev(after))->applies_to;
         --it)
      take(*std::prev(it));
    return hit;
  });

  // The rules (kind = "suppression") this pass reports for.
  rule const* report_unknown = selected("ENV201") ? rules.find("ENV201") : nullptr;
  rule const* report_unused = selected("ENV202") ? rules.find("ENV202") : nullptr;
  sink out(diagnostics);
  for (auto const& s : found) {
    bool known = std::any_of(rules.rules.begin(), rules.rules.end(),
                             [&](rule const& r) { return r.code.rfind(s.code, 0) == 0; });
    if (!known && report_unknown)
      out.report(*report_unknown, s.code_span, "", {{"code", s.code}});
    else if (known && !s.used && report_unused)
      out.report(*report_unused, s.code_span, "", {{"code", s.code}});
  }
}

} // namespace poolcheck::engine
