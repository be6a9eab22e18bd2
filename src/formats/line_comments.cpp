// Comment lines, and the entry each one stands above.
#include "formats/line_comments.hpp"

#include <algorithm>

namespace poolcheck::formats {

std::vector<comment> line_comments(std::string_view text, std::vector<entry> const& entries) {
  std::vector<comment> out;
  auto next_entry = entries.begin();
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    std::size_t const first = text.find_first_not_of(" \t", start);
    if (first < end && text[first] == '#') {
      // The entry whose lines start right after this one, if any.
      next_entry = std::find_if(next_entry, entries.end(),
                                [&](entry const& e) { return e.line.begin >= end; });
      bool const adjacent = next_entry != entries.end() && next_entry->line.begin == end;
      out.push_back({{start, end}, adjacent ? next_entry->line : byte_span{}});
    }
    start = end;
  }
  return out;
}

} // namespace poolcheck::formats
