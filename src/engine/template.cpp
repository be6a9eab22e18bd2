// Placeholder expansion.
#include "engine/template.hpp"

namespace poolcheck::engine {

std::string expand(std::string_view tmpl, lookup const& values) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  std::size_t i = 0;
  while (i < tmpl.size()) {
    char c = tmpl[i];
    if (c == '{' && i + 1 < tmpl.size() && tmpl[i + 1] == '{') {
      out += '{';
      i += 2;
      continue;
    }
    std::size_t close = c == '{' ? tmpl.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += c;
      ++i;
      continue;
    }
    std::string_view name = tmpl.substr(i + 1, close - i - 1);
    if (auto v = values(name))
      out += *v;
    else
      out.append(tmpl.substr(i, close - i + 1));
    i = close + 1;
  }
  return out;
}

} // namespace poolcheck::engine
