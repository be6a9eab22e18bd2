// libFuzzer target for the lossless .env parser: any bytes must parse, print back byte for byte,
// and yield a document whose lines tile the text and whose entries point inside their own lines.
#include "env/document.hpp"
#include "fuzz/property.hpp"
#include "support/same_reading.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

using namespace poolcheck;

namespace {

using fuzz::require;
using fuzz::within;

void check_entry(std::string_view text, env::entry const& e, byte_span line) {
  // Everything an entry points at belongs to the line item that owns it; otherwise a fix that
  // edits the entry would also touch a neighbouring line.
  require(within(e.key, line.begin, line.end) && !e.key.empty(), "key inside its line");
  require(e.name == e.key.of(text), "name is the key text");
  require(within(e.raw_value, line.begin, line.end), "raw value inside its line");
  require(e.raw_value.begin >= e.key.end, "value after the key");
  require(within(e.inner, e.raw_value.begin, e.raw_value.end), "inner inside raw value");
  if (e.quote != env::quoting::none)
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
  // A filtered parse keeps exactly the lines it is asked to, each as the full parse has it, and
  // all the issues. Here: every other line.
  std::size_t asked = 0;
  std::vector<env::line> wanted;
  env::document const some = env::parse(text, [&](env::line const& line, env::entry const*) {
    bool const keep = asked++ % 2 == 0;
    if (keep)
      wanted.push_back(line);
    return keep;
  });
  require(asked == doc.lines.size(), "the filter sees every line once");
  require(some.lines.size() == wanted.size(), "kept lines are the ones asked for");
  require(some.issues.size() == doc.issues.size(), "a filter keeps every issue");
  for (std::size_t i = 0, entries = 0; i < some.lines.size(); ++i) {
    env::line const& kept = some.lines[i];
    env::line const& full = doc.lines[2 * i];
    require(kept.kind == full.kind && kept.span == full.span, "a kept line is the full one");
    if (kept.kind != env::line_kind::entry)
      continue;
    require(kept.entry_index == entries++, "kept entries are indexed in order");
    env::entry const& a = some.entries[kept.entry_index];
    env::entry const& b = doc.entries[full.entry_index];
    require(a.name == b.name && a.logical_value == b.logical_value && a.raw_value == b.raw_value &&
                a.logical_to_raw == b.logical_to_raw,
            "a kept entry is the full one");
  }
  require(some.complete == (doc.lines.size() < 2), "a document missing lines says so");

  // Read in pieces, cut after each LF followed by an odd byte (the input chooses), through filters
  // that keep every line: the document is the whole parse's, and each filter sees lines in order.
  std::vector<std::size_t> starts{0};
  for (std::size_t lf = text.find('\n'); lf != std::string_view::npos && starts.size() < 8;
       lf = text.find('\n', lf + 1))
    if (lf + 1 < size && text[lf + 1] % 2 != 0)
      starts.push_back(lf + 1);

  struct in_order {
    std::size_t next = 0;

    bool operator()(env::line const& line, env::entry const*) {
      require(line.span.begin >= next, "a piece's filter sees lines in file order");
      next = line.span.end;
      return true;
    }
  };

  std::vector<in_order> orders(starts.size());
  std::vector<env::line_filter> const keep(orders.begin(), orders.end());
  std::vector<std::size_t> from;
  env::document const pieces = env::parse_in_pieces(text, starts, keep, from);
  require(test::reading_difference(doc, pieces).empty(), "read in pieces, as read whole", text);
  require(pieces.print() == text, "read in pieces, printed back");
  require(from.size() == starts.size() && from[0] == 0, "where the pieces begin");
  for (std::size_t i = 1, last = 0; i < from.size(); ++i)
    if (from[i] != std::string_view::npos) {
      require(from[i] > last && from[i] >= starts[i], "pieces begin in order, in their share");
      last = from[i];
    }

  require(doc.has_bom == text.starts_with("\xEF\xBB\xBF"), "BOM flag");
  require(doc.ends_with_newline == (size > 0 && (text.back() == '\n' || text.back() == '\r')),
          "ends_with_newline flag");
  return 0;
}
