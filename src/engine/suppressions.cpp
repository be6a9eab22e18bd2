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

bool is_directive(std::string_view comment_line) {
  return after_tag(comment_line) != std::string_view::npos;
}

void apply_suppressions(env::document const& doc, rule_set const& rules,
                        std::vector<diagnostic>& diagnostics, rule const* report_unknown,
                        rule const* report_unused) {
  std::vector<suppression> found;
  byte_span whole{0, doc.text.size()};
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    auto const& l = doc.lines[i];
    if (l.kind != env::line_kind::comment)
      continue;
    // A line suppression covers the entry on the next line (a comment or blank line in between
    // breaks the link, as with hadolint's `ignore=`).
    byte_span target{};
    if (i + 1 < doc.lines.size() && doc.lines[i + 1].kind == env::line_kind::entry)
      target = doc.lines[i + 1].span;
    parse_comment(doc.text, l.span, target, whole, found);
  }
  if (found.empty())
    return;

  std::erase_if(diagnostics, [&](diagnostic const& d) {
    bool hit = false;
    for (auto& s : found) {
      if (names(s, d.code) && s.applies_to.begin <= d.span.begin &&
          d.span.begin < s.applies_to.end) {
        s.used = true;
        hit = true;
      }
    }
    return hit;
  });

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
