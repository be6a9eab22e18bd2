// Turns a change to an entry's logical value into a byte edit on the file, in the entry's own
// quoting style, and says when that style cannot hold the new text as written.
#pragma once

#include "core/diagnostic.hpp"
#include "env/document.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace poolcheck::env {

/// True when `text` reads back unchanged under dotenv if written inside `style` quotes (or
/// unquoted): no closing quote, no line break, no `#` or surrounding space when unquoted, and no
/// escape sequence dotenv would expand inside double quotes.
bool representable(std::string_view text, quoting style);

/// The file edit that replaces logical bytes [begin, end) of `e`'s value with `replacement`, or
/// nullopt when the range does not map onto contiguous file bytes or the quoting cannot hold the
/// replacement as written.
std::optional<edit> value_edit(entry const& e, std::size_t begin, std::size_t end,
                               std::string_view replacement);

/// File edits for edits given on an entry's logical value (spans relative to the value).
struct file_edits {
  std::vector<edit> edits;
  bool requoted = false; // the value had to be re-quoted: what dotenv reads changes form
};

/// Maps each logical edit onto the file in the entry's own quoting. When one cannot be written
/// that way, the whole value is replaced by the edited value, quoted so that dotenv reads it
/// back exactly (then `requoted` is set: such a fix is unsafe). Empty when nothing can hold it.
file_edits to_file_edits(entry const& e, std::vector<edit> const& logical);

/// `text` between two `quote` characters (no escaping: check representable() first).
std::string wrapped(std::string_view text, char quote);

/// `text` quoted so dotenv reads it back unchanged: single quotes when possible, else double
/// quotes; nullopt when neither can hold it.
std::optional<std::string> quoted(std::string_view text);

} // namespace poolcheck::env
