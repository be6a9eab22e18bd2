// Line index over a file's bytes.
#include "core/source_file.hpp"

#include <algorithm>

namespace poolcheck {

line_index::line_index(std::string_view text) {
  starts_.push_back(0);
  if (text.find('\r') == std::string_view::npos) {
    // The common case, a line at a time with memchr.
    for (std::size_t at = text.find('\n'); at != std::string_view::npos;
         at = text.find('\n', at + 1))
      starts_.push_back(at + 1);
    return;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
      ++i;
    if (text[i] == '\n' || text[i] == '\r')
      starts_.push_back(i + 1);
  }
}

line_column line_index::position(std::size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  auto line = static_cast<std::size_t>(it - starts_.begin());
  return {line, offset - starts_[line - 1] + 1};
}

byte_span line_index::lines_of(std::string_view text, byte_span span) const {
  std::size_t const first = line_start(position(span.begin).line);
  std::size_t const last = position(span.end > span.begin ? span.end - 1 : span.begin).line;
  return {first, last < line_count() ? line_start(last + 1) : text.size()};
}

std::string_view line_index::line_text(std::string_view text, std::size_t line) const {
  std::size_t begin = starts_[line - 1];
  std::size_t end = line < starts_.size() ? starts_[line] : text.size();
  while (end > begin && (text[end - 1] == '\n' || text[end - 1] == '\r'))
    --end;
  return text.substr(begin, end - begin);
}

} // namespace poolcheck
