// Per-format write-back.
#include "formats/write_back.hpp"

#include "formats/dockerfile_value.hpp"
#include "formats/json_string.hpp"
#include "formats/toml_string.hpp"
#include "formats/yaml_scalar.hpp"

#include <algorithm>

namespace poolcheck::formats {
namespace {

/// `e`'s value with `logical` applied.
std::string edited_value(entry const& e, std::vector<edit> logical) {
  std::sort(logical.begin(), logical.end(),
            [](edit const& a, edit const& b) { return a.span.begin > b.span.begin; });
  std::string out(e.logical_value);
  for (auto const& ed : logical)
    out.replace(ed.span.begin, ed.span.size(), ed.replacement);
  return out;
}

/// Each edit mapped onto the file with `write` quoting its replacement; empty when the whole new
/// value cannot be written in the value's style or one replacement cannot. An unquoted value's
/// replacements are written as they are: the whole value is what must stay valid.
template <class Write>
env::file_edits each_written(entry const& e, std::vector<edit> const& logical, Write write) {
  if (!e.writable || !write(edited_value(e, logical)))
    return {};
  env::file_edits out;
  for (auto const& ed : logical) {
    auto text = e.quote == quoting::none ? std::optional<std::string>(ed.replacement)
                                         : write(ed.replacement);
    if (!text)
      return {};
    out.edits.push_back({e.raw_span(ed.span.begin, ed.span.end), std::move(*text)});
  }
  return out;
}

/// Each edit mapped onto the file with only its replacement written in the value's quoting: a
/// Dockerfile value's rules are per character, so the rest of the value, as it reads now, is not
/// asked to be written again (a `${...}` reference in it could not be).
env::file_edits each_replacement_written(entry const& e, std::vector<edit> const& logical) {
  if (!e.writable)
    return {};
  env::file_edits out;
  for (auto const& ed : logical) {
    auto text = dockerfile_written(ed.replacement, e.quote);
    if (!text ||
        !keeps_references(e.logical_value, ed.span.begin, ed.span.end, ed.replacement, e.quote))
      return {};
    out.edits.push_back({e.raw_span(ed.span.begin, ed.span.end), std::move(*text)});
  }
  return out;
}

} // namespace

env::file_edits written_back(entry const& e, std::vector<edit> const& logical) {
  switch (e.format) {
  case source_format::dotenv:
    return env::to_file_edits(e, logical);
  case source_format::lone_value:  // written back as is
  case source_format::environment: // the CLI shows the corrected value instead
  {
    env::file_edits out;
    for (auto const& ed : logical)
      out.edits.push_back({e.raw_span(ed.span.begin, ed.span.end), ed.replacement});
    return out;
  }
  case source_format::yaml:
    return each_written(e, logical,
                        [&](std::string_view text) { return yaml_written(text, e.quote); });
  case source_format::toml:
    return each_written(e, logical,
                        [&](std::string_view text) { return toml_written(text, e.quote); });
  case source_format::json:
    return each_written(e, logical, [](std::string_view text) {
      return std::optional<std::string>(json_written(text));
    });
  case source_format::dockerfile:
    return each_replacement_written(e, logical);
  }
  return {};
}

} // namespace poolcheck::formats
