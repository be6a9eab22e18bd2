// Everything known about one connection string: the entry it sits in, what it parses to, and the
// context it is judged in, found once before any rule runs. Rules read it; nothing changes it.
#pragma once

#include "core/entry.hpp"
#include "engine/context.hpp"
#include "engine/rule.hpp"
#include "pg/conninfo.hpp"

#include <algorithm>
#include <vector>

namespace poolcheck::engine {

struct url_facts {
  poolcheck::entry const& entry;
  pg::conninfo const& info;
  role_choice role;
  client_choice client;
  target_choice target;
  endpoint const* matched = nullptr; // the provider endpoint of the first host, if any
  captures host_captures;
  int port = 5432; // the first host's port, 5432 when none is written
  /// The migrations tools the project says connect with this variable (usually none).
  std::vector<migrations_source const*> migrated_by;

  /// The source saying `tool` connects with this variable; null when none does.
  [[nodiscard]] migrations_source const* migrated_with(migrations_tool tool) const {
    for (auto const* m : migrated_by)
      if (m->tool == tool)
        return m;
    return nullptr;
  }

  /// The placeholders in it (engine/placeholders.hpp), relative to the logical value, in order and
  /// apart.
  std::vector<byte_span> placeholders;

  /// Whether `in_value` (relative to the logical value) touches a placeholder: a finding about
  /// those bytes would be about a template, not a mistake.
  [[nodiscard]] bool in_placeholder(byte_span in_value) const {
    // In order and apart (joined): the one that could overlap is found by binary search.
    auto it = std::upper_bound(placeholders.begin(), placeholders.end(), in_value.begin,
                               [](std::size_t at, byte_span p) { return at < p.end; });
    return it != placeholders.end() && it->overlaps(in_value);
  }

  /// File span of a span given relative to the logical value.
  [[nodiscard]] byte_span file_span(byte_span in_value) const {
    return entry.raw_span(in_value.begin, in_value.end);
  }
};

} // namespace poolcheck::engine
