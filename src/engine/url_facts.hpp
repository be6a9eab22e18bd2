// Everything known about one connection string in a .env file: where it sits, what it parses to,
// and the context it is judged in. Rules read it; nothing here changes it.
#pragma once

#include "engine/context.hpp"
#include "engine/rule.hpp"
#include "env/document.hpp"
#include "pg/conninfo.hpp"

namespace poolcheck::engine {

struct url_facts {
  env::entry const& entry;
  pg::conninfo const& info;
  engine::role role = role::runtime;
  client_choice client;
  engine::target target = target::serverless;
  endpoint const* matched = nullptr; // the provider endpoint of the first host, if any
  captures host_captures;
  int port = 5432; // the first host's port, 5432 when none is written

  /// File span of a span given relative to the logical value.
  [[nodiscard]] byte_span file_span(byte_span in_value) const {
    return entry.raw_span(in_value.begin, in_value.end);
  }
};

} // namespace poolcheck::engine
