// The interpreters for data rules (endpoint, param-missing, param-present, param-below,
// param-not-in): the rule file says what to match; these few functions say how.
#pragma once

#include "engine/rule.hpp"
#include "engine/sink.hpp"
#include "engine/url_facts.hpp"

namespace poolcheck::engine {

void run_data_rule(rule const& r, rule_set const& rules, url_facts const& facts, sink& out);

/// Whether a rule's conditions hold; `assumed` is set when they hold only by assuming the client.
bool conditions_hold(conditions const& c, url_facts const& facts, bool& assumed);

} // namespace poolcheck::engine
