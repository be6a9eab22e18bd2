// Rules whose logic data cannot say. Their metadata lives in rules/*.toml (`kind = "code"`); their
// logic in one file per rule (or per family of identical-shape rules), listed in registry.cpp.
#pragma once

#include "core/document.hpp"
#include "engine/code_rule.hpp"
#include "engine/rule.hpp"
#include "engine/sink.hpp"
#include "engine/url_facts.hpp"

#include <span>

namespace poolcheck::checks {

/// Every code rule and its hook, sorted by code: what loading a rule set needs (engine::finish).
std::span<engine::code_rule const> code_rules();

using engine::checked_document;

// One declaration per code rule (or family), sorted by code.
void env00x_syntax(engine::rule const&, checked_document const&, engine::sink&);
void env101_unquoted_hash_in_url(engine::rule const&, checked_document const&, engine::sink&);
void env102_dollar_in_url(engine::rule const&, checked_document const&, engine::url_facts const&,
                          engine::sink&);
void env103_duplicate_url_key(engine::rule const&, checked_document const&, engine::sink&);
void deploy001_password_in_deployment_file(engine::rule const&, checked_document const&,
                                           engine::url_facts const&, engine::sink&);
void drizzle001_drizzle_kit_through_transaction_pooler(engine::rule const&, checked_document const&,
                                                       engine::url_facts const&, engine::sink&);
void pool001_connection_limit_on_direct(engine::rule const&, checked_document const&,
                                        engine::url_facts const&, engine::sink&);
void prisma013_direct_url_missing(engine::rule const&, checked_document const&,
                                  engine::url_facts const&, engine::sink&);
void prisma014_migrations_through_pooler(engine::rule const&, checked_document const&,
                                         engine::url_facts const&, engine::sink&);
void supa005_pooler_user_without_ref(engine::rule const&, checked_document const&,
                                     engine::url_facts const&, engine::sink&);
void url00x_syntax(engine::rule const&, checked_document const&, engine::url_facts const&,
                   engine::sink&);

} // namespace poolcheck::checks
