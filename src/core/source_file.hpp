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

/// Where each line of a text starts. Does not own the text.
class line_index {
public:
  explicit line_index(std::string_view text);

  [[nodiscard]] line_column position(std::size_t offset) const;

  [[nodiscard]] std::size_t line_start(std::size_t line) const { return starts_[line - 1]; }

  [[nodiscard]] std::size_t line_count() const { return starts_.size(); }

  /// 1-based line `line` of `text`, without its terminator.
  [[nodiscard]] std::string_view line_text(std::string_view text, std::size_t line) const;

private:
  std::vector<std::size_t> starts_;
};

/// A checked file: its path, its bytes and their line index.
class source_file {
public:
  source_file(std::string path, std::string bytes)
      : path_(std::move(path)), bytes_(std::move(bytes)), lines_(bytes_) {}

  source_file(source_file&& other) noexcept = default;
  source_file& operator=(source_file&& other) noexcept = default;

  [[nodiscard]] std::string const& path() const { return path_; }

  [[nodiscard]] std::string_view text() const { return bytes_; }

  [[nodiscard]] line_column position(std::size_t offset) const { return lines_.position(offset); }

  [[nodiscard]] std::string_view line_text(std::size_t line) const {
    return lines_.line_text(bytes_, line);
  }

  [[nodiscard]] std::size_t line_start(std::size_t line) const { return lines_.line_start(line); }

  [[nodiscard]] std::size_t line_count() const { return lines_.line_count(); }

private:
  std::string path_;
  std::string bytes_;
  line_index lines_;
};

} // namespace poolcheck
