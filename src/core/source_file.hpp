// The bytes of one checked file with an index of where its lines start, so that byte offsets can
// be turned into 1-based line:column. Lines end at LF, CRLF or a bare CR, as dotenv reads them.
#pragma once

#include "core/span.hpp"

#include <optional>
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

  /// The whole lines of `text` that `span` touches, through the last one's terminator (an empty
  /// span: its line).
  [[nodiscard]] byte_span lines_of(std::string_view text, byte_span span) const;

private:
  std::vector<std::size_t> starts_;
};

/// A checked file: its path, its bytes and their line index, built when first asked for (most
/// files have no findings). Not safe to share between threads while the index is unbuilt.
class source_file {
public:
  source_file(std::string path, std::string bytes)
      : path_(std::move(path)), bytes_(std::move(bytes)) {}

  [[nodiscard]] std::string const& path() const { return path_; }

  [[nodiscard]] std::string_view text() const { return bytes_; }

  [[nodiscard]] line_column position(std::size_t offset) const { return lines().position(offset); }

  [[nodiscard]] std::string_view line_text(std::size_t line) const {
    return lines().line_text(text(), line);
  }

  [[nodiscard]] std::size_t line_start(std::size_t line) const { return lines().line_start(line); }

  [[nodiscard]] std::size_t line_count() const { return lines().line_count(); }

private:
  std::string path_;
  std::string bytes_;
  mutable std::optional<line_index> lines_;

  line_index const& lines() const {
    if (!lines_)
      lines_.emplace(text());
    return *lines_;
  }
};

} // namespace poolcheck
