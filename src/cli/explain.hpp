// `poolcheck explain CODE` and `poolcheck rules`: rule documentation from the rule metadata.
#pragma once

#include "core/result.hpp"
#include "engine/analysis.hpp"
#include "engine/rule.hpp"

#include <ostream>

namespace poolcheck::cli {

void write_explanation(std::ostream& out, engine::rule const& r);
void write_rule_list(std::ostream& out, engine::rule_set const& rules, bool as_json);

/// Checks a rule's example text (`r.example.bad` or `.good`; raw bytes spelt \xNN) with the
/// example's client and target, as `poolcheck check` would.
engine::file_report run_example(engine::rule const& r, std::string_view text,
                                engine::rule_set const& rules);

/// The Markdown page docs/rules/<CODE>.md for a rule of `rules`: its metadata, and what poolcheck
/// prints for its bad example (run_example), passwords masked as in output.
std::string rule_page(engine::rule const& r, engine::rule_set const& rules);

/// Writes one page per rule into `dir`; returns a problem naming the file it could not write.
result<void> write_rule_pages(std::string const& dir, engine::rule_set const& rules);

} // namespace poolcheck::cli
