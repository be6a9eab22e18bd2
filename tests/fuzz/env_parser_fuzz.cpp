// libFuzzer target for the lossless .env parser: any bytes must parse, print back byte for byte,
// and yield a document whose lines tile the text and whose entries point inside their own lines.
#include "env/document.hpp"
#include "fuzz/property.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

using namespace poolcheck;

namespace {

using fuzz::require;
using fuzz::within;

void check_entry(std::string_view text, entry const& e, byte_span line) {
  // Everything an entry points at belongs to the line item that owns it; otherwise a fix that
  // edits the entry would also touch a neighbouring line.
  require(within(e.key, line.begin, line.end) && !e.key.empty(), "key inside its line");
  require(e.name == e.key.of(text), "name is the key text");
  require(within(e.raw_value, line.begin, line.end), "raw value inside its line");
  require(e.raw_value.begin >= e.key.end, "value after the key");
  require(within(e.inner, e.raw_value.begin, e.raw_value.end), "inner inside raw value");
  if (e.quote != quoting::none)
    require(e.inner.begin == e.raw_value.begin + 1 && e.inner.end + 1 == e.raw_value.end,
            "quotes are one byte each side");
  else
    require(e.inner == e.raw_value, "unquoted: inner is the raw value");
  if (e.comment) {
    require(within(*e.comment, line.begin, line.end) && !e.comment->empty(),
            "comment inside its line");
    require(e.comment->begin >= e.raw_value.end, "comment after the value");
    require(text[e.comment->begin] == '#', "comment starts with #");
  }

  // logical_to_raw maps each logical byte to where it was written, in order, inside `inner`.
  if (e.logical_to_raw.empty()) {
    require(e.logical_value == e.inner.of(text), "unmapped logical value is the inner text");
    return;
  }
  require(e.logical_to_raw.size() == e.logical_value.size() + 1, "map has one entry per byte + 1");
  require(e.logical_to_raw.back() == e.inner.end, "map ends at the inner end");
  std::size_t previous = e.inner.begin;
  for (std::size_t i = 0; i < e.logical_value.size(); ++i) {
    std::size_t const at = e.logical_to_raw[i];
    require(at >= previous && at < e.inner.end, "map is increasing and inside inner");
    require(i == 0 || at > previous, "map is strictly increasing");
    previous = at;
    char const logical = e.logical_value[i];
    char const raw = text[at];
    // The only rewrites are CR/CRLF folded to LF and the `\n` / `\r` escapes.
    require(logical == raw || (logical == '\n' && raw == '\r') ||
                (raw == '\\' && (logical == '\n' || logical == '\r')),
            "logical byte is the raw byte or a folded line break");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const text(reinterpret_cast<char const*>(data), size);
  env::document const doc = env::parse(text);

  require(doc.text.data() == text.data() && doc.text.size() == size, "document keeps the text");
  require(doc.print() == text, "print() gives back the input");

  // Lines tile the text: contiguous, non-empty, from 0 to the end.
  std::size_t at = 0;
  std::size_t entry_lines = 0;
  for (auto const& line : doc.lines) {
    require(line.span.begin == at, "lines are contiguous");
    require(line.span.end > line.span.begin && line.span.end <= size, "line is non-empty, inside");
    if (line.kind == env::line_kind::entry) {
      // Entries are in file order, one per entry line.
      require(line.entry_index == entry_lines, "entry lines index entries in order");
      require(line.entry_index < doc.entries.size(), "entry index in range");
      check_entry(text, doc.entries[line.entry_index], line.span);
      ++entry_lines;
    }
    at = line.span.end;
  }
  require(at == size, "lines cover the whole text");
  require(entry_lines == doc.entries.size(), "every entry has its line");

  std::size_t previous_issue = 0;
  for (auto const& issue : doc.issues) {
    require(within(issue.span, 0, size), "issue inside the text");
    require(issue.span.begin >= previous_issue, "issues sorted by offset");
    previous_issue = issue.span.begin;
  }
  // Each entry knows its line, and each comment the entry line right after it, if any.
  for (auto const& line : doc.lines)
    if (line.kind == env::line_kind::entry)
      require(doc.entries[line.entry_index].line == line.span, "an entry's line is its line");
  for (auto const& c : doc.comments)
    require(c.next_entry_line.empty() || c.next_entry_line.begin == c.span.end,
            "a comment's entry line follows it");
  return 0;
}
