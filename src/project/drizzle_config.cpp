// drizzle.config.ts: the `dbCredentials` property of the config object.
#include "project/drizzle_config.hpp"

#include "project/js_config.hpp"
#include "project/js_tokens.hpp"

namespace poolcheck::project {

namespace {

bool is_plain_word(std::string_view s) {
  if (s.empty() || s.size() > 64)
    return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_'))
      return false;
  return true;
}

} // namespace

drizzle_config_facts read_drizzle_config(std::string_view text) {
  drizzle_config_facts out;
  auto const t = js::tokenize(text);
  auto const open = js::config_object(t);
  if (!open)
    return out;
  out.config_found = true;
  if (auto const d = js::property(t, *open, "dialect"))
    if (auto const word = js::string_value(t, *d); word && is_plain_word(*word))
      out.dialect = std::string(*word);
  auto const credentials = js::property(t, *open, "dbCredentials");
  auto const inner = credentials ? js::object_value(t, *credentials) : std::nullopt;
  if (!inner)
    return out;
  for (std::string_view key : {"url", "connectionString"}) {
    auto const r = js::property(t, *inner, key);
    if (!r)
      continue;
    std::size_t const line = r->begin > 1 ? t[r->begin - 2].line : t[*inner].line;
    out.url = js::read_url_value(
        t, *r, {file_kind::drizzle_config, line, "dbCredentials." + std::string(key)});
    break;
  }
  return out;
}

} // namespace poolcheck::project
