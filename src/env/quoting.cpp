// Re-quoting rules for dotenv (motdotla/dotenv's released parser).
#include "env/quoting.hpp"

#include <algorithm>

namespace poolcheck::env {

bool representable(std::string_view text, quoting style) {
  if (text.find_first_of("\r\n") != std::string_view::npos)
    return false;
  switch (style) {
  case quoting::none:
    return text.find('#') == std::string_view::npos;
  case quoting::single:
    return text.find('\'') == std::string_view::npos;
  case quoting::double_quote:
    return text.find('"') == std::string_view::npos && text.find("\\n") == std::string_view::npos &&
           text.find("\\r") == std::string_view::npos;
  case quoting::backtick:
    return text.find('`') == std::string_view::npos;
  }
  return false;
}

std::optional<edit> value_edit(entry const& e, std::size_t begin, std::size_t end,
                               std::string_view replacement) {
  if (begin > end || end > e.logical_value.size())
    return std::nullopt;
  if (!representable(replacement, e.quote))
    return std::nullopt;
  byte_span raw = e.raw_span(begin, end);
  if (raw.size() != end - begin && !e.logical_to_raw.empty()) {
    // The range covers an escape or a CRLF: not a plain byte range of the value.
    return std::nullopt;
  }
  std::string_view const v = e.logical_value;
  std::size_t const edited_size = v.size() - (end - begin) + replacement.size();
  if (e.quote == quoting::none && edited_size > 0) {
    // Unquoted values are trimmed, so an edit may not create leading or trailing space, nor a
    // leading quote that would start a quoted value. Byte i of the edited value, not built (a
    // value may have thousands of edits):
    auto edited = [&](std::size_t i) {
      if (i < begin)
        return v[i];
      if (i < begin + replacement.size())
        return replacement[i - begin];
      return v[i - replacement.size() + (end - begin)];
    };
    char const front = edited(0);
    char const back = edited(edited_size - 1);
    if (front == ' ' || front == '\t' || back == ' ' || back == '\t' || front == '"' ||
        front == '\'' || front == '`')
      return std::nullopt;
  }
  return edit{raw, std::string(replacement)};
}

file_edits to_file_edits(entry const& e, std::vector<edit> const& logical) {
  file_edits out;
  for (auto const& l : logical) {
    auto mapped = value_edit(e, l.span.begin, l.span.end, l.replacement);
    if (!mapped) {
      out.edits.clear();
      break;
    }
    out.edits.push_back(std::move(*mapped));
  }
  if (!out.edits.empty() || logical.empty())
    return out;
  // Re-quote the whole edited value. Edits are applied from the back so spans stay valid.
  std::string value(e.logical_value);
  std::vector<edit> sorted = logical;
  std::sort(sorted.begin(), sorted.end(),
            [](edit const& a, edit const& b) { return a.span.begin > b.span.begin; });
  for (auto const& l : sorted) {
    if (l.span.end > value.size() || l.span.begin > l.span.end)
      return out;
    value.replace(l.span.begin, l.span.size(), l.replacement);
  }
  if (auto q = quoted(value)) {
    out.edits.push_back({e.raw_value, *q});
    out.requoted = true;
  }
  return out;
}

std::string wrapped(std::string_view text, char quote) {
  // Built by appending: `"'" + std::string(text)` trips g++ 12's -Wrestrict false positive.
  std::string out;
  out.reserve(text.size() + 2);
  out += quote;
  out += text;
  out += quote;
  return out;
}

std::optional<std::string> quoted(std::string_view text) {
  if (representable(text, quoting::single))
    return wrapped(text, '\'');
  if (representable(text, quoting::double_quote))
    return wrapped(text, '"');
  return std::nullopt;
}

} // namespace poolcheck::env
