// Compiler-style output: `path:line:col: severity[CODE] message`, the source line with a caret
// span (password masked, carets moved to match), the fix or advice, and where to read more.
#include "core/printable.hpp"
#include "report/finding_context.hpp"
#include "report/report.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace poolcheck::report {
namespace {

std::string_view color_of(severity s) {
  switch (s) {
  case severity::error:
    return "\x1b[1;31m";
  case severity::warning:
    return "\x1b[1;33m";
  case severity::info:
    return "\x1b[1;36m";
  }
  return "";
}

std::string paint(bool on, std::string_view code, std::string_view text) {
  return on ? fmt::format("{}{}\x1b[0m", code, text) : std::string(text);
}

/// Replaces tabs and control bytes so carets line up and no terminal escape is echoed.
std::string visible(std::string_view line) {
  std::string out;
  for (unsigned char c : line)
    out += c == '\t' ? ' ' : (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  return out;
}

/// Terminal columns `text` takes: one per code point, so carets after a multi-byte character stay
/// under what they point at.
std::size_t width_of(std::string_view text) {
  return code_point_column(text, text.size() + 1) - 1;
}

void write_one(std::ostream& out, checked_file const& f, diagnostic const& d, redactor const& mask,
               line_masker& lines, options const& o) {
  source_file const& file = f.file;
  auto begin = file.position(d.span.begin);
  out << paint(o.color, "\x1b[1m",
               fmt::format("{}:{}:{}:", printable(file.path()), begin.line, begin.column))
      << ' '
      << paint(o.color, color_of(d.severity), fmt::format("{}[{}]", to_string(d.severity), d.code))
      << ' ' << mask(d.message) << '\n';

  std::string gutter(std::to_string(begin.line).size(), ' ');
  out << gutter << " |\n";
  auto const w = lines.window(d);
  if (w.withheld) {
    out << begin.line << " | (not shown: the finding lies too far into a long line)\n";
  } else {
    std::string_view const text = w.text;
    std::string const prefix = w.start > 0 ? "..." : "";
    std::string const suffix = w.stop < text.size() || w.ends_early ? "..." : "";
    std::size_t const caret_at = prefix.size() + width_of(text.substr(w.start, w.from - w.start));
    std::size_t const marked_to = std::min(w.to, w.stop);
    std::size_t const width = std::max<std::size_t>(
        width_of(text.substr(w.from, marked_to > w.from ? marked_to - w.from : 0)), 1);
    out << begin.line << " | " << prefix << visible(text.substr(w.start, w.stop - w.start))
        << suffix << '\n'
        << gutter << " | " << std::string(caret_at, ' ')
        << paint(o.color, color_of(d.severity), std::string(width, '^')) << '\n';
  }
  if (d.fix)
    out << gutter << " = fix (" << to_string(d.fix->safety) << "): " << mask(d.fix->title) << '\n';
  else if (!d.advice.empty())
    out << gutter << " = help: " << mask(d.advice) << '\n';
  if (auto context = context_summary(d); !context.empty())
    out << gutter << " = context: " << visible(mask(context)) << '\n';
  out << gutter << " = see: poolcheck explain " << d.code << "\n\n";
}

} // namespace

void write_summary(std::ostream& out, std::vector<checked_file> const& files) {
  totals t = count(files);
  std::size_t total = t.errors + t.warnings + t.infos;
  auto const gitignored = static_cast<std::size_t>(std::count_if(
      files.begin(), files.end(), [](checked_file const& f) { return f.gitignored; }));
  auto const variables = static_cast<std::size_t>(std::count_if(
      files.begin(), files.end(), [](checked_file const& f) { return f.environment; }));
  std::size_t const file_count = files.size() - variables;
  std::string in_files = fmt::format("{} file{}", file_count, file_count == 1 ? "" : "s") +
                         (gitignored ? fmt::format(" ({} gitignored)", gitignored) : "");
  if (variables)
    in_files = (file_count ? in_files + " and " : "") +
               fmt::format("{} environment variable{}", variables, variables == 1 ? "" : "s");
  if (total == 0) {
    out << fmt::format("No problems found in {}.\n", in_files);
    return;
  }
  out << fmt::format("Found {} problem{} ({} error{}, {} warning{}, {} info) in {}", total,
                     total == 1 ? "" : "s", t.errors, t.errors == 1 ? "" : "s", t.warnings,
                     t.warnings == 1 ? "" : "s", t.infos, in_files);
  if (t.fixable)
    out << fmt::format("; {} fixable with --fix", t.fixable);
  out << ".\n";
}

void write_human(std::ostream& out, std::vector<checked_file> const& files, options const& o) {
  for (auto const& f : files) {
    line_masker lines(f, o.show_secrets);
    for (auto const& d : f.diagnostics)
      write_one(out, f, d, f.make_redactor(d, o.show_secrets), lines, o);
  }
  write_summary(out, files);
}

} // namespace poolcheck::report
