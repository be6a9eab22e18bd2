// The interpreters for data rules (endpoint, param-missing, param-present, param-below,
// param-not-in): the rule file says what to match; these few functions say how.
#pragma once

#include "engine/rule.hpp"
#include "engine/sink.hpp"
#include "engine/url_facts.hpp"

namespace poolcheck::engine {

/// Runs data rule `r` on a connection string whose context its conditions hold for.
void run_data_rule(rule const& r, rule_set const& rules, url_facts const& facts, sink& out);

/// Whether a rule's conditions hold for a connection string, and what they take for granted
/// there; nullopt when they do not hold.
std::optional<assumptions> conditions_hold(conditions const& c, url_facts const& facts);

/// The facts of the context (context_facts bits) conditions `c` read.
unsigned reads_of(conditions const& c);

} // namespace poolcheck::engine
