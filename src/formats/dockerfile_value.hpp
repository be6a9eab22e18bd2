// A Dockerfile value in place: what the builder makes of an ENV or ARG value as written (quotes
// removed, escapes applied), where each of its bytes comes from, and how a changed value is
// written back. The rules are BuildKit's (frontend/dockerfile/shell/lex.go): unquoted, the escape
// character takes the next character as it is; in '...' nothing escapes; in "..." it escapes only
// `"`, `$` and itself. A `$NAME` or `${...}` reference is kept as written: it is expanded at build
// time, from values poolcheck does not see (a `${...}` inside a URL reads as a placeholder).
#pragma once

#include "core/entry.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::formats {

struct dockerfile_value {
  std::string value;
  /// Where each byte of `value` comes from in the word it was decoded from (an escaped
  /// character: its escape), and one more for its end (a quoted word: its closing quote).
  std::vector<std::size_t> from;
  quoting quote = quoting::none; // the quoting of the whole word
  bool one_quoting = true;       // the word is unquoted, or one quoted string: it can be edited
};

/// `word` (an ENV or ARG value as the builder splits it) decoded with `escape` as the escape
/// character, or nullopt when a quote or `${` in it never closes (the builder stops there).
std::optional<dockerfile_value> decode_dockerfile_value(std::string_view word, char escape);

/// The byte length of the white-space character at `at` of `text`, or 0: what Go's
/// unicode.IsSpace says, by which the builder splits an instruction's words.
std::size_t space_at(std::string_view text, std::size_t at);

/// `text` as it can be written into a value quoted with `style`, or nullopt when that quoting
/// cannot hold it as it is: unquoted, no white space, quote, escape character (`\` or `` ` ``,
/// as a parser directive may choose) or `$`; in "...", no `"`, escape character or `$`; in
/// '...', no `'`; in none, a line break. Nothing is escaped: a fix's text is a URL's, which
/// percent-encodes what these would need.
std::optional<std::string> dockerfile_written(std::string_view text, quoting style);

/// Whether replacing bytes [begin, end) of decoded `value` (quoted with `style`) by `replacement`
/// leaves its `$` signs as they read: unquoted or in "...", a `$` right before the edit that comes
/// to stand before a name character or `{` would start a reference that was not there.
bool keeps_references(std::string_view value, std::size_t begin, std::size_t end,
                      std::string_view replacement, quoting style);

} // namespace poolcheck::formats
