// SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: rules from the rule metadata, results
// with a relative artifact URI, a region in Unicode code points, a masked snippet, and fixes.
#include "report/finding_context.hpp"
#include "report/report.hpp"
#include "report/streamed_json.hpp"

#include <map>

namespace poolcheck::report {
namespace {

constexpr std::size_t whole_line_snippet = 1024; // lines up to this long are their own snippet

std::string_view level_of(severity s) {
  switch (s) {
  case severity::error:
    return "error";
  case severity::warning:
    return "warning";
  case severity::info:
    return "note";
  }
  return "warning";
}

/// SARIF's columns (code points) of one file's positions. Many findings can sit on one long line:
/// code points are counted once per line, with a mark every 4 KiB, so no lookup scans more.
class code_point_columns {
public:
  explicit code_point_columns(source_file const& file) : file_(file) {}

  /// code_point_column(file.line_text(line), byte_column), the same.
  std::size_t column(std::size_t line, std::size_t byte_column) {
    constexpr std::size_t step = 4096;
    std::string_view const text = file_.line_text(line);
    if (line != line_) {
      marks_.assign(1, 0);
      for (std::size_t at = 0; at + step <= text.size(); at += step)
        marks_.push_back(marks_.back() + code_point_column(text.substr(at, step), step + 1) - 1);
      line_ = line;
    }
    if (byte_column == 0)
      return 1;
    std::size_t const mark = std::min(byte_column - 1, text.size()) / step;
    return marks_[mark] + code_point_column(text.substr(mark * step), byte_column - mark * step);
  }

  json region(byte_span span) {
    auto b = file_.position(span.begin);
    auto e = file_.position(span.end);
    return json{{"startLine", b.line},
                {"startColumn", column(b.line, b.column)},
                {"endLine", e.line},
                {"endColumn", column(e.line, e.column)}};
  }

private:
  source_file const& file_;
  std::size_t line_ = 0;           // the line marks_ counts (0: none yet)
  std::vector<std::size_t> marks_; // code points before each multiple of `step` bytes
};

json rule_descriptor(engine::rule const& r) {
  std::string help = r.summary + "\n\n" + r.why + "\n\nExample (bad):\n  " + r.example.bad +
                     "\nExample (good):\n  " + r.example.good + "\n\nSources:";
  for (auto const& s : r.sources)
    help += "\n  " + s;
  return json{{"id", r.code},
              {"name", r.name},
              {"shortDescription", {{"text", r.summary}}},
              {"fullDescription", {{"text", r.why.empty() ? r.summary : r.why}}},
              {"help", {{"text", help}}},
              {"defaultConfiguration", {{"level", level_of(r.severity)}}},
              {"properties", {{"fix", to_string(r.fix)}, {"sources", r.sources}}}};
}

} // namespace

void write_sarif(std::ostream& out, std::vector<checked_file> const& files,
                 engine::rule_set const& rules, options const& o) {
  json driver_rules = json::array();
  std::map<std::string, std::size_t, std::less<>> index;
  for (auto const& r : rules.rules) {
    index[r.code] = driver_rules.size();
    driver_rules.push_back(rule_descriptor(r));
  }
  json doc{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
           {"version", "2.1.0"},
           {"runs", json::array({{{"tool",
                                   {{"driver",
                                     {{"name", "poolcheck"},
                                      {"version", POOLCHECK_VERSION},
                                      {"informationUri", POOLCHECK_HOMEPAGE},
                                      {"rules", std::move(driver_rules)}}}}},
                                  {"columnKind", "unicodeCodePoints"},
                                  {"results", streamed_array}}})}};
  write_with_streamed_array(out, doc, [&](auto const& emit) {
    for (auto const& f : files) {
      std::string uri = relative_uri(f.file.path());
      line_masker lines(f, o.show_secrets);
      code_point_columns columns(f.file);
      for (auto const& d : f.diagnostics) {
        redactor mask = f.make_redactor(d, o.show_secrets);
        json reg = columns.region(d.span);
        if (auto const w = lines.window(d); !w.withheld) {
          // A short line is its own snippet; of a long one, the part human output prints.
          std::string_view const text = w.text;
          reg["snippet"] = {{"text", w.ends_early || text.size() > whole_line_snippet
                                         ? text.substr(w.start, w.stop - w.start)
                                         : text}};
        }
        // A variable of the environment is no file: a logical location names it.
        json location =
            f.environment
                ? json{{"logicalLocations", json::array({{{"name", d.variable},
                                                          {"fullyQualifiedName", f.file.path()},
                                                          {"kind", "variable"}}})}}
                : json{{"physicalLocation",
                        {{"artifactLocation", {{"uri", uri}}}, {"region", reg}}}};
        json result{{"ruleId", d.code},
                    {"ruleIndex", index.contains(d.code) ? index[d.code] : 0},
                    {"level", level_of(d.severity)},
                    {"message", {{"text", mask(d.message)}}},
                    {"locations", json::array({std::move(location)})}};
        if (d.fix) {
          json replacements = json::array();
          for (auto const& e : d.fix->edits)
            replacements.push_back({{"deletedRegion", columns.region(e.span)},
                                    {"insertedContent", {{"text", f.shown_replacement(e, mask)}}}});
          result["fixes"] = json::array(
              {{{"description", {{"text", mask(d.fix->title)}}},
                {"artifactChanges", json::array({{{"artifactLocation", {{"uri", uri}}},
                                                  {"replacements", std::move(replacements)}}})}}});
        }
        if (!d.variable.empty() || d.fix || d.context) {
          result["properties"] = {{"variable", d.variable},
                                  {"fixSafety", d.fix ? to_string(d.fix->safety) : "none"}};
          if (d.context) {
            result["properties"]["context"] = context_json(d);
            result["properties"]["assumed"] = assumed_json(d);
          }
        }
        emit(result);
      }
    }
  });
}

} // namespace poolcheck::report
