// Classifies and parses PostgreSQL connection strings (libpq URI and keyword/value forms), keeping
// the byte span of every component so findings and fixes can point at the bytes as written.
#include "pg/conninfo.hpp"

#include "core/ascii.hpp"

#include <boost/unordered/unordered_flat_set.hpp>
#include <boost/url/pct_string_view.hpp>

#include <algorithm>
#include <iterator>
#include <string>

namespace poolcheck::pg {

namespace {

constexpr auto npos = std::string_view::npos;

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

using ascii::iequals;
using ascii::istarts_with;
using ascii::lowered;
using ascii::to_lower;

bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(char c) {
  if (is_digit(c))
    return c - '0';
  return to_lower(c) - 'a' + 10;
}

// libpq splits keyword/value strings with isspace() in the C locale.
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool is_control(char c) {
  auto const u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

// Characters a host list may contain; used to decide which '@' ends the userinfo.
bool is_host_char(char c) {
  return is_alnum(c) || c == '.' || c == '-' || c == '_' || c == '[' || c == ']' || c == ':' ||
         c == ',' || c == '%';
}

// Length of the RFC 3986 scheme when `value` starts with `scheme://`, else 0.
std::size_t scheme_length(std::string_view value) {
  if (value.empty() || !is_alpha(value[0]))
    return 0;
  std::size_t i = 1;
  while (i < value.size() &&
         (is_alnum(value[i]) || value[i] == '+' || value[i] == '-' || value[i] == '.'))
    ++i;
  if (value.substr(i, 3) != "://")
    return 0;
  return i;
}

scheme_kind kind_of_scheme(std::string_view scheme) {
  if (iequals(scheme, "postgres") || iequals(scheme, "postgresql"))
    return scheme_kind::postgres;
  // SQLAlchemy-style driver suffixes: postgresql+asyncpg, postgresql+psycopg, ...
  if ((istarts_with(scheme, "postgresql+") && scheme.size() > 11) ||
      (istarts_with(scheme, "postgres+") && scheme.size() > 9))
    return scheme_kind::postgres;
  if (iequals(scheme, "prisma") || iequals(scheme, "prisma+postgres"))
    return scheme_kind::prisma;
  return scheme_kind::other;
}

// See libpq_query_keys(); `ssl` last, since it is no keyword of the keyword/value form.
constexpr std::string_view query_keys[] = {
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "channel_binding",
    "connect_timeout",
    "client_encoding",
    "options",
    "application_name",
    "fallback_application_name",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
    "replication",
    "gssencmode",
    "sslmode",
    "requiressl",
    "sslcompression",
    "sslcert",
    "sslkey",
    "sslpassword",
    "sslrootcert",
    "sslcrl",
    "sslcrldir",
    "sslsni",
    "requirepeer",
    "ssl_min_protocol_version",
    "ssl_max_protocol_version",
    "krbsrvname",
    "gsslib",
    "service",
    "target_session_attrs",
    "load_balance_hosts",
    "ssl",
};

bool is_libpq_keyword(std::string_view key) {
  return key != "ssl" &&
         std::find(std::begin(query_keys), std::end(query_keys), key) != std::end(query_keys);
}

bool is_address_keyword(std::string_view key) {
  return key == "host" || key == "hostaddr" || key == "dbname" || key == "user" || key == "port";
}

// ---------------------------------------------------------------------------------------------
// Keyword/value form ("34.1.1 Connection Strings"): `key = value` separated by whitespace; a value
// is single-quoted or runs to the next whitespace, and in both a backslash escapes the next byte.

enum class pair_status { pair, end, missing_equals, unterminated_quote };

struct raw_pair {
  byte_span key;
  byte_span value; // as written, quotes included
  byte_span whole;
};

// Reads the next pair at `pos` exactly as libpq's conninfo_parse does, and advances `pos`.
pair_status next_pair(std::string_view s, std::size_t& pos, raw_pair& out) {
  auto const n = s.size();
  while (pos < n && is_space(s[pos]))
    ++pos;
  if (pos == n)
    return pair_status::end;
  std::size_t const key_begin = pos;
  while (pos < n && s[pos] != '=' && !is_space(s[pos]))
    ++pos;
  out.key = {key_begin, pos};
  out.whole = {key_begin, pos};
  while (pos < n && is_space(s[pos]))
    ++pos;
  if (pos == n || s[pos] != '=')
    return pair_status::missing_equals;
  ++pos;
  // libpq skips blanks after '=', so `host= port=5432` makes host "port=5432".
  while (pos < n && is_space(s[pos]))
    ++pos;
  std::size_t const value_begin = pos;
  if (pos < n && s[pos] == '\'') {
    ++pos;
    for (;;) {
      if (pos >= n) {
        out.value = {value_begin, n};
        out.whole.end = n;
        return pair_status::unterminated_quote;
      }
      if (s[pos] == '\\') {
        pos += 2;
        continue;
      }
      if (s[pos] == '\'') {
        ++pos;
        break;
      }
      ++pos;
    }
  } else {
    while (pos < n && !is_space(s[pos])) {
      if (s[pos] == '\\' && pos + 1 < n)
        ++pos;
      ++pos;
    }
  }
  out.value = {value_begin, pos};
  out.whole.end = pos;
  return pair_status::pair;
}

// Where each unescaped byte came from: [begin, end) covers its backslash too.
struct origin {
  std::size_t begin;
  std::size_t end;
};

// Unescapes a value as written (quotes included) like libpq; `origins` maps each output byte.
std::string unescape(std::string_view s, byte_span value, std::vector<origin>* origins) {
  std::string out;
  std::size_t pos = value.begin;
  std::size_t end = value.end;
  if (pos < end && s[pos] == '\'') {
    ++pos;
    if (end > pos && s[end - 1] == '\'')
      --end;
  }
  while (pos < end) {
    std::size_t const from = pos;
    if (s[pos] == '\\') {
      ++pos;
      if (pos == end)
        break;
    }
    out.push_back(s[pos]);
    ++pos;
    if (origins != nullptr)
      origins->push_back({from, pos});
  }
  return out;
}

// The value bytes inside the quotes, if any.
byte_span value_content(std::string_view s, byte_span value) {
  if (value.empty() || s[value.begin] != '\'')
    return value;
  byte_span inner{value.begin + 1, value.end};
  if (inner.end > inner.begin && s[inner.end - 1] == '\'')
    --inner.end;
  return inner;
}

bool looks_like_keywords(std::string_view value) {
  std::size_t pos = 0;
  raw_pair pair;
  bool first = true;
  while (next_pair(value, pos, pair) == pair_status::pair) {
    auto const key = pair.key.of(value);
    if (first && !is_libpq_keyword(key))
      return false;
    first = false;
    if (is_address_keyword(key))
      return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers.

// Percent-decodes like libpq's conninfo_uri_decode ('+' stays '+'). Boost.URL validates and
// decodes well-formed text; malformed escapes (already reported) are kept literally.
std::string pct_decode(std::string_view raw) {
  if (raw.find('%') == npos)
    return std::string(raw); // most components: nothing to decode
  auto valid = boost::urls::make_pct_string_view(boost::urls::string_view(raw.data(), raw.size()));
  if (valid)
    return valid->decode();
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '%' && i + 2 < raw.size() && is_hex(raw[i + 1]) && is_hex(raw[i + 2])) {
      out.push_back(static_cast<char>(hex_value(raw[i + 1]) * 16 + hex_value(raw[i + 2])));
      i += 2;
      continue;
    }
    out.push_back(raw[i]);
  }
  return out;
}

component make_component(std::string_view s, byte_span raw) {
  return {pct_decode(raw.of(s)), raw};
}

void add_problem(conninfo& ci, problem_kind kind, byte_span raw, std::string detail) {
  ci.problems.push_back({kind, raw, std::move(detail)});
}

// Ports are checked as text: libpq accepts any text at parse time and fails only at connect.
void check_port(conninfo& ci, component const& port, std::string_view raw_text) {
  if (port.decoded.empty())
    return;
  bool digits = std::all_of(port.decoded.begin(), port.decoded.end(), is_digit);
  unsigned long number = 0;
  for (char c : port.decoded) {
    if (!digits || number > 65535)
      break;
    number = number * 10 + static_cast<unsigned long>(c - '0');
  }
  if (digits && number >= 1 && number <= 65535)
    return;
  add_problem(ci, problem_kind::bad_port, port.raw, std::string(raw_text));
}

// libpq keeps the last value of a repeated key; the earlier ones are dead text.
void report_duplicates(conninfo& ci) {
  auto const& params = ci.params;
  // Open addressing: a URL may carry hundreds of thousands of parameters, and a node per key would
  // cost a cache miss each.
  boost::unordered_flat_set<std::string_view> seen;
  seen.reserve(params.size());
  for (auto const& p : params)
    if (!seen.insert(p.key).second)
      add_problem(ci, problem_kind::duplicate_param, p.raw, p.key);
}

std::string describe_char(char c) {
  if (!is_control(c))
    return std::string(1, c);
  constexpr std::string_view digits = "0123456789abcdef";
  auto const u = static_cast<unsigned char>(c);
  return std::string("\\x") + digits[u >> 4] + digits[u & 0xf];
}

// ---------------------------------------------------------------------------------------------
// URL form ("34.1.1.2 Connection URIs"):
// postgresql://[userspec@][hostspec][/dbname][?paramspec]

// A host list whose ports are numeric: text that is more likely an authority than a password.
bool plausible_host_list(std::string_view text) {
  if (!std::all_of(text.begin(), text.end(), is_host_char))
    return false;
  std::size_t item = 0;
  while (item <= text.size()) {
    auto comma = text.find(',', item);
    auto const part = text.substr(item, comma == npos ? npos : comma - item);
    if (!part.empty() && part[0] != '[') {
      auto const colon = part.find(':');
      auto const port = colon == npos ? std::string_view{} : part.substr(colon + 1);
      if (!std::all_of(port.begin(), port.end(), is_digit))
        return false;
    }
    if (comma == npos)
      break;
    item = comma + 1;
  }
  return true;
}

// Position of the '@' that ends the userinfo, or npos. libpq takes the first '@' before the first
// '/', but passwords are often pasted unencoded, so prefer the last '@' followed by something that
// looks like a host list, unless that '@' sits in what is clearly the path or query.
std::size_t find_userinfo_end(std::string_view s, std::size_t start) {
  auto const n = s.size();
  // libpq looks for the userinfo's '@' up to the first '/' only: a '?' before it is userinfo
  // text (`postgres://app:?@db/app`, `postgres://db?x=me@laptop` connects to `laptop`).
  auto authority_end = s.find('/', start);
  if (authority_end == npos)
    authority_end = n;
  auto const first_at = s.find('@', start);
  if (first_at == npos)
    return npos;
  // The usual case, one '@' and it before the first '/': every reading below agrees on it.
  if (first_at < authority_end && s.find('@', first_at + 1) == npos)
    return first_at;
  auto const first_question = s.find('?', start);
  auto const equals_after_question = first_question == npos ? npos : s.find('=', first_question);
  bool const authority_is_hosts = plausible_host_list(s.substr(start, authority_end - start));
  // An '@' before the first '/' is where libpq ends the userinfo; one after it is then path or
  // query text (`u:a?b@localhost/db?application_name=me@laptop`).
  bool const at_before_slash = first_at < authority_end;

  bool host_follows = true; // the text after i, up to '/', '?' or the end, is host-like
  for (std::size_t i = n; i-- > start;) {
    char const c = s[i];
    if (c == '@' && host_follows) {
      // `user@host/db?user=me@example.com`: the '@' after a `?key=` is query text.
      bool const in_query =
          first_at < first_question && first_question < i && equals_after_question < i;
      // `host/my@db`: a sane authority before the '/' means the '@' belongs to the path.
      bool const in_path = i > authority_end && (authority_is_hosts || at_before_slash);
      if (!in_query && !in_path)
        return i;
    }
    if (c == '/' || c == '?')
      host_follows = true;
    else
      host_follows = host_follows && is_host_char(c);
  }
  return first_at < authority_end ? first_at : npos;
}

void parse_userinfo(std::string_view s, std::size_t begin, std::size_t end, conninfo& ci) {
  auto const colon = s.substr(begin, end - begin).find(':');
  std::size_t const user_end = colon == npos ? end : begin + colon;
  ci.user = make_component(s, {begin, user_end});
  if (colon != npos)
    ci.password = make_component(s, {user_end + 1, end});
  // Prisma rejects these (P1013) and libpq/WHATWG parsers disagree on them: they must be encoded.
  for (std::size_t i = begin; i < end; ++i) {
    char const c = s[i];
    if (c == '@' || c == '/' || c == '?' || c == '#' || c == ' ' || is_control(c))
      add_problem(ci, problem_kind::reserved_in_userinfo, {i, i + 1}, describe_char(c));
  }
}

void parse_hosts(std::string_view s, std::size_t begin, std::size_t end, conninfo& ci) {
  if (begin == end)
    return;
  // Searches are bounded by the current item (or cached, for ']'), keeping the scan linear.
  auto find_in = [&](char c, std::size_t from, std::size_t limit) {
    auto at = s.substr(from, limit - from).find(c);
    return at == npos ? limit : from + at;
  };
  std::size_t next_bracket = npos;
  std::size_t p = begin;
  for (;;) {
    host h;
    std::size_t const item_begin = p;
    bool named = false;
    if (p < end && s[p] == '[') {
      // libpq looks for the matching ']' before it looks at commas.
      if (next_bracket == npos || next_bracket < p)
        next_bracket = find_in(']', p, end);
      std::size_t const bracket = next_bracket;
      named = true;
      if (bracket == end) {
        // Keep the whole item as the name: guessing a port inside it would only add noise.
        std::size_t const item_end = find_in(',', p, end);
        add_problem(ci, problem_kind::unparsable, {p, item_end}, "missing ']'");
        h.raw = {p, item_end};
        h.name = pct_decode(h.raw.of(s));
        p = item_end;
      } else {
        h.ipv6 = true;
        h.name = pct_decode(s.substr(p + 1, bracket - p - 1));
        h.raw = {p, bracket + 1};
        if (bracket == p + 1)
          add_problem(ci, problem_kind::unparsable, h.raw, "empty IPv6 address");
        p = bracket + 1;
        if (p < end && s[p] != ':' && s[p] != ',') {
          std::size_t const junk_end = find_in(':', p, find_in(',', p, end));
          add_problem(ci, problem_kind::unparsable, {p, junk_end}, "unexpected text after ']'");
          p = junk_end;
        }
      }
    }
    if (!named) {
      std::size_t const name_end = find_in(':', p, find_in(',', p, end));
      h.raw = {item_begin, name_end};
      h.name = pct_decode(h.raw.of(s));
      h.unix_socket = !h.name.empty() && h.name[0] == '/';
      p = name_end;
    }
    if (p < end && s[p] == ':') {
      std::size_t const port_end = find_in(',', p + 1, end);
      h.port = make_component(s, {p + 1, port_end});
      check_port(ci, *h.port, h.port->raw.of(s));
      p = port_end;
    }
    ci.hosts.push_back(std::move(h));
    if (p >= end)
      break;
    ++p; // past ','; a trailing ',' yields an empty host, as in libpq
  }
}

void parse_query(std::string_view s, std::size_t begin, conninfo& ci) {
  auto const n = s.size();
  std::size_t p = begin;
  for (;;) {
    auto amp = s.find('&', p);
    std::size_t const part_end = amp == npos ? n : amp;
    if (part_end > p) {
      param prm;
      prm.raw = {p, part_end};
      auto const eq = s.substr(p, part_end - p).find('=');
      if (eq == npos) {
        prm.raw_key = prm.raw;
        prm.raw_value = {part_end, part_end};
      } else {
        prm.raw_key = {p, p + eq};
        prm.raw_value = {p + eq + 1, part_end};
      }
      prm.key = pct_decode(prm.raw_key.of(s));
      prm.value = pct_decode(prm.raw_value.of(s));
      ci.params.push_back(std::move(prm));
    }
    if (amp == npos)
      break;
    p = amp + 1;
  }
  // `?sslmode=require?connect_timeout=10`: libpq reads one value "require?connect_timeout=10".
  for (auto q = s.find('?', begin); q != npos; q = s.find('?', q + 1))
    add_problem(ci, problem_kind::second_question_mark, {q, q + 1}, "?");
  report_duplicates(ci);
}

// libpq's conninfo_uri_decode refuses '%' without two hex digits and the escape %00.
void check_percent(std::string_view s, std::size_t begin, conninfo& ci) {
  auto const n = s.size();
  std::optional<byte_span> secret;
  if (ci.password)
    secret = ci.password->raw;
  for (std::size_t i = begin; i < n; ++i) {
    if (s[i] != '%')
      continue;
    bool const well_formed = i + 2 < n && is_hex(s[i + 1]) && is_hex(s[i + 2]);
    if (well_formed && !(s[i + 1] == '0' && s[i + 2] == '0')) {
      i += 2;
      continue;
    }
    byte_span const span{i, std::min(n, i + 3)};
    bool const reveals = secret && span.overlaps(*secret);
    add_problem(ci, problem_kind::bad_percent, span,
                reveals ? std::string("%") : std::string(span.of(s)));
    if (well_formed)
      i += 2;
  }
}

conninfo parse_url(std::string_view s, std::size_t scheme_len) {
  conninfo ci;
  ci.form = form::url;
  ci.end = s.size();
  ci.raw_scheme = {0, scheme_len};
  ci.scheme = lowered(s.substr(0, scheme_len));
  // libpq's uri_prefix_length() compares "postgresql://" case-sensitively.
  if (auto const raw = s.substr(0, scheme_len); std::any_of(raw.begin(), raw.end(), is_upper))
    add_problem(ci, problem_kind::uppercase_scheme, ci.raw_scheme,
                std::string(s.substr(0, scheme_len)));

  auto const n = s.size();
  std::size_t const start = scheme_len + 3;
  std::size_t host_begin = start;
  if (auto const at = find_userinfo_end(s, start); at != npos) {
    parse_userinfo(s, start, at, ci);
    host_begin = at + 1;
  }
  auto host_end = s.find_first_of("/?", host_begin);
  if (host_end == npos)
    host_end = n;
  parse_hosts(s, host_begin, host_end, ci);

  std::size_t p = host_end;
  if (p < n && s[p] == '/') {
    auto db_end = s.find('?', p + 1);
    if (db_end == npos)
      db_end = n;
    ci.dbname = make_component(s, {p + 1, db_end});
    p = db_end;
  }
  if (p < n && s[p] == '?') {
    ci.raw_query = byte_span{p + 1, n};
    parse_query(s, p + 1, ci);
  }
  check_percent(s, start, ci);
  return ci;
}

// ---------------------------------------------------------------------------------------------
// Keyword form.

// Splits a comma list value (host=h1,h2 / port=5432,5433) into spans of the bytes as written.
std::vector<component> split_list(std::string_view s, byte_span value) {
  std::vector<origin> origins;
  auto const text = unescape(s, value, &origins);
  auto const content = value_content(s, value);
  auto raw_at = [&](std::size_t k) {
    return k < origins.size() ? origins[k].begin : content.end;
  };
  std::vector<component> out;
  std::size_t item = 0;
  for (;;) {
    auto comma = text.find(',', item);
    std::size_t const item_end = comma == npos ? text.size() : comma;
    byte_span raw{raw_at(item), raw_at(item)};
    if (item_end > item)
      raw.end = origins[item_end - 1].end;
    out.push_back({text.substr(item, item_end - item), raw});
    if (comma == npos)
      break;
    item = comma + 1;
  }
  return out;
}

conninfo parse_keywords(std::string_view s) {
  conninfo ci;
  ci.form = form::keyword;
  ci.end = s.size();
  std::size_t pos = 0;
  raw_pair pair;
  for (;;) {
    auto const status = next_pair(s, pos, pair);
    if (status == pair_status::end)
      break;
    if (status == pair_status::missing_equals) {
      add_problem(ci, problem_kind::unparsable, pair.key, "missing '='");
      break;
    }
    if (status == pair_status::unterminated_quote) {
      add_problem(ci, problem_kind::unparsable, pair.value, "unterminated quoted string");
      break;
    }
    param prm;
    prm.raw = pair.whole;
    prm.raw_key = pair.key;
    prm.raw_value = pair.value;
    prm.key = std::string(pair.key.of(s));
    prm.value = unescape(s, pair.value, nullptr);
    ci.params.push_back(std::move(prm));
  }

  param const* host_param = ci.find("host");
  param const* port_param = ci.find("port");
  if (auto const* p = ci.find("user"))
    ci.user = component{p->value, p->raw_value};
  if (auto const* p = ci.find("password"))
    ci.password = component{p->value, p->raw_value};
  if (auto const* p = ci.find("dbname"))
    ci.dbname = component{p->value, p->raw_value};
  if (host_param != nullptr && !host_param->value.empty()) {
    for (auto& name : split_list(s, host_param->raw_value)) {
      host h;
      h.name = std::move(name.decoded);
      h.raw = name.raw;
      h.unix_socket = !h.name.empty() && h.name[0] == '/';
      h.ipv6 = !h.unix_socket && h.name.find(':') != std::string::npos;
      ci.hosts.push_back(std::move(h));
    }
  }
  if (port_param != nullptr && !port_param->value.empty()) {
    auto ports = split_list(s, port_param->raw_value);
    // libpq: one port applies to every host, otherwise they pair up by position.
    for (std::size_t i = 0; i < ci.hosts.size(); ++i) {
      if (ports.size() == 1)
        ci.hosts[i].port = ports[0];
      else if (i < ports.size())
        ci.hosts[i].port = ports[i];
    }
    for (auto const& port : ports)
      check_port(ci, port, port.raw.of(s));
  }
  report_duplicates(ci);
  return ci;
}

} // namespace

param const* conninfo::find(std::string_view key) const {
  for (auto it = params.rbegin(); it != params.rend(); ++it) {
    if (it->key == key)
      return &*it;
  }
  return nullptr;
}

scheme_kind classify(std::string_view value) {
  if (auto const n = scheme_length(value); n != 0)
    return kind_of_scheme(value.substr(0, n));
  return looks_like_keywords(value) ? scheme_kind::keyword : scheme_kind::none;
}

bool is_connection_string(std::string_view value) {
  auto const kind = classify(value);
  return kind == scheme_kind::postgres || kind == scheme_kind::keyword;
}

conninfo parse(std::string_view value) {
  conninfo ci;
  if (auto const n = scheme_length(value); n != 0)
    ci = parse_url(value, n);
  else
    ci = parse_keywords(value);
  std::stable_sort(
      ci.problems.begin(), ci.problems.end(),
      [](syntax_problem const& a, syntax_problem const& b) { return a.raw.begin < b.raw.begin; });
  return ci;
}

std::span<std::string_view const> libpq_query_keys() {
  return query_keys;
}

} // namespace poolcheck::pg
