// Diagnostic construction from rule templates.
#include "engine/sink.hpp"

namespace poolcheck::engine {

void sink::report(rule const& r, byte_span span, std::string const& variable, vars const& values,
                  std::vector<edit> edits, bool assumed) {
  auto find = [&](std::string_view name) -> std::optional<std::string> {
    if (name == "var")
      return variable;
    if (auto it = values.find(name); it != values.end())
      return it->second;
    return std::nullopt;
  };
  diagnostic d;
  d.code = r.code;
  d.name = r.name;
  d.severity = r.severity;
  d.span = span;
  d.variable = variable;
  d.message = expand(r.message, find);
  if (assumed)
    d.message += " (assuming Prisma's query engine; pass --client to be sure)";
  std::string title = expand(r.fix_title.empty() ? r.advice : r.fix_title, find);
  if (!edits.empty() && r.fix != fix_safety::none) {
    fix_safety safety = assumed ? fix_safety::unsafe : r.fix;
    d.fix = fix{title, safety, std::move(edits)};
  } else if (!r.advice.empty()) {
    d.advice = expand(r.advice, find);
  } else {
    d.advice = title;
  }
  out_.push_back(std::move(d));
}

} // namespace poolcheck::engine
