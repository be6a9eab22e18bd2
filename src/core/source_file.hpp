// The bytes of one checked file with an index of where its lines start, so that byte offsets can
// be turned into 1-based line:column. Lines end at LF, CRLF or a bare CR, as dotenv reads them.
#pragma once

#include "core/span.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace poolcheck {

struct line_column {
  std::size_t line = 1;   // 1-based
  std::size_t column = 1; // 1-based, counted in bytes
};

/// The 1-based line of `offset` in `text`, counting LF, CRLF and bare CR, without building an index.
std::size_t line_number(std::string_view text, std::size_t offset);

class source_file {
public:
  source_file(std::string path, std::string bytes);

  [[nodiscard]] std::string const& path() const { return path_; }
  [[nodiscard]] std::string_view text() const { return bytes_; }
  [[nodiscard]] line_column position(std::size_t offset) const;
  /// The text of 1-based line `line`, without its terminator.
  [[nodiscard]] std::string_view line_text(std::size_t line) const;
  [[nodiscard]] std::size_t line_start(std::size_t line) const { return line_starts_[line - 1]; }
  [[nodiscard]] std::size_t line_count() const { return line_starts_.size(); }

private:
  std::string path_;
  std::string bytes_;
  std::vector<std::size_t> line_starts_;
};

} // namespace poolcheck
