// One assignment of a variable, as any input format gives it: the name, the value a program reads,
// and where the value's bytes are and how they are quoted, so that a changed value can be written
// back in place. Input formats produce entries; the engine, the fixer and the reporters read only
// entries and byte spans.
#pragma once

#include "core/span.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace poolcheck {

/// Where an entry was read from: it decides how a changed value is written back.
enum class source_format {
  dotenv,      // a .env file (env/parser)
  lone_value,  // one value outside any file (`poolcheck rewrite`): written back as is
  environment, // the process environment (`check --env`): nothing to write back
  yaml,        // a YAML deployment file (formats/deployment_yaml)
  toml,        // a TOML deployment file (formats/deployment_toml)
  json,        // a JSON deployment file, comments allowed (formats/deployment_json)
  dockerfile,  // a Dockerfile's ENV and ARG instructions (formats/dockerfile)
};

/// How a value is quoted where it is written.
enum class quoting { none, single, double_quote, backtick };

struct entry {
  std::string_view name; // the key text
  byte_span key;         // the key bytes
  /// What the program reads: a view into the parsed text, or into the document's decoded values
  /// when escapes or line endings make it differ from the bytes.
  std::string_view logical_value;
  byte_span raw_value; // the value as written: quotes included; empty span after the separator
                       // when the value is empty
  byte_span inner;     // inside the quotes (== raw_value when unquoted)
  quoting quote = quoting::none;
  /// File offset of each logical byte, plus one entry for the end (size logical+1). Empty when the
  /// logical value is byte-identical to `inner`.
  std::vector<std::uint32_t> logical_to_raw;
  byte_span line; // the line(s) the assignment occupies, through the last line's terminator
  source_format format = source_format::dotenv;
  std::optional<byte_span> comment; // a trailing `# ...` on the value's last line
  bool exported = false;            // dotenv's `export KEY=...`
  /// Entries of one scope set one set of variables, where a later one overrides an earlier one: a
  /// .env file is one scope; each `environment:` map or `[env]` table of a deployment file is its
  /// own (a Compose service, a workflow step).
  std::uint32_t scope = 0;
  /// Whether an edit can be written into the value's bytes in its own quoting. Not for a value the
  /// format folds or joins across lines (a YAML block scalar): its fixes become advice.
  bool writable = true;

  /// File offset of logical byte `i` (i may equal logical_value.size()).
  [[nodiscard]] std::size_t raw_offset(std::size_t i) const {
    return logical_to_raw.empty() ? inner.begin + i : logical_to_raw[i];
  }

  /// File span of the logical range [begin, end).
  [[nodiscard]] byte_span raw_span(std::size_t begin, std::size_t end) const {
    return {raw_offset(begin), raw_offset(end)};
  }

  /// An unquoted value that a `#` with no space before it cut short: the program reads less than
  /// the author wrote (dotenv reads `postgres://u:p#ss@h/db` as `postgres://u:p`).
  [[nodiscard]] bool cut_by_hash() const {
    return quote == quoting::none && comment && comment->begin == raw_value.end &&
           !raw_value.empty();
  }
};

} // namespace poolcheck
