// `poolcheck explain CODE` and `poolcheck rules`: rule documentation from the rule metadata.
#pragma once

#include "engine/rule.hpp"

#include <ostream>

namespace poolcheck::cli {

void write_explanation(std::ostream& out, engine::rule const& r);
void write_rule_list(std::ostream& out, engine::rule_set const& rules, bool as_json);

} // namespace poolcheck::cli
