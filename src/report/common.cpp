// What every reporter shares: the per-file redactor and the totals.
#include "report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace poolcheck::report {

redactor checked_file::make_redactor(diagnostic const& d, bool show_secrets) const {
  redactor r(!show_secrets);
  if (show_secrets)
    return r;
  byte_span region = d.span;
  if (d.fix)
    for (auto const& e : d.fix->edits)
      region = {std::min(region.begin, e.span.begin), std::max(region.end, e.span.end)};
  auto first = file.position(region.begin).line;
  auto last = file.position(region.end).line;
  byte_span lines{file.line_start(first),
                  last < file.line_count() ? file.line_start(last + 1) : file.text().size()};
  // The passwords on those lines, whole: a second copy of one in a message or fix is masked too.
  auto const reaching = std::lower_bound(secrets.begin(), secrets.end(), lines.begin,
                                         [](byte_span s, std::size_t at) { return s.end <= at; });
  auto const after =
      std::find_if(reaching, secrets.end(), [&](byte_span s) { return s.begin >= lines.end; });
  r.add_secrets(file.text(), {reaching, after});
  return r;
}

std::string checked_file::shown_replacement(edit const& e, redactor const& mask) const {
  if (!mask.enabled())
    return e.replacement;
  // `masked` is in order and apart: the span the edit could touch is found by binary search.
  auto const near = std::upper_bound(masked.begin(), masked.end(), e.span.begin,
                                     [](std::size_t at, byte_span m) { return at < m.end; });
  bool const replaces_masked =
      near != masked.end() && (near->overlaps(e.span) || near->contains(e.span.begin));
  // A copy of a value that runs over several lines: its later lines are masked whole, as the
  // file's own are (document::hidden_lines).
  std::string_view const text = e.replacement;
  std::string_view const first_line = text.substr(0, text.find_first_of("\r\n"));
  std::string_view const ending = text.substr(first_line.size());
  if (!replaces_masked && ending.find_first_not_of("\r\n") != std::string_view::npos)
    return mask(std::string(first_line) + "\n****" +
                std::string(ending.substr(ending.find_last_not_of("\r\n") + 1)));
  if (!replaces_masked)
    return mask(e.replacement);
  // The replacement holds a value output masks (a quoted copy of it): masked as that value is.
  auto const part = userinfo_to_last_at(text);
  if (!part)
    return std::string(poolcheck::mask);
  return mask(std::string(text.substr(0, part->begin)) + std::string(poolcheck::mask) +
              std::string(text.substr(part->end)));
}

std::vector<byte_span> spans_in(std::vector<byte_span> const& spans, byte_span window) {
  std::vector<byte_span> out;
  auto it = std::lower_bound(spans.begin(), spans.end(), window.begin,
                             [](byte_span s, std::size_t at) { return s.end <= at; });
  for (; it != spans.end() && it->begin < window.end; ++it)
    out.push_back({std::max(it->begin, window.begin) - window.begin,
                   std::min(it->end, window.end) - window.begin});
  return out;
}

namespace {

constexpr std::size_t longest_masked = 1024 * 1024; // most bytes masked before a span
constexpr std::size_t mask_margin = 8192;           // bytes masked past the last span allowed
constexpr std::size_t shown_context = 80;           // bytes printed before a span on a long line
constexpr std::size_t shown_width = 240;            // most bytes of a line printed

} // namespace

line_window line_masker::window(diagnostic const& d) {
  source_file const& file = f_.file;
  auto const begin = file.position(d.span.begin);
  auto const end = file.position(std::max(d.span.end, d.span.begin));
  std::string_view const line = file.line_text(begin.line);
  std::size_t const span_from = begin.column - 1;
  std::size_t const span_to = end.line == begin.line ? end.column - 1 : line.size();
  line_window w;
  if (span_from > longest_masked) {
    w.withheld = true;
    return w;
  }
  if (line_ != begin.line) {
    std::string_view const part = line.substr(0, utf8_start(line, longest_masked + mask_margin));
    std::size_t const part_start = file.line_start(begin.line);
    redactor mask(!show_secrets_);
    byte_span const window{part_start, part_start + part.size()};
    if (!show_secrets_)
      mask.add_secrets(part, spans_in(f_.secrets, window));
    masked_ = mask.apply(part, spans_in(masked_spans_, window));
    ends_early_ = part.size() < line.size();
    line_ = begin.line;
  }
  w.text = masked_.text;
  w.ends_early = ends_early_;
  w.from = masked_.map(span_from);
  w.to = std::min(masked_.map(span_to), w.text.size());
  w.start = w.from > shown_context ? utf8_start(w.text, w.from - shown_context) : 0;
  w.stop = std::min(w.text.size(), std::max(w.to, w.from + 1) + shown_context);
  if (w.stop - w.start > shown_width)
    w.stop = utf8_start(w.text, w.start + shown_width);
  return w;
}

std::size_t utf8_start(std::string_view s, std::size_t at) {
  while (at > 0 && at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80)
    --at;
  return at;
}

totals count(std::vector<checked_file> const& files) {
  totals t;
  for (auto const& f : files)
    for (auto const& d : f.diagnostics) {
      (d.severity == severity::error     ? t.errors
       : d.severity == severity::warning ? t.warnings
                                         : t.infos)++;
      if (d.fix && d.fix->safety == fix_safety::safe)
        ++t.fixable;
    }
  return t;
}

std::size_t code_point_column(std::string_view line, std::size_t byte_column) {
  std::size_t column = 1;
  for (std::size_t i = 0; i + 1 < byte_column && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80)
      ++column; // count lead bytes, not UTF-8 continuation bytes
  return column + (byte_column > line.size() + 1 ? byte_column - line.size() - 1 : 0);
}

std::string relative_uri(std::string const& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p(path);
  if (p.is_absolute()) {
    auto rel = fs::relative(p, fs::current_path(ec), ec);
    if (!ec && !rel.empty() && *rel.begin() != "..")
      p = rel;
  }
  std::string s = p.lexically_normal().generic_string();
  std::string out;
  for (unsigned char c : s) {
    bool plain =
        std::isalnum(c) ||
        std::string_view("-._~/!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos;
    out += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return out;
}

void write_statistics(std::ostream& out, std::vector<checked_file> const& files) {
  std::map<std::string, std::pair<std::size_t, std::string>> counts;
  for (auto const& f : files)
    for (auto const& d : f.diagnostics) {
      auto& c = counts[d.code];
      ++c.first;
      c.second = d.name;
    }
  std::vector<std::pair<std::string, std::pair<std::size_t, std::string>>> sorted(counts.begin(),
                                                                                  counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](auto const& a, auto const& b) { return a.second.first > b.second.first; });
  for (auto const& [code, c] : sorted)
    out << fmt::format("{:>5}  {:<10} {}\n", c.first, code, c.second);
}

} // namespace poolcheck::report
