// Placeholders: the template values of `.env.example` files and docs (`USER`, `<password>`,
// `[YOUR-PROJECT-REF]`, `${DB_HOST}`, `{{port}}`, `ep-xxx`, `ep-...-pooler`, `****`,
// `your-password`, `changeme`). A placeholder is never an error and never rewritten: URL syntax
// findings whose bytes lie in one are dropped, a host that holds one (or an empty DNS label) is no
// provider's endpoint, and a port that is one is no known port.
//
// Deliberately not placeholders: Windows-style `%USER%`, which libpq refuses as bad
// percent-encoding (URL002 is right to say so); real-shaped values such as `db.example.com`,
// `localhost`, `johndoe`, `mydb`, `neondb_owner` (tests and docs use them as hosts and names that
// work); and outside template files the lower-case words `user`, `password`, `host`, `port`, `db`,
// which a real .env may use (`postgres://user:password@db:5432/app` on a compose network).
#pragma once

#include "core/span.hpp"
#include "pg/conninfo.hpp"

#include <string_view>
#include <vector>

namespace poolcheck::engine {

/// Which part of a connection string a text is: each has its own shapes of placeholder.
enum class part { user, password, host, port, dbname, param_value };

/// The placeholders in one component as written (`text`), as spans relative to it. In a template
/// file (`template_file`) lower-case generic words (`user`, `password`, `host`, `db`...) and any
/// port that is not a number are placeholders too.
std::vector<byte_span> placeholders_in(std::string_view text, part p, bool template_file);

/// Whether `host` (as written) holds a placeholder or an empty DNS label (`ep-..-pooler`, `a..b`):
/// such a host is no provider endpoint, and nothing is derived from it.
bool is_placeholder_host(std::string_view host, bool template_file);

/// Every placeholder of a parsed connection string `value`, relative to it, in order.
std::vector<byte_span> placeholders_in(pg::conninfo const& info, std::string_view value,
                                       bool template_file);

/// Whether a file's name says it is a template to copy, not a configuration to run:
/// `.env.example`, `.env.sample`, `.env.template`, `.env-template`, `env.example`,
/// `example.env`, `.env.dist`, `.env.local.example`... (the last path component, any case).
bool is_template_file_name(std::string_view path);

} // namespace poolcheck::engine
