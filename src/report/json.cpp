// JSON output; the schema is documented in docs/json-format.md and keys keep a fixed order.
#include "report/finding_context.hpp"
#include "report/report.hpp"
#include "report/streamed_json.hpp"

#include <algorithm>

namespace poolcheck::report {
namespace {

json position(source_file const& file, byte_span span) {
  auto b = file.position(span.begin);
  auto e = file.position(span.end);
  return json{
      {"line", b.line}, {"column", b.column}, {"end_line", e.line}, {"end_column", e.column}};
}

} // namespace

void write_json(std::ostream& out, std::vector<checked_file> const& files, options const& o) {
  totals t = count(files);
  auto const variables = static_cast<std::size_t>(std::count_if(
      files.begin(), files.end(), [](checked_file const& f) { return f.environment; }));
  json doc{{"version", 2},
           {"diagnostics", streamed_array},
           {"summary",
            {{"files", files.size() - variables},
             {"environment_variables", variables},
             {"errors", t.errors},
             {"warnings", t.warnings},
             {"info", t.infos},
             {"fixable", t.fixable}}}};
  write_with_streamed_array(out, doc, [&](auto const& emit) {
    for (auto const& f : files) {
      for (auto const& d : f.diagnostics) {
        redactor mask = f.make_redactor(d, o.show_secrets);
        json item{{"code", d.code},
                  {"name", d.name},
                  {"severity", to_string(d.severity)},
                  {"path", f.file.path()}};
        item.update(position(f.file, d.span));
        item["variable"] = d.variable.empty() ? json(nullptr) : json(d.variable);
        item["message"] = mask(d.message);
        if (d.fix) {
          json edits = json::array();
          for (auto const& e : d.fix->edits) {
            json je = position(f.file, e.span);
            je["replacement"] = f.shown_replacement(e, mask);
            edits.push_back(std::move(je));
          }
          item["fix"] = json{{"title", mask(d.fix->title)},
                             {"safety", to_string(d.fix->safety)},
                             {"edits", std::move(edits)}};
        } else {
          item["fix"] = nullptr;
        }
        item["advice"] = d.advice.empty() ? json(nullptr) : json(mask(d.advice));
        item["context"] = context_json(d);
        item["assumed"] = assumed_json(d);
        emit(item);
      }
    }
  });
}

} // namespace poolcheck::report
