// `{name}` expansion for rule messages, fix titles and rewrite templates (g++ 12 has no
// <format>). One module serves all of them so that placeholders behave the same everywhere.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace poolcheck::engine {

using lookup = std::function<std::optional<std::string>(std::string_view name)>;

/// Replaces each `{name}` with lookup(name); an unknown name is left as written. `{{` is `{`.
std::string expand(std::string_view tmpl, lookup const& values);

} // namespace poolcheck::engine
