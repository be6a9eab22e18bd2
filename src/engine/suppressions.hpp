// Inline suppressions, like hadolint's `ignore=` and ruff's `noqa`, in a document's comments:
//   # poolcheck: ignore[CODE,...]       the next entry (codes or code prefixes)
//   # poolcheck: ignore-file[CODE,...]  the whole file, wherever it is written
// A suppression naming an unknown code, or suppressing nothing, is reported (ENV201, ENV202).
#pragma once

#include "core/diagnostic.hpp"
#include "core/document.hpp"
#include "engine/rule.hpp"

#include <functional>
#include <string_view>
#include <vector>

namespace poolcheck::engine {

/// The pass after every rule has run: drops the findings a suppression covers and reports the
/// suppressions themselves (ENV201 for an unknown code, ENV202 for one that suppressed nothing),
/// when `selected` says those rules are.
void apply_suppressions(poolcheck::document const& doc, rule_set const& rules,
                        std::vector<diagnostic>& diagnostics,
                        std::function<bool(std::string_view code)> const& selected);

} // namespace poolcheck::engine
