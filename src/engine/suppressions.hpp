// Inline suppressions, like hadolint's `ignore=` and ruff's `noqa`, in a document's comments:
//   # poolcheck: ignore[CODE,...]       the next entry (codes or code prefixes)
//   # poolcheck: ignore-file[CODE,...]  the whole file, wherever it is written
// A suppression naming an unknown code, or suppressing nothing, is reported (ENV201, ENV202).
#pragma once

#include "core/diagnostic.hpp"
#include "core/document.hpp"
#include "engine/rule.hpp"

#include <vector>

namespace poolcheck::engine {

/// Whether a comment line is a `# poolcheck:` directive (well formed or not).
bool is_directive(std::string_view comment_line);

/// The pass after every rule has run: drops the findings a suppression covers and reports the
/// suppressions themselves (ENV201 for an unknown code, ENV202 for one that suppressed nothing),
/// when those rules are selected.
void apply_suppressions(poolcheck::document const& doc, rule_set const& rules,
                        std::vector<diagnostic>& diagnostics, rule const* report_unknown,
                        rule const* report_unused);

} // namespace poolcheck::engine
