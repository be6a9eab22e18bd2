// Everything known about one connection string: the entry it sits in, what it parses to, and the
// context it is judged in, found once before any rule runs. Rules read it; nothing changes it.
#pragma once

#include "core/entry.hpp"
#include "engine/context.hpp"
#include "engine/rule.hpp"
#include "pg/conninfo.hpp"

namespace poolcheck::engine {

struct url_facts {
  poolcheck::entry const& entry;
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
