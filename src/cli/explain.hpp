// `poolcheck explain CODE` and `poolcheck rules`: rule documentation from the rule metadata.
#pragma once

#include "core/result.hpp"
#include "engine/rule.hpp"

#include <ostream>

namespace poolcheck::cli {

void write_explanation(std::ostream& out, engine::rule const& r);
void write_rule_list(std::ostream& out, engine::rule_set const& rules, bool as_json);

/// The Markdown page docs/rules/<CODE>.md for a rule.
std::string rule_page(engine::rule const& r);

/// Writes one page per rule into `dir`; returns a problem naming the file it could not write.
result<void> write_rule_pages(std::string const& dir, engine::rule_set const& rules);

} // namespace poolcheck::cli
