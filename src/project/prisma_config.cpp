// prisma.config.ts: the `datasource` property of the config object (Prisma 7 moved the URLs
// there from schema.prisma).
#include "project/prisma_config.hpp"

#include "project/js_config.hpp"
#include "project/js_tokens.hpp"

namespace poolcheck::project {

prisma_config_facts read_prisma_config(std::string_view text) {
  prisma_config_facts out;
  auto const t = js::tokenize(text);
  auto const open = js::config_object(t);
  if (!open)
    return out;
  out.config_found = true;
  if (auto const schema = js::property(t, *open, "schema"))
    if (auto const path = js::string_value(t, *schema))
      out.schema = std::string(*path);
  auto const datasource = js::property(t, *open, "datasource");
  auto const inner = datasource ? js::object_value(t, *datasource) : std::nullopt;
  if (!inner)
    return out;
  out.datasource_found = true;
  auto read = [&](std::string_view key) -> std::optional<url_source> {
    auto const r = js::property(t, *inner, key);
    if (!r)
      return std::nullopt;
    std::size_t const line = r->begin > 1 ? t[r->begin - 2].line : t[*inner].line;
    return js::read_url_value(t, *r,
                              {file_kind::prisma_config, line, "datasource." + std::string(key)});
  };
  out.url = read("url");
  out.shadow_database_url = read("shadowDatabaseUrl");
  return out;
}

} // namespace poolcheck::project
