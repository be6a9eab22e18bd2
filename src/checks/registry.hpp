// Rules whose logic data cannot say. Their metadata lives in rules/*.toml (`kind = "code"`); their
// logic in one file per rule (or per family of identical-shape rules), listed in registry.cpp.
#pragma once

#include "engine/rule.hpp"
#include "engine/sink.hpp"
#include "engine/url_facts.hpp"
#include "env/document.hpp"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace poolcheck::checks {

struct input {
  env::document const& doc;
  engine::rule_set const& rules;
  engine::url_facts const* url; // null when called once for the whole document
  bool whole_file = true;       // false when checking a lone value (`poolcheck rewrite`)
  /// Whether an entry of the document has the direct (migrations) role: asked about every
  /// connection string, so found once per document.
  bool has_direct_entry = false;
  /// The name_hash of each entry's name, in entry order (whole-document calls only).
  std::span<std::uint64_t const> name_hashes;
};

using code_rule = void (*)(engine::rule const& r, input const& in, engine::sink& out);

/// The code for rule `code`, or nullptr.
code_rule find_code_rule(std::string_view code);

// One declaration per code rule (or family), sorted by code.
void env00x_syntax(engine::rule const&, input const&, engine::sink&);
void env101_unquoted_hash_in_url(engine::rule const&, input const&, engine::sink&);
void env102_dollar_in_url(engine::rule const&, input const&, engine::sink&);
void env103_duplicate_url_key(engine::rule const&, input const&, engine::sink&);

/// ENV201/ENV202 are reported by engine/suppressions after all other findings exist.
inline void env20x_suppressions(engine::rule const&, input const&, engine::sink&) {}

void prisma013_direct_url_missing(engine::rule const&, input const&, engine::sink&);
void pool001_connection_limit_on_direct(engine::rule const&, input const&, engine::sink&);
void supa005_pooler_user_without_ref(engine::rule const&, input const&, engine::sink&);
void url00x_syntax(engine::rule const&, input const&, engine::sink&);

} // namespace poolcheck::checks
