// Password masking for every output.
#include "core/redact.hpp"

#include "core/ascii.hpp"
#include "core/printable.hpp"

#include <algorithm>

namespace poolcheck {
namespace {

bool ends_value(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '`';
}

using ascii::icontains;

/// `scheme://user:SECRET@host`: the password runs from the first ':' of the authority to its last
/// '@' (generous on purpose: a malformed password with a raw '@' or '/' is still masked).
void url_passwords(std::string_view text, std::vector<byte_span>& out) {
  for (std::size_t at = text.find("://"); at != std::string_view::npos;
       at = text.find("://", at + 3)) {
    std::size_t start = at + 3;
    std::size_t stop = start;
    while (stop < text.size() && !ends_value(text[stop]))
      ++stop;
    std::string_view authority = text.substr(start, stop - start);
    std::size_t last_at = authority.rfind('@');
    if (last_at == std::string_view::npos)
      continue;
    std::size_t colon = authority.find(':');
    if (colon == std::string_view::npos || colon > last_at)
      continue;
    if (colon + 1 < last_at)
      out.push_back({start + colon + 1, start + last_at});
  }
}

/// `password=SECRET` (libpq keyword strings, quoted or not).
void keyword_passwords(std::string_view text, std::vector<byte_span>& out) {
  for (std::size_t i = 0; i + 9 <= text.size(); ++i) {
    if (ascii::to_lower(text[i]) != 'p' || !icontains(text.substr(i, 8), "password"))
      continue;
    if (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_'))
      continue;
    std::size_t j = i + 8;
    while (j < text.size() && text[j] == ' ')
      ++j;
    if (j >= text.size() || text[j] != '=')
      continue;
    ++j;
    while (j < text.size() && text[j] == ' ')
      ++j;
    std::size_t start = j;
    if (j < text.size() && text[j] == '\'') {
      ++j;
      while (j < text.size() && text[j] != '\'')
        j += (text[j] == '\\' && j + 1 < text.size()) ? 2 : 1;
      out.push_back({start + 1, std::min(j, text.size())});
    } else {
      while (j < text.size() && !ends_value(text[j]))
        ++j;
      if (j > start)
        out.push_back({start, j});
    }
  }
}

/// `DB_PASSWORD=...`, `API_SECRET: ...`: a whole .env assignment whose key names a secret.
void secret_assignments(std::string_view text, std::vector<byte_span>& out) {
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find_first_of("\r\n", line_start);
    if (line_end == std::string_view::npos)
      line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    std::size_t eq = line.find_first_of("=:");
    if (eq != std::string_view::npos && eq > 0) {
      std::string_view key = line.substr(0, eq);
      bool secret = icontains(key, "PASSWORD") || icontains(key, "PASSWD") ||
                    icontains(key, "SECRET") || icontains(key, "TOKEN") ||
                    icontains(key, "API_KEY");
      bool plain_key = key.find_first_of("/@") == std::string_view::npos;
      std::size_t v = eq + 1;
      while (v < line.size() && (line[v] == ' ' || line[v] == '\t'))
        ++v;
      if (secret && plain_key && v < line.size())
        out.push_back({line_start + v, line_end});
    }
    line_start = line_end + 1;
  }
}

} // namespace

std::size_t redacted::map(std::size_t offset) const {
  std::size_t shift_in = 0, shift_out = 0;
  for (auto const& [span, start] : regions) {
    if (offset < span.begin)
      break;
    if (offset < span.end)
      return start;
    shift_in = span.end;
    shift_out = start + mask.size();
  }
  return shift_out + (offset - shift_in);
}

void redactor::add_secrets(std::string_view text, std::span<byte_span const> spans) {
  auto add = [this](std::string_view secret) {
    if (secret.size() >= 4)
      secrets_.emplace(secret);
  };
  for (auto s : spans) {
    std::string_view const secret = s.of(text);
    add(secret);
    // A secret over several lines is printed a line at a time too (a quoted value's first line).
    for (std::size_t from = 0, to = 0; to != std::string_view::npos; from = to + 1) {
      to = secret.find_first_of("\r\n", from);
      if (from == 0 && to == std::string_view::npos)
        break;
      add(secret.substr(from, to == std::string_view::npos ? to : to - from));
    }
  }
}

std::optional<byte_span> userinfo_to_last_at(std::string_view text) {
  std::size_t const scheme_end = text.find("://");
  std::size_t const last_at = text.rfind('@');
  if (scheme_end == std::string_view::npos || last_at == std::string_view::npos ||
      last_at <= scheme_end + 3)
    return std::nullopt;
  return byte_span{scheme_end + 3, last_at};
}

std::string redactor::message(std::string_view text) {
  std::vector<byte_span> spans;
  url_passwords(text, spans);
  keyword_passwords(text, spans);
  std::sort(spans.begin(), spans.end(), [](byte_span a, byte_span b) { return a.begin < b.begin; });
  std::string out;
  std::size_t pos = 0;
  for (auto s : spans) {
    if (s.begin < pos || s.end > text.size())
      continue;
    out += printable(text.substr(pos, s.begin - pos));
    out += mask;
    pos = s.end;
  }
  return out + printable(text.substr(pos));
}

redacted redactor::apply(std::string_view text, std::vector<byte_span> spans) const {
  if (!enabled_)
    return {std::string(text), {}};
  url_passwords(text, spans);
  keyword_passwords(text, spans);
  secret_assignments(text, spans);
  for (auto const& s : secrets_)
    for (std::size_t at = text.find(s); at != std::string_view::npos; at = text.find(s, at + 1))
      spans.push_back({at, at + s.size()});
  std::sort(spans.begin(), spans.end(), [](byte_span a, byte_span b) { return a.begin < b.begin; });
  redacted out;
  out.text.reserve(text.size());
  std::size_t pos = 0;
  for (auto s : spans) {
    if (s.end > text.size() || s.empty())
      continue;
    if (s.begin < pos) { // overlaps the previous region: extend it
      if (s.end > pos && !out.regions.empty()) {
        out.regions.back().first.end = s.end;
        pos = s.end;
      }
      continue;
    }
    out.text.append(text.substr(pos, s.begin - pos));
    out.regions.push_back({s, out.text.size()});
    out.text.append(mask);
    pos = s.end;
  }
  out.text.append(text.substr(pos));
  return out;
}

} // namespace poolcheck
