// JSON output; the schema is documented in docs/json-format.md and keys keep a fixed order.
#include "report/report.hpp"

#include <nlohmann/json.hpp>

namespace poolcheck::report {
namespace {

using json = nlohmann::ordered_json;

json position(source_file const& file, byte_span span) {
  auto b = file.position(span.begin);
  auto e = file.position(span.end);
  return json{
      {"line", b.line}, {"column", b.column}, {"end_line", e.line}, {"end_column", e.column}};
}

} // namespace

void write_json(std::ostream& out, std::vector<checked_file> const& files, options const& o) {
  json diagnostics = json::array();
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
          je["replacement"] = mask(e.replacement);
          edits.push_back(std::move(je));
        }
        item["fix"] = json{{"title", mask(d.fix->title)},
                           {"safety", to_string(d.fix->safety)},
                           {"edits", std::move(edits)}};
      } else {
        item["fix"] = nullptr;
      }
      item["advice"] = d.advice.empty() ? json(nullptr) : json(mask(d.advice));
      diagnostics.push_back(std::move(item));
    }
  }
  totals t = count(files);
  json doc{{"version", 1},
           {"diagnostics", std::move(diagnostics)},
           {"summary",
            {{"files", files.size()},
             {"errors", t.errors},
             {"warnings", t.warnings},
             {"info", t.infos},
             {"fixable", t.fixable}}}};
  // Invalid UTF-8 from a broken file is replaced rather than thrown on.
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

} // namespace poolcheck::report
