// A small JavaScript/TypeScript tokenizer for config files (prisma.config.ts):
// enough to find an object literal's properties, never to run or evaluate anything.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace poolcheck::project::js {

enum class token_kind {
  identifier,    // also keywords
  string,        // '..' or ".."
  template_text, // a template literal with no ${...}
  template_part, // a piece of a template literal with substitutions (the pieces' tokens follow)
  number,
  regex,
  punct, // one character: `{`, `.`, `?`, ...
};

struct token {
  token_kind kind = token_kind::punct;
  std::string_view text; // identifier, punct, number; a string's raw content between the quotes
  std::size_t line = 1;  // 1-based line of the token's first character
  bool escaped = false;  // a string holding a backslash: its text is not its value
  bool closed = true;    // a string or template that reached its closing quote
};

/// Total: comments (`//`, `/* */`, unterminated ones run to the end) are skipped, strings end at
/// their quote or an unescaped newline, templates nest through ${...}, and a `/` starts a regex
/// only where a value can start.
std::vector<token> tokenize(std::string_view text);

} // namespace poolcheck::project::js
