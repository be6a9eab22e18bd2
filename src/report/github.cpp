// GitHub Actions workflow commands: `::error
// file=F,line=L,col=C,endLine=..,endColumn=..,title=T::M`. Escaping follows the runner's rules
// (actions/toolkit command.ts): in the message `%`, CR, LF; in properties also `:` and `,`.
#include "report/report.hpp"

#include <fmt/format.h>

namespace poolcheck::report {
namespace {

std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

std::string_view command_of(severity s) {
  switch (s) {
  case severity::error:
    return "error";
  case severity::warning:
    return "warning";
  case severity::info:
    return "notice";
  }
  return "warning";
}

} // namespace

void write_github(std::ostream& out, std::vector<checked_file> const& files, options const& o) {
  for (auto const& f : files) {
    std::string uri = relative_uri(f.file.path());
    for (auto const& d : f.diagnostics) {
      redactor mask = f.make_redactor(d, o.show_secrets);
      auto b = f.file.position(d.span.begin);
      auto e = f.file.position(d.span.end);
      std::string message = mask(d.message);
      if (d.fix)
        message += " (fix: " + mask(d.fix->title) + ")";
      else if (!d.advice.empty())
        message += " (" + mask(d.advice) + ")";
      if (f.environment) // no file: the annotation names the variable
        out << fmt::format("::{} title={}::{}\n", command_of(d.severity), escape_property(d.code),
                           escape_data(f.file.path() + ": " + message));
      else
        out << fmt::format("::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                           command_of(d.severity), escape_property(uri), b.line, b.column, e.line,
                           e.column, escape_property(d.code), escape_data(message));
    }
  }
}

} // namespace poolcheck::report
