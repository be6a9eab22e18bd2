// Recognises template values by their shape: delimited (`<...>`, `[...]`, `${...}`, `{...}`,
// `{{...}}`), elided (`...`, `…`, `****`, `xxx`), named (`your-...`, `changeme`, all-caps
// words) and, in template files, generic lower-case words. Linear in the text's length.
#include "engine/placeholders.hpp"

#include "core/ascii.hpp"

#include <algorithm>
#include <span>

namespace poolcheck::engine {
namespace {

constexpr auto npos = std::string_view::npos;

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_word_char(char c) {
  return is_upper(c) || is_lower(c) || is_digit(c) || c == '_' || c == '-';
}

/// Words a template writes where a value goes, lower-case (template files only: a real .env may
/// use them, `postgres://user:password@db/app`).
constexpr std::string_view generic_words[] = {
    "user",          "username",      "usr",      "password",  "pass",      "passwd",  "pwd",
    "secret",        "port",          "database", "db",        "dbname",    "db_name", "db-name",
    "database_name", "database-name", "name",     "host",      "hostname",  "db_host", "db-host",
    "db_user",       "db_password",   "db_port",  "user_name", "user-name",
};

/// Generic words a template writes as a whole host label. Not `db`: a compose service is often
/// called that.
constexpr std::string_view generic_host_labels[] = {
    "host",        "hostname", "server",      "region",      "ref",     "project-ref",
    "project_ref", "endpoint", "endpoint-id", "endpoint_id", "db-host", "db_host",
};

bool listed(std::span<std::string_view const> words, std::string_view w) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view x) { return ascii::iequals(x, w); });
}

/// An all-caps word: no lower-case letter and at least two upper-case ones (`PORT`, `DB_NAME`,
/// `PROJECT_REF`; not `A1` or `5432`).
bool all_caps(std::string_view w) {
  if (std::any_of(w.begin(), w.end(), is_lower))
    return false;
  return std::count_if(w.begin(), w.end(), is_upper) >= 2;
}

/// The next `}`, `}}`, `>` or `]` at or after a position, remembered: the scan only moves on, so
/// each closer is searched for once per stretch of text, not once per opener (`<<<<...` with no
/// `>` would otherwise cost quadratic time).
struct next_closers {
  std::string_view t;
  std::string_view close[4] = {"}", "}}", ">", "]"};
  std::size_t found[4] = {0, 0, 0, 0};
  bool searched[4] = {false, false, false, false};

  std::size_t at_or_after(std::size_t from, std::string_view c) {
    std::size_t k = 0;
    while (close[k] != c)
      ++k;
    if (!searched[k] || (found[k] != npos && found[k] < from)) {
      found[k] = t.find(c, from);
      searched[k] = true;
    }
    return found[k];
  }
};

/// Where the delimited placeholder opening at `i` ends (one past it), or npos.
std::size_t delimited_end(std::string_view t, std::size_t i, next_closers& next) {
  auto closing = [&](std::size_t from, std::string_view close) -> std::size_t {
    std::size_t c = next.at_or_after(from, close);
    return c == npos || c == from ? npos : c + close.size();
  };
  char const c = t[i];
  if (c == '$' && t.substr(i, 2) == "${")
    return closing(i + 2, "}");
  if (c == '{')
    return t.substr(i, 2) == "{{" ? closing(i + 2, "}}") : closing(i + 1, "}");
  if (c == '<')
    return closing(i + 1, ">");
  if (c == '[') {
    // `[::1]` is an IPv6 literal, not a placeholder.
    std::size_t end = closing(i + 1, "]");
    if (end != npos && t.substr(i + 1, end - i - 2).find(':') != npos)
      return npos;
    return end;
  }
  return npos;
}

/// The placeholders that have the same shape in every part. `caps`: all-caps words count.
void shaped(std::string_view t, bool caps, std::vector<byte_span>& out) {
  next_closers next{t};
  std::size_t i = 0;
  while (i < t.size()) {
    if (std::size_t end = delimited_end(t, i, next); end != npos) {
      out.push_back({i, end});
      i = end;
      continue;
    }
    if (t[i] == '.' || t[i] == '*') {
      std::size_t j = t.find_first_not_of(t[i], i);
      j = j == npos ? t.size() : j;
      if (j - i >= 3)
        out.push_back({i, j}); // `...`, `****`
      i = j;
      continue;
    }
    if (t.substr(i, 3) == "\xE2\x80\xA6") { // `…`
      out.push_back({i, i + 3});
      i += 3;
      continue;
    }
    if (!is_word_char(t[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < t.size() && is_word_char(t[j]))
      ++j;
    std::string_view const w = t.substr(i, j - i);
    std::string const lower = ascii::lowered(w);
    // A caps word counts alone or after a `.` (`PORT`, `postgres.PROJECT_REF`), not inside other
    // text: in `100%SURE` the `%` is a real mistake.
    bool const apart = (i == 0 || t[i - 1] == '.') && (j == t.size() || t[j] == '.');
    if (lower == "changeme" || lower == "change-me" || lower == "change_me" ||
        lower.starts_with("your-") || lower.starts_with("your_") ||
        (caps && apart && all_caps(w))) {
      out.push_back({i, j});
    } else {
      // `xxx` runs between `-` and `_`: `ep-xxx`, `xxxxxxxx`.
      for (std::size_t k = i; k < j;) {
        std::size_t e = k;
        while (e < j && t[e] != '-' && t[e] != '_')
          ++e;
        std::string_view const piece = t.substr(k, e - k);
        if (piece.size() >= 3 && piece.find_first_not_of("xX") == npos)
          out.push_back({k, e});
        k = e + 1;
      }
    }
    i = j;
  }
}

} // namespace

bool is_placeholder_host(std::string_view host, bool template_file) {
  if (host.empty())
    return false; // no host: libpq's default, not a template
  std::string_view name = host;
  if (name.size() > 1 && name.back() == '.')
    name.remove_suffix(1); // a fully qualified name
  if (name.front() == '.' || name.back() == '.' || name.find("..") != npos)
    return true; // an empty label: `ep-..-pooler`, `a..b`
  std::vector<byte_span> found;
  shaped(name, false, found);
  if (!found.empty())
    return true;
  // All-caps words: a real host written in capitals (`DB.EXAMPLE.COM`) is no template, but a caps
  // word among lower-case labels (`aws-0-REGION.pooler...`), one with `_` (DNS has none) or a
  // one-label host (`HOST`) is.
  bool const has_lower = std::any_of(name.begin(), name.end(), is_lower);
  bool const one_label = name.find('.') == npos;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t dot = std::min(name.find('.', start), name.size());
    std::string_view const label = name.substr(start, dot - start);
    if (template_file && listed(generic_host_labels, label))
      return true;
    std::size_t w = 0;
    while (w <= label.size()) {
      std::size_t dash = std::min(label.find('-', w), label.size());
      std::string_view const word = label.substr(w, dash - w);
      if (all_caps(word) && (has_lower || one_label || word.find('_') != npos))
        return true;
      w = dash + 1;
    }
    start = dot + 1;
  }
  return false;
}

std::vector<byte_span> placeholders_in(std::string_view text, part p, bool template_file) {
  std::vector<byte_span> out;
  if (text.empty())
    return out;
  if (p == part::host) {
    if (is_placeholder_host(text, template_file))
      out.push_back({0, text.size()});
    return out;
  }
  bool const numeric = std::all_of(text.begin(), text.end(), is_digit);
  // A template's port that is no number is what the reader fills in (`port`, `<port>`).
  if (template_file && ((p == part::port && !numeric) || listed(generic_words, text))) {
    out.push_back({0, text.size()});
    return out;
  }
  shaped(text, true, out);
  return out;
}

std::vector<byte_span> placeholders_in(pg::conninfo const& info, std::string_view value,
                                       bool template_file) {
  std::vector<byte_span> out;
  auto add = [&](byte_span raw, part p, bool widen = true) {
    for (byte_span s : placeholders_in(raw.of(value), p, widen && template_file))
      out.push_back({raw.begin + s.begin, raw.begin + s.end});
  };
  if (info.user)
    add(info.user->raw, part::user);
  if (info.password)
    add(info.password->raw, part::password);
  if (info.dbname)
    add(info.dbname->raw, part::dbname);
  for (auto const& h : info.hosts) {
    add(h.raw, part::host);
    if (h.port)
      add(h.port->raw, part::port);
  }
  for (auto const& prm : info.params) {
    // In keyword form the address keywords are params too: each read as what it holds.
    part p = part::param_value;
    if (prm.key == "host" || prm.key == "hostaddr")
      continue; // the host list above
    if (prm.key == "port")
      p = part::port;
    else if (prm.key == "user")
      p = part::user;
    else if (prm.key == "password")
      p = part::password;
    else if (prm.key == "dbname")
      p = part::dbname;
    add(prm.raw_key, part::param_value, false); // `?<key>=<value>`; `port=` is a key, not a word
    add(prm.raw_value, p);
  }
  // Keyword form reads a port twice (its host's and its pair's): each span once, in order.
  std::sort(out.begin(), out.end(), [](byte_span a, byte_span b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end < b.end);
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool is_template_file_name(std::string_view path) {
  std::size_t const slash = path.find_last_of("/\\");
  std::string const name = ascii::lowered(slash == npos ? path : path.substr(slash + 1));
  bool env = false, templ = false;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = std::min(name.find_first_of(".-_", start), name.size());
    std::string_view const token = std::string_view(name).substr(start, end - start);
    env = env || token == "env" || token == "vars"; // `.dev.vars.example` (Cloudflare)
    templ = templ || token == "example" || token == "examples" || token == "sample" ||
            token == "samples" || token == "template" || token == "templates" || token == "tmpl" ||
            token == "tpl" || token == "dist";
    start = end + 1;
  }
  return env && templ;
}

} // namespace poolcheck::engine
