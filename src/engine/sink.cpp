// Diagnostic construction from rule templates.
#include "engine/sink.hpp"

#include "formats/write_back.hpp"

namespace poolcheck::engine {

namespace {

/// What a finding's message adds when it rests on a guess.
std::string assumption_note(assumptions a) {
  if (a.client && a.target)
    return " (assuming Prisma's query engine, on serverless; pass --client and --target to be "
           "sure)";
  if (a.client)
    return " (assuming Prisma's query engine; pass --client to be sure)";
  return " (assuming serverless: nothing in the project says where the app runs; pass --target to "
         "be sure)";
}

} // namespace

void sink::report(rule const& r, byte_span span, std::string_view variable, vars const& values,
                  std::vector<edit> edits) {
  auto find = [&](std::string_view name) -> std::optional<std::string> {
    if (name == "var")
      return std::string(variable);
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
  d.context = context_;
  d.reads = reads_;
  if (assumed_.client)
    d.assumed.emplace_back("client");
  if (assumed_.target)
    d.assumed.emplace_back("target");
  if (assumed_.any())
    d.message += assumption_note(assumed_);
  std::string title = expand(r.fix_title.empty() ? r.advice : r.fix_title, find);
  if (!edits.empty() && r.fix != fix_safety::none) {
    fix_safety safety = assumed_.any() ? fix_safety::unsafe : r.fix;
    d.fix = fix{title, safety, std::move(edits)};
  } else if (!r.advice.empty()) {
    d.advice = expand(r.advice, find);
  } else {
    d.advice = title;
  }
  out_.push_back(std::move(d));
}

void sink::report_value(rule const& r, entry const& e, byte_span span, vars const& values,
                        std::vector<edit> const& edits, bool untrusted) {
  env::file_edits mapped = formats::written_back(e, edits);
  std::size_t before = out_.size();
  report(r, e.raw_span(span.begin, span.end), e.name, values, std::move(mapped.edits));
  if ((mapped.requoted || untrusted) && out_.size() > before && out_.back().fix)
    out_.back().fix->safety = fix_safety::unsafe;
}

} // namespace poolcheck::engine
