// What reports say of the context a finding was judged in: the facts its rule read, each with what
// said it, and what it assumed because nothing did.
#pragma once

#include "core/diagnostic.hpp"
#include "report/streamed_json.hpp"

#include <string>

namespace poolcheck::report {

/// The human format's context line, without its `= context: ` lead: the facts `d`'s rule reads
/// that no flag gave, each with its origin (`client prisma (package.json: prisma 6.19.0); target
/// unknown, assumed serverless`); empty when there are none.
std::string context_summary(diagnostic const& d);

/// The `context` object of JSON and SARIF (every fact, read by the rule or not, with its origin),
/// or null for a finding about the file or its syntax.
json context_json(diagnostic const& d);

/// The facts `d` took for granted, as a JSON array of names (`["client", "target"]`).
json assumed_json(diagnostic const& d);

} // namespace poolcheck::report
