// Inline suppressions in .env files, like hadolint's `ignore=` and ruff's `noqa`:
//   # poolcheck: ignore[CODE,...]       the next entry (codes or code prefixes)
//   # poolcheck: ignore-file[CODE,...]  the whole file, wherever it is written
// A suppression naming an unknown code, or suppressing nothing, is reported (ENV201, ENV202).
#pragma once

#include "core/diagnostic.hpp"
#include "engine/rule.hpp"
#include "env/document.hpp"

#include <vector>

namespace poolcheck::engine {

/// Whether a comment line is a `# poolcheck:` directive (well formed or not).
bool is_directive(std::string_view comment_line);

/// Drops the findings that a suppression covers and adds findings about the suppressions
/// themselves (when their rules are selected: `report_unknown`, `report_unused`).
void apply_suppressions(env::document const& doc, rule_set const& rules,
                        std::vector<diagnostic>& diagnostics, rule const* report_unknown,
                        rule const* report_unused);

} // namespace poolcheck::engine
