// Finding a config file's exported object and reading URL-valued properties from it, shared by
// config readers (prisma.config.ts).
#pragma once

#include "project/fact.hpp"
#include "project/js_tokens.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace poolcheck::project::js {

/// The extensions a config file written in JavaScript or TypeScript may have, in the order
/// config loaders try them (`prisma.config.ts`, `drizzle.config.mjs`...).
inline constexpr std::string_view config_extensions[] = {".ts", ".mts", ".cts",
                                                         ".js", ".mjs", ".cjs"};

/// A value's tokens: [begin, end) in the token vector.
struct range {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// The index of the `{` opening the config object: the first `defineConfig({...})` call's
/// argument, else `export default {...}`, `export default name` with `const name = {...}` or
/// `= defineConfig({...})`, else `module.exports = {...}`. nullopt for any other shape.
std::optional<std::size_t> config_object(std::vector<token> const& t);

/// The value of property `key` of the object literal opening at `open` (a `{`). A key given
/// twice gives the last, as JavaScript does; spreads and methods are skipped.
std::optional<range> property(std::vector<token> const& t, std::size_t open, std::string_view key);

/// The object literal a property's value is, if it is one: the index of its `{`.
std::optional<std::size_t> object_value(std::vector<token> const& t, range r);

/// What a URL value reads: env("X"), env.X, process.env.X, process.env["X"] (with `!` or
/// `as string` after it) give variable X; one string or plain template gives literal; anything
/// else gives expression. `at` is copied into the result.
url_source read_url_value(std::vector<token> const& t, range r, origin at);

/// A plain string value's text, if the value is exactly one unescaped string.
std::optional<std::string_view> string_value(std::vector<token> const& t, range r);

} // namespace poolcheck::project::js
