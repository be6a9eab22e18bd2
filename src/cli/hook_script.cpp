// Rendering the hook, and recognising it by rendering it again for the path it records.
#include "cli/hook_script.hpp"

#include <optional>

namespace poolcheck::cli {
namespace {

constexpr std::string_view header =
    "#!/bin/sh\n"
    "# poolcheck pre-commit hook: checks the staged version of staged .env files.\n"
    "# Installed by `poolcheck hook install`; `poolcheck hook uninstall` removes it.\n";
constexpr std::string_view guard = "if [ -x ";

std::string shell_quote(std::string const& s) {
  std::string out = "'";
  for (char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// The word shell_quote wrote at the start of `s`, unquoted; nullopt if `s` does not start so.
std::optional<std::string> shell_unquote_prefix(std::string_view s) {
  if (s.empty() || s.front() != '\'')
    return std::nullopt;
  std::string out;
  std::size_t from = 1;
  while (true) {
    std::size_t close = s.find('\'', from);
    if (close == std::string_view::npos)
      return std::nullopt;
    out.append(s.substr(from, close - from));
    if (s.substr(close, 4) != "'\\''")
      return out;
    out += '\'';
    from = close + 4;
  }
}

} // namespace

std::string hook_script(std::string const& self) {
  std::string out(header);
  if (!self.empty())
    out += std::string(guard) + shell_quote(self) + " ]; then exec " + shell_quote(self) +
           " hook run; fi\n";
  return out + "exec poolcheck hook run\n";
}

bool is_poolcheck_hook(std::string_view text) {
  if (text.substr(0, header.size()) != header)
    return false;
  std::string_view rest = text.substr(header.size());
  if (rest.substr(0, guard.size()) != guard)
    return text == hook_script("");
  // Rendering again is the test: a misread path can only make the texts differ.
  auto self = shell_unquote_prefix(rest.substr(guard.size()));
  return self && !self->empty() && text == hook_script(*self);
}

} // namespace poolcheck::cli
