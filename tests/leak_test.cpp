// The leak fuzzer: distinctive random secrets planted in every documented position of .env files
// and stdin, every command and output format run over them; an output that shows one (whole, one
// line of a multi-line one, or any 8 bytes of one of its alphanumeric runs) fails, naming the
// position's class, the command and the output line with the secret masked as <SECRET:class>.
#include "env/document.hpp"
#include "support/random_source.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unordered_map>
#include <utility>
#include <vector>

namespace poolcheck::test {
namespace {

namespace fs = std::filesystem;

/// The fixed seed and number of files; POOLCHECK_LEAK_SEED and POOLCHECK_LEAK_FILES change them
/// for a longer hunt. Fewer files under the sanitizers, whose runs of poolcheck take five times as
/// long.
constexpr std::uint64_t default_seed = 0x1ea4f022e5ULL;
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t default_file_count = 1650;
#else
constexpr std::size_t default_file_count = 4400;
#endif

std::uint64_t from_environment(char const* name, std::uint64_t fallback) {
  char const* value = std::getenv(name);
  return value && *value ? std::strtoull(value, nullptr, 0) : fallback;
}

/// Every secret starts with it: a run of letters no rule, host or message has.
constexpr std::string_view secret_prefix = "Zqv";
/// Bytes of one alphanumeric run of a secret that count as a leak (every run has at least this).
constexpr std::size_t piece = 8;

enum position : std::size_t { l1, l2, l3, l4, l5, l6, l7, u1, u2, u3, u4, position_count };

struct position_info {
  std::string_view id;
  std::string_view what;
};

constexpr std::array<position_info, position_count> positions{{
    {"L1", "values of other variables next to a connection string (--diff context)"},
    {"L2", "a URL password spanning two lines of a quoted value"},
    {"L3", "a password with space, tab, quote or backtick in a value dotenv does not read as a "
           "URL (ENV002/003/004/005/101)"},
    {"L4", "`sslpassword=` in a URL query and in keyword form"},
    {"L5", "Azure-style `user@server:SECRET/...@host` (password bytes where the port goes)"},
    {"L6", "secret-looking keys outside the fixed list, on a line with a finding"},
    {"L7", "keyword form `password=` quoted, with spaces"},
    {"U1", "URL userinfo password (plain, percent-encoded, raw reserved bytes)"},
    {"U2", "`password=` in a URL query"},
    {"U3", "keyword form `password=`"},
    {"U4", "multiple hosts"},
}};

/// One planted secret.
struct planting {
  position where;
  std::string shape;              // how it was planted: the report counts by it
  std::string detail;             // more of how, for failure messages
  std::string secret;             // the bytes a program reads
  std::vector<std::string> forms; // other spellings of it in the file (percent-encoded, escaped)
  std::size_t file;
};

/// One generated .env file.
struct case_file {
  std::string name;
  std::string text;
  position where;
  std::string rewrite_input; // a connection string with a planted secret, for `rewrite`
  std::string rewrite_var = "DATABASE_URL";
};

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Percent-encodes every byte but RFC 3986's unreserved ones.
std::string percent_encoded(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
      out += c;
    else
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
  }
  return out;
}

/// `chars` without `c`.
std::string without(std::string_view chars, char c) {
  std::string out;
  for (char x : chars)
    if (x != c)
      out += x;
  return out;
}

/// Endpoints whose URLs get findings, most with fixes (a Neon direct host: sslmode and the pooler;
/// Supabase's pooler without pgbouncer=true; Supabase's direct host), so the line is shown and
/// diffed; an upper-case scheme (URL005) adds a fix to any of them.
struct endpoint {
  std::string_view user;
  std::string_view host;
  std::string_view path;
};

std::vector<endpoint> const endpoints{
    {"app", "ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech", "/neondb"},
    {"neondb_owner", "ep-round-leaf-b7c8d9e0.eu-central-1.aws.neon.tech", "/app"},
    {"postgres.abcdefghijklmnopqrst", "aws-0-us-east-1.pooler.supabase.com:6543", "/postgres"},
    {"postgres", "db.abcdefghijklmnopqrst.supabase.co:5432", "/postgres"},
    {"app", "db.example.com:5432", "/app"},
};

std::vector<std::string_view> const schemes{"postgresql://", "postgres://", "POSTGRES://",
                                            "postgresql://"};

std::vector<std::string_view> const url_variables{
    "DATABASE_URL",        "DATABASE_URL",          "DIRECT_URL",
    "POSTGRES_PRISMA_URL", "DATABASE_URL_UNPOOLED", "PG_URL"};

std::vector<std::string_view> const fillers{
    "NODE_ENV=production\n", "PORT=3000\n",
    "# database settings\n", "\n",
    "LOG_LEVEL=info\n",      "NEXT_PUBLIC_SITE=https://example.com\n"};

/// Bytes that make a password in a broken value interesting to a masker: they end values.
constexpr std::string_view value_enders = " \t'\"`";
constexpr std::string_view quotes = "\"'`";

/// Builds the files and remembers every secret it plants.
class generator {
public:
  explicit generator(std::uint64_t s) : r_(s) {}

  std::vector<case_file> files;
  std::vector<planting> plantings;

  void add_file(position p) {
    files.push_back({fmt::format("c{:04}.env", files.size()), "", p, "", "DATABASE_URL"});
    switch (p) {
    case l1:
      neighbours();
      break;
    case l2:
      password_on_two_lines();
      break;
    case l3:
      not_read_as_url();
      break;
    case l4:
      ssl_password();
      break;
    case l5:
      azure_user();
      break;
    case l6:
      secret_key_on_finding_line();
      break;
    case l7:
      keyword_quoted_password();
      break;
    case u1:
      userinfo_password();
      break;
    case u2:
      query_password();
      break;
    case u3:
      keyword_password();
      break;
    case u4:
      multiple_hosts();
      break;
    case position_count:
      break;
    }
  }

private:
  random_source r_;

  case_file& file() { return files.back(); }

  std::string alnum(std::size_t n) {
    static constexpr std::string_view chars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
      out += chars[r_.below(chars.size())];
    return out;
  }

  char one_of(std::string_view chars) { return chars[r_.below(chars.size())]; }

  template <class T> T const& pick(std::vector<T> const& v) { return v[r_.below(v.size())]; }

  /// A new secret of the current file: the prefix and random alphanumeric runs (12 to 16 bytes
  /// alone, else 8 to 10 each), joined by each byte of `required` and up to `extra` bytes of
  /// `optional`, in random order.
  std::string secret(position where, std::string shape, std::string_view required,
                     std::string_view optional = {}, std::size_t extra = 0) {
    std::string separators(required);
    std::size_t const more = optional.empty() ? 0 : r_.below(extra + 1);
    for (std::size_t i = 0; i < more; ++i)
      separators += one_of(optional);
    for (std::size_t i = separators.size(); i > 1; --i)
      std::swap(separators[i - 1], separators[r_.below(i)]);
    std::string s(secret_prefix);
    s += alnum(separators.empty() ? 12 + r_.below(5) : 8 + r_.below(3));
    for (char c : separators) {
      s += c;
      s += alnum(8 + r_.below(3));
    }
    plantings.push_back({where, std::move(shape), {}, s, {}, files.size() - 1});
    return s;
  }

  void also_written_as(std::string form) { plantings.back().forms.push_back(std::move(form)); }

  /// A quote for `value` (0: none), one it does not contain; none only where dotenv would read the
  /// unquoted value whole.
  char quote_for(std::string_view value) {
    std::string options;
    bool const plain = value.find_first_of("#\n\r") == std::string_view::npos &&
                       !value.starts_with(' ') && !value.ends_with(' ') &&
                       !value.starts_with('\t') && !value.ends_with('\t');
    if (plain)
      options += '\0';
    for (char q : quotes)
      if (value.find(q) == std::string_view::npos)
        options += q;
    return options.empty() ? '\0' : one_of(options);
  }

  std::string assign(std::string_view name, std::string_view value, char q) {
    std::string const quote = q ? std::string(1, q) : std::string();
    return fmt::format("{}{}={}{}{}\n", r_.percent(10) ? "export " : "", name, quote, value, quote);
  }

  endpoint const& an_endpoint() { return pick(endpoints); }

  std::string a_url(std::string_view userinfo, endpoint const& e) {
    return fmt::format("{}{}@{}{}", pick(schemes), userinfo, e.host, e.path);
  }

  /// Parameters some rule reports whatever the host and client (multiple hosts get no provider
  /// rules), joined by `separator`: a duplicate, then a Prisma parameter libpq rejects or a tiny
  /// pool.
  std::string trouble(char separator) {
    static std::vector<std::string_view> const duplicates{"sslmode=require&sslmode=disable",
                                                          "connect_timeout=5&connect_timeout=10"};
    static std::vector<std::string_view> const others{"pgbouncer=true",
                                                      "connection_limit=1&pool_timeout=0"};
    std::string out = fmt::format("{}&{}", pick(duplicates), pick(others));
    std::replace(out.begin(), out.end(), '&', separator);
    return out;
  }

  /// A connection-string line with fixable findings and no secret, for --diff context (unquoted
  /// when `quoted` is false, so as not to close a quote a broken line left open).
  std::string fixable_line(bool quoted = true) {
    endpoint const& e = endpoints[r_.below(2)]; // Neon: fixes under every client and target
    return assign("DATABASE_URL", a_url(e.user, e), quoted ? quote_for("x") : '\0');
  }

  /// `lines` with 0 to 2 filler lines either side (none before when `first` must stay first),
  /// as the current file, in CRLF one time in ten.
  void finish(std::vector<std::string> const& lines, bool first = false) {
    std::string text;
    std::size_t const before = first ? 0 : r_.below(3);
    for (std::size_t i = 0; i < before; ++i)
      text += pick(fillers);
    for (auto const& l : lines)
      text += l;
    for (std::size_t i = r_.below(3); i > 0; --i)
      text += pick(fillers);
    if (r_.percent(10)) {
      std::string crlf;
      for (char c : text)
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
      text = std::move(crlf);
    }
    file().text = std::move(text);
  }

  // L1: other variables' values within three lines of a fixable connection string.
  void neighbours() {
    std::vector<std::string> before;
    std::vector<std::string> after;
    for (std::size_t n = 1 + r_.below(3); n > 0; --n)
      (r_.percent(50) ? before : after).push_back(neighbour());
    std::vector<std::string> lines = before;
    lines.push_back(fixable_line());
    lines.insert(lines.end(), after.begin(), after.end());
    finish(lines);
  }

  std::string neighbour() {
    static std::vector<std::pair<std::string_view, std::string_view>> const keys{
        {"DB_PASS", ""},
        {"DB_PASSWORD", ""},
        {"PGPASSWORD", ""},
        {"STRIPE_KEY", "sk_live_"},
        {"STRIPE_SECRET_KEY", "sk_live_"},
        {"SUPABASE_SERVICE_ROLE_KEY", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."},
        {"SUPABASE_ANON_KEY", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."},
        {"NEXTAUTH_SECRET", ""},
        {"GITHUB_TOKEN", "ghp_"},
        {"OPENAI_API_KEY", "sk-proj-"},
        {"AWS_SECRET_ACCESS_KEY", ""},
        {"SESSION_KEY", ""},
        {"SMTP_PWD", ""},
        {"ENCRYPTION_KEY", ""},
        {"CLERK_SECRET_KEY", "sk_test_"},
        {"RESEND_API_KEY", "re_"},
    };
    switch (r_.below(7)) {
    case 0:
    case 1: {
      auto const& [key, lead] = pick(keys);
      char const q = one_of(std::string_view("\0\"'`", 4));
      std::string const separators = q ? without(" \t#@/:%+='\"`", q) : std::string("@/:%+= \t");
      std::string s = secret(l1, fmt::format("`{}` next to the URL", key), "", separators, 2);
      std::string const quote = q ? std::string(1, q) : std::string();
      return fmt::format("{}={}{}{}{}\n", key, quote, lead, s, quote);
    }
    case 2: {
      if (r_.percent(50)) {
        std::string s =
            secret(l1, "JSON value `{\"password\":...}` in single quotes", "", " @/:#`", 2);
        return fmt::format("DB_CONFIG='{{\"user\":\"app\",\"password\":\"{}\",\"port\":5432}}'\n",
                           s);
      }
      std::string s = secret(l1, "JSON value `{\"password\":...}` unquoted", "", "@/:%", 2);
      return fmt::format("DB_CREDENTIALS={{\"password\":\"{}\",\"host\":\"db.internal\"}}\n", s);
    }
    case 3: {
      std::string s = secret(l1, "private key, later lines of a multi-line value", "\n", "\n+/", 1);
      return fmt::format("PRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE "
                         "KEY-----\"\n",
                         s);
    }
    case 4: {
      std::string s = secret(l1, "private key, first line of a multi-line value", "\n", "+/", 1);
      char const q = one_of(quotes);
      return fmt::format("SSH_PRIVATE_KEY={}{}\n-----END OPENSSH PRIVATE KEY-----{}\n", q, s, q);
    }
    case 5: {
      std::string s = secret(l1, "private key with `\\n` escapes on one line", "", "+/", 2);
      return fmt::format("FIREBASE_PRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----\\n{}\\n-----END "
                         "PRIVATE KEY-----\\n\"\n",
                         s);
    }
    default: {
      if (r_.percent(50)) {
        std::string s = secret(l1, "Redis URL password", "", "-_.~", 1);
        return fmt::format("REDIS_URL=redis://default:{}@redis.example.com:6379\n", s);
      }
      std::string s = secret(l1, "commented-out old connection string", "", "!*", 1);
      return fmt::format("# DATABASE_URL=postgresql://app:{}@old-db.example.com:5432/app\n", s);
    }
    }
  }

  // L2: a URL (or keyword) password that a newline inside a quoted value splits.
  void password_on_two_lines() {
    endpoint const& e = an_endpoint();
    std::string value;
    if (r_.percent(75)) {
      std::string s = secret(l2, "URL password across lines", "\n", "\n", 1);
      value = a_url(fmt::format("{}:{}", e.user, s), e);
    } else {
      std::string s = secret(l2, "keyword password across lines", "\n", "", 0);
      value = fmt::format("host={} user={} password={} dbname=app",
                          e.host.substr(0, e.host.find(':')), e.user, s);
    }
    char const q = one_of(quotes);
    std::string const var(pick(url_variables));
    file().rewrite_input = value;
    file().rewrite_var = var;
    finish({assign(var, value, q)});
  }

  // L3: a password with a value-ending byte, in a value dotenv does not read as the URL.
  void not_read_as_url() {
    endpoint const& e = an_endpoint();
    std::string const var(pick(url_variables));
    std::string line;
    std::string url;
    switch (r_.below(5)) {
    case 0: { // ENV002: a quote that never closes
      char const q = one_of(quotes);
      std::string const enders = without(value_enders, q);
      std::string s = secret(l3, fmt::format("ENV002 unterminated {}", q),
                             std::string(1, one_of(enders)), enders + "@:", 1);
      url = a_url(fmt::format("{}:{}", e.user, s), e);
      line = fmt::format("{}={}{}\n", var, q, url);
      break;
    }
    case 1: { // ENV003: the password holds the closing quote, the rest is text after it
      char const q = one_of(quotes);
      std::string s = secret(l3, fmt::format("ENV003 text after closing {}", q), std::string(1, q),
                             without(value_enders, q), 1);
      url = a_url(fmt::format("{}:{}", e.user, s), e);
      line = fmt::format("{}={}{}{}\n", var, q, url, q);
      break;
    }
    case 2: { // ENV004: a NUL byte
      std::string s = secret(l3, "ENV004 NUL byte", std::string(1, '\0'), value_enders, 1);
      url = a_url(fmt::format("{}:{}", e.user, s), e);
      line = assign(var, url, quote_for(url));
      break;
    }
    case 3: { // ENV005: invalid UTF-8
      std::string s = secret(l3, "ENV005 invalid UTF-8", std::string(1, one_of("\xff\xfe\x80\xc0")),
                             value_enders, 1);
      url = a_url(fmt::format("{}:{}", e.user, s), e);
      line = assign(var, url, quote_for(url));
      break;
    }
    default: { // ENV101: an unquoted `#` cuts the value
      std::string s = secret(l3, "ENV101 unquoted #", "#", value_enders, 1);
      url = a_url(fmt::format("{}:{}", e.user, s), e);
      line = fmt::format("{}={}\n", var, url);
      break;
    }
    }
    file().rewrite_input = url;
    file().rewrite_var = var;
    finish({line});
  }

  // L4: `sslpassword=` (the client key's passphrase) in a URL query and in keyword form.
  void ssl_password() {
    endpoint const& e = an_endpoint();
    std::string value;
    switch (r_.below(4)) {
    case 0: {
      std::string s =
          secret(l4, "URL query sslpassword, percent-encoded", "", " \t'\"`#@/:%&=+", 2);
      also_written_as(percent_encoded(s));
      value = a_url(e.user, e) + "?sslmode=verify-full&sslpassword=" + percent_encoded(s) +
              "&sslcert=/etc/ssl/client.crt";
      break;
    }
    case 1: {
      std::string s = secret(l4, "URL query sslpassword", "", "-_.~", 1);
      value = a_url(e.user, e) + "?sslpassword=" + s + "&sslmode=verify-full";
      break;
    }
    case 2: {
      std::string s = secret(l4, "keyword sslpassword", "", "@/:%!*", 2);
      value = fmt::format("host={} user={} sslmode=verify-full sslpassword={} dbname=app",
                          e.host.substr(0, e.host.find(':')), e.user, s);
      break;
    }
    default: {
      std::string s = secret(l4, "keyword sslpassword='quoted with spaces'", " ", " \t@#", 1);
      value = fmt::format("host={} user={} sslpassword='{}' sslmode=require dbname=app",
                          e.host.substr(0, e.host.find(':')), e.user, s);
      break;
    }
    }
    if (r_.percent(50))
      value += value.find("://") != std::string::npos ? "&" + trouble('&') : " " + trouble(' ');
    std::string const var(pick(url_variables));
    file().rewrite_input = value;
    file().rewrite_var = var;
    finish({assign(var, value, quote_for(value))});
  }

  // L5: an unencoded `@` in the user name (Azure's `user@server`): the password sits where a URL
  // parser looks for the port.
  void azure_user() {
    endpoint const& e = an_endpoint();
    std::string s = secret(l5, "", "", "-_.~!*", 1);
    std::string value;
    switch (r_.below(3)) {
    case 0:
      plantings.back().shape = "`myadmin@myserver:SECRET/more@host`";
      value = fmt::format("postgres://myadmin@myserver:{}/more@{}{}", s, e.host, e.path);
      break;
    case 1:
      plantings.back().shape = "`myadmin@myserver:SECRET@host`";
      value = fmt::format("postgres://myadmin@myserver:{}@{}{}", s, e.host, e.path);
      break;
    default:
      plantings.back().shape = "`myadmin@myserver:SECRET@myserver.postgres.database.azure.com`";
      value = fmt::format("postgresql://myadmin@myserver:{}@myserver.postgres.database.azure.com:"
                          "5432/postgres?sslmode=require",
                          s);
      break;
    }
    std::string const var(pick(url_variables));
    file().rewrite_input = value;
    file().rewrite_var = var;
    finish({assign(var, value, quote_for(value))});
  }

  // L6: a key that looks secret but is not on the masker's list, on a line that has a finding.
  void secret_key_on_finding_line() {
    static std::vector<std::string_view> const keys{"POSTGRES_PASS", "PGPASS", "DB_PASS"};
    static std::vector<std::string_view> const owners{"APP", "STRIPE", "ADMIN", "SMTP", "SERVICE"};
    static std::vector<std::string_view> const kinds{"_KEY", "_PWD", "_CREDENTIALS", "_SECRET",
                                                     "_TOKEN"};
    std::string key;
    std::string family;
    if (r_.percent(40)) {
      key = family = pick(keys);
    } else {
      std::string_view const kind = pick(kinds);
      key = fmt::format("{}{}", pick(owners), kind);
      family = fmt::format("*{}", kind);
    }
    std::string line;
    std::string finding;
    bool first = false;
    switch (r_.below(5)) {
    case 0: { // ENV006
      std::string s = secret(l6, "", "", "@/:% \t", 2);
      line = "\xEF\xBB\xBF" + assign(key, s, quote_for(s));
      finding = "after a BOM on line 1";
      first = true;
      break;
    }
    case 1: { // ENV002
      char const q = one_of(quotes);
      std::string s = secret(l6, "", "", without(value_enders, q) + "@/:", 2);
      line = fmt::format("{}={}{}\n", key, q, s);
      finding = fmt::format("an unterminated {}", q);
      break;
    }
    case 2: { // ENV003
      char const q = one_of(quotes);
      std::string s = secret(l6, "", std::string(1, q), without(value_enders, q), 1);
      line = fmt::format("{}={}{}{}\n", key, q, s, q);
      finding = fmt::format("text after the closing {}", q);
      break;
    }
    case 3: { // ENV004
      std::string s = secret(l6, "", std::string(1, '\0'), " \t@", 1);
      line = assign(key, s, quote_for(s));
      finding = "a NUL byte";
      break;
    }
    default: { // ENV005
      std::string s = secret(l6, "", std::string(1, one_of("\xff\xfe\x80\xc0")), " \t@", 1);
      line = assign(key, s, quote_for(s));
      finding = "invalid UTF-8";
      break;
    }
    }
    plantings.back().shape = fmt::format("`{}`", family);
    plantings.back().detail = fmt::format("`{}` with {}", key, finding);
    std::vector<std::string> lines{line};
    if (r_.percent(50)) // a fixable neighbour puts the line into --diff context
      lines.insert(first || r_.percent(50) ? lines.end() : lines.begin(), fixable_line(false));
    finish(lines, first);
  }

  // L7: keyword form with a quoted password holding spaces.
  void keyword_quoted_password() {
    endpoint const& e = an_endpoint();
    std::string const host(e.host.substr(0, e.host.find(':')));
    std::string value;
    char q = '\0';
    switch (r_.below(5)) {
    case 0: {
      std::string s = secret(l7, "password='a b' in a double-quoted value", " ", " \t`#@/:", 1);
      value = fmt::format("host={} user={} password='{}' dbname=app", host, e.user, s);
      q = '"';
      break;
    }
    case 1: {
      std::string s = secret(l7, "password=\"a b\" (not libpq quoting) in a single-quoted value",
                             " ", " \t`#@/:", 1);
      value = fmt::format("host={} user={} password=\"{}\" dbname=app", host, e.user, s);
      q = '\'';
      break;
    }
    case 2: {
      std::string s = secret(l7, "password='a b' in an unquoted value", " ", " \t`\"@/:", 1);
      value = fmt::format("host={} password='{}' user={} dbname=app", host, s, e.user);
      break;
    }
    case 3: {
      std::string s = secret(l7, "password = 'a b' (spaces around =)", " ", " \t@/:", 1);
      value = fmt::format("host={} user={} password = '{}' dbname=app", host, e.user, s);
      q = one_of("\"`");
      break;
    }
    default: {
      std::string s = secret(l7, "password='a\\'b c' (an escaped quote)", "' ", " @", 1);
      std::string escaped;
      for (char c : s)
        escaped += c == '\'' ? std::string("\\'") : std::string(1, c);
      also_written_as(escaped);
      value = fmt::format("host={} user={} password='{}' dbname=app", host, e.user, escaped);
      q = '"';
      break;
    }
    }
    std::string const var = r_.percent(50) ? std::string("DATABASE_URL") : std::string("PG_DSN");
    file().rewrite_input = value;
    file().rewrite_var = var;
    finish({assign(var, value, q)});
  }

  // U1: the password of a URL's userinfo.
  void userinfo_password() {
    endpoint const& e = an_endpoint();
    std::string written;
    switch (r_.below(4)) {
    case 0:
      written = secret(u1, "plain", "");
      break;
    case 1: {
      std::string s = secret(u1, "percent-encoded", std::string(1, one_of(" \t'\"`#@/:%?&=+$\n")),
                             " \t'\"`#@/:%?&=+$", 1);
      written = percent_encoded(s);
      also_written_as(written);
      break;
    }
    case 2:
      written = secret(u1, "raw `@`, `:` or `$`", std::string(1, one_of("@:")), "@:$!*", 1);
      break;
    default:
      written = secret(u1, "raw quote or backtick", std::string(1, one_of(quotes)), "", 0);
      break;
    }
    std::string value = a_url(fmt::format("{}:{}", e.user, written), e);
    if (r_.percent(30))
      value += "?sslmode=require";
    std::string const var(pick(url_variables));
    file().rewrite_input = value;
    file().rewrite_var = var;
    finish({assign(var, value, quote_for(value))});
  }

  // U2: `password=` in a URL's query.
  void query_password() {
    endpoint const& e = an_endpoint();
    std::string written;
    if (r_.percent(50)) {
      written = secret(u2, "plain", "");
    } else {
      std::string s = secret(u2, "percent-encoded", "", " \t'\"`#@/:%&=+", 2);
      written = percent_encoded(s);
      also_written_as(written);
    }
    std::vector<std::string> params{"password=" + written, "sslmode=require",
                                    "application_name=web"};
    for (std::size_t i = params.size(); i > 1; --i)
      std::swap(params[i - 1], params[r_.below(i)]);
    std::string value = a_url(e.user, e);
    switch (r_.below(4)) {
    case 0: // a second `?` (URL003)
      value += "?" + params[0] + "?" + params[1] + "&" + params[2];
      break;
    case 1: // the parameter twice (URL006)
      value += "?" + params[0] + "&" + params[1] + "&" + params[2] + "&password=" + written;
      break;
    default:
      value += "?" + params[0] + "&" + params[1] + "&" + params[2];
      break;
    }
    std::string const var(pick(url_variables));
    file().rewrite_input = value;
    file().rewrite_var = var;
    finish({assign(var, value, quote_for(value))});
  }

  // U3: keyword form.
  void keyword_password() {
    endpoint const& e = an_endpoint();
    std::string s = secret(u3, "", "", "@/:%!*", 2);
    static std::vector<std::string_view> const spellings{"password={}", "password = {}",
                                                         "password= {}", "password ={}"};
    std::string_view const spelling = pick(spellings);
    plantings.back().shape = fmt::format("`{}`", spelling);
    std::vector<std::string> words{fmt::format(fmt::runtime(spelling), s),
                                   fmt::format("host={}", e.host.substr(0, e.host.find(':'))),
                                   fmt::format("user={}", e.user), "dbname=app", "port=5432"};
    for (std::size_t i = words.size(); i > 1; --i)
      std::swap(words[i - 1], words[r_.below(i)]);
    std::string value;
    for (auto const& w : words)
      value += (value.empty() ? "" : " ") + w;
    static std::vector<std::string_view> const vars{"DATABASE_URL", "PG_DSN", "DATABASE_DSN",
                                                    "POSTGRES_DSN"};
    std::string const var(pick(vars));
    file().rewrite_input = value;
    file().rewrite_var = var;
    finish({assign(var, value, quote_for(value))});
  }

  // U4: a URL or keyword string naming several hosts.
  void multiple_hosts() {
    endpoint const& e = endpoints[r_.below(2)];
    std::string value;
    if (r_.percent(60)) {
      std::string written;
      if (r_.percent(50)) {
        written = secret(u4, "URL, plain", "");
      } else {
        std::string s = secret(u4, "URL, percent-encoded", "", " @/:#%", 2);
        written = percent_encoded(s);
        also_written_as(written);
      }
      value = fmt::format("{}{}:{}@{}:5432,replica.example.com:5433{}?target_session_attrs=any&{}",
                          pick(schemes), e.user, written, e.host, e.path, trouble('&'));
    } else {
      std::string s = secret(u4, "keyword, host=h1,h2", "", "@/:%", 1);
      value = fmt::format("host={},replica.example.com port=5432,5433 user={} password={} "
                          "dbname=app {}",
                          e.host, e.user, s, trouble(' '));
    }
    std::string const var(pick(url_variables));
    file().rewrite_input = value;
    file().rewrite_var = var;
    finish({assign(var, value, quote_for(value))});
  }
};

// ------------------------------------------------------------------------------------------------

std::uint64_t key_at(std::string_view s, std::size_t at) {
  std::uint64_t k = 0;
  std::memcpy(&k, s.data() + at, piece);
  return k;
}

/// Calls f(offset, key) for every `piece`-byte window inside an alphanumeric run of `s`.
template <class F> void each_window(std::string_view s, F&& f) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    run = is_alnum(s[i]) ? run + 1 : 0;
    if (run >= piece)
      f(i + 1 - piece, key_at(s, i + 1 - piece));
  }
}

std::string json_escaped(std::string_view s) {
  std::string d =
      nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return d.substr(1, d.size() - 2);
}

std::string github_escaped(std::string_view s) {
  std::string out;
  for (char c : s)
    out += c == '%'    ? std::string("%25")
           : c == '\r' ? std::string("%0D")
           : c == '\n' ? std::string("%0A")
                       : std::string(1, c);
  return out;
}

/// As the human reporter prints a source line: tabs as spaces, control bytes as `?`.
std::string as_shown(std::string_view s) {
  std::string out;
  for (unsigned char c : s)
    out += c == '\t' ? ' ' : (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  return out;
}

/// Finds planted secrets in output.
class detector {
public:
  explicit detector(std::vector<planting> const& p) : p_(p), filter_(filter_bits / 64, 0) {
    for (std::size_t i = 0; i < p.size(); ++i)
      each_window(p[i].secret, [&](std::size_t, std::uint64_t k) {
        auto [it, inserted] = windows_.try_emplace(k, static_cast<std::uint32_t>(i));
        if (!inserted && it->second != i)
          it->second = ambiguous; // two secrets share 8 bytes: neither is told by them
        auto const bit = slot(k);
        filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
      });
  }

  /// The plantings shown in `out`, each with the offset of its first shown piece.
  [[nodiscard]] std::map<std::size_t, std::size_t> find(std::string_view out) const {
    std::map<std::size_t, std::size_t> found;
    each_window(out, [&](std::size_t at, std::uint64_t k) {
      if (auto p = lookup(k); p != ambiguous)
        found.try_emplace(p, at);
    });
    return found;
  }

  /// `line` with every planted piece in it replaced by `<SECRET:class>`, control bytes escaped,
  /// clipped around the first secret.
  [[nodiscard]] std::string masked(std::string_view line) const {
    std::vector<std::uint32_t> owner(line.size(), ambiguous);
    each_window(line, [&](std::size_t at, std::uint64_t k) {
      if (auto p = lookup(k); p != ambiguous)
        std::fill(owner.begin() + static_cast<std::ptrdiff_t>(at),
                  owner.begin() + static_cast<std::ptrdiff_t>(at + piece), p);
    });
    std::string out;
    std::size_t first = std::string::npos;
    for (std::size_t i = 0; i < line.size();) {
      if (owner[i] != ambiguous) {
        if (first == std::string::npos)
          first = out.size();
        out += fmt::format("<SECRET:{}>", positions[p_[owner[i]].where].id);
        std::size_t const who = owner[i];
        while (i < line.size() && owner[i] == who)
          ++i;
        continue;
      }
      auto const c = static_cast<unsigned char>(line[i++]);
      out += c == '\t'                 ? std::string("\\t")
             : c == '\r'               ? std::string("\\r")
             : (c < 0x20 || c >= 0x7f) ? fmt::format("\\x{:02x}", c)
                                       : std::string(1, static_cast<char>(c));
    }
    constexpr std::size_t width = 180;
    if (out.size() > width) {
      std::size_t const start = first != std::string::npos && first > 60 ? first - 60 : 0;
      out = (start > 0 ? "..." : "") + out.substr(start, width) +
            (start + width < out.size() ? "..." : "");
    }
    return out;
  }

  /// How much of planting `i` `out` shows: "whole" (in some spelling), "a line" of a multi-line
  /// secret, or "a piece".
  [[nodiscard]] std::string_view how_much(std::size_t i, std::string_view out) const {
    planting const& p = p_[i];
    std::vector<std::string> spellings = p.forms;
    spellings.push_back(p.secret);
    spellings.push_back(json_escaped(p.secret));
    spellings.push_back(github_escaped(p.secret));
    spellings.push_back(as_shown(p.secret));
    spellings.push_back(percent_encoded(p.secret));
    for (auto const& s : spellings)
      if (out.find(s) != std::string_view::npos)
        return "whole";
    if (p.secret.find('\n') != std::string::npos) {
      std::size_t start = 0;
      while (start < p.secret.size()) {
        std::size_t const end = std::min(p.secret.find('\n', start), p.secret.size());
        if (out.find(std::string_view(p.secret).substr(start, end - start)) !=
            std::string_view::npos)
          return "a line";
        start = end + 1;
      }
    }
    return "a piece";
  }

private:
  static constexpr std::uint32_t ambiguous = UINT32_MAX;
  static constexpr std::size_t filter_bits = std::size_t{1} << 22;

  static std::size_t slot(std::uint64_t k) {
    return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ULL) >> 42);
  }

  [[nodiscard]] std::uint32_t lookup(std::uint64_t k) const {
    auto const bit = slot(k);
    if ((filter_[bit / 64] & (std::uint64_t{1} << (bit % 64))) == 0)
      return ambiguous;
    auto it = windows_.find(k);
    return it == windows_.end() ? ambiguous : it->second;
  }

  std::vector<planting> const& p_;
  std::unordered_map<std::uint64_t, std::uint32_t> windows_;
  std::vector<std::uint64_t> filter_;
};

// ------------------------------------------------------------------------------------------------

/// One run of the binary and what to look at.
struct run_spec {
  std::string label; // the command and format, as the report names it
  std::vector<std::string> args;
  std::string stdin_text;
  std::vector<std::size_t> files; // whose secrets the run was given
  bool look_at_out = true;
  bool out_only_on_failure = false; // rewrite: stdout is the URL asked for, masked only by choice
  bool unprivileged = false;
  fs::path owned; // for an unprivileged run
  fs::path cwd;   // where it runs, when not in the harness's folder
  /// The environment it runs in (`check --env`), when not the harness's own.
  std::vector<std::pair<std::string, std::string>> environment;
};

struct leak {
  std::size_t planting;
  std::string command;
  std::string stream;
  std::string_view how_much;
  std::string context;
};

struct tally {
  std::size_t seen = 0;
  std::size_t leaked = 0;
  std::map<std::string_view, std::size_t> by_extent;
  std::vector<leak> examples;
};

class harness {
public:
  harness(generator const& g, std::uint64_t seed, fs::path cwd)
      : g_(g), seed_(seed), detect_(g.plantings), cwd_(std::move(cwd)),
        leaked_(g.plantings.size(), false) {
    for (std::size_t i = 0; i < g.plantings.size(); ++i)
      by_file_.emplace(g.plantings[i].file, i);
  }

  void run(run_spec const& s) {
    fs::path const& cwd = s.cwd.empty() ? cwd_ : s.cwd;
    run_result const r =
        !s.environment.empty() ? run_poolcheck_in_environment(s.environment, s.args, cwd)
        : s.unprivileged       ? run_poolcheck_unprivileged(s.owned, s.args, s.stdin_text, cwd)
                               : run_poolcheck(s.args, s.stdin_text, cwd);
    ++runs_;
    std::size_t const column = column_of(s.label);
    if (r.exit_code < 0 || r.exit_code > 2) {
      FAIL_CHECK(
          fmt::format("`{}` ended with status {} (a crash?)", shown_command(s), r.exit_code));
    }
    std::set<std::size_t> shown;
    auto look = [&](std::string_view stream, std::string const& text) {
      for (auto const& [p, at] : detect_.find(text)) {
        if (!shown.insert(p).second)
          continue;
        auto& t = tallies_[g_.plantings[p].where][column];
        std::string_view const extent = detect_.how_much(p, text);
        ++t.by_extent[extent];
        leaked_[p] = true;
        if (t.examples.empty()) {
          std::size_t const begin =
              text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
          std::size_t const end = std::min(text.find('\n', at), text.size());
          t.examples.push_back({p, shown_command(s), std::string(stream), extent,
                                detect_.masked(std::string_view(text).substr(begin, end - begin))});
        }
      }
    };
    if (s.look_at_out && (!s.out_only_on_failure || r.exit_code != 0))
      look("stdout", r.out);
    look("stderr", r.err);
    for (std::size_t f : s.files) {
      auto [from, to] = by_file_.equal_range(f);
      for (auto it = from; it != to; ++it) {
        auto& t = tallies_[g_.plantings[it->second].where][column];
        ++t.seen;
        t.leaked += shown.count(it->second);
      }
    }
  }

  /// How many planted secrets of each class these runs show, together (for --show-secrets).
  [[nodiscard]] std::array<std::size_t, position_count>
  revealed(std::vector<std::vector<std::string>> const& runs) const {
    std::set<std::size_t> shown;
    for (auto const& args : runs) {
      run_result const r = run_poolcheck(args, "", cwd_);
      for (auto const& [p, at] : detect_.find(r.out))
        shown.insert(p);
    }
    std::array<std::size_t, position_count> out{};
    for (std::size_t p : shown)
      ++out[g_.plantings[p].where];
    return out;
  }

  /// The counts per class and shape (a warning, always printed), then for each class that leaked
  /// one failed check: its counts per command and an example line of each command's output.
  void report() const {
    std::string summary = fmt::format(
        "leak fuzzer, seed {:#x}: {} files, {} secrets, {} runs of poolcheck; {} secrets shown\n"
        "class secrets shown\n",
        seed_, g_.files.size(), g_.plantings.size(), runs_,
        std::count(leaked_.begin(), leaked_.end(), true));
    std::array<std::string, position_count> shapes;
    std::array<std::size_t, position_count> planted{};
    std::array<std::size_t, position_count> shown{};
    for (std::size_t c = 0; c < position_count; ++c) {
      std::map<std::string, std::pair<std::size_t, std::size_t>> by_shape; // shown, planted
      for (std::size_t i = 0; i < g_.plantings.size(); ++i) {
        if (g_.plantings[i].where != c)
          continue;
        auto& [shape_shown, shape_planted] = by_shape[g_.plantings[i].shape];
        ++planted[c];
        ++shape_planted;
        shown[c] += leaked_[i] ? 1 : 0;
        shape_shown += leaked_[i] ? 1 : 0;
      }
      for (auto const& [shape, n] : by_shape)
        shapes[c] +=
            fmt::format("\n    {:>4}/{:<4} {}", n.first, n.second, shape.empty() ? "-" : shape);
      summary += fmt::format("{:<5} {:>7} {:>5}  {}{}\n", positions[c].id, planted[c], shown[c],
                             positions[c].what, shown[c] > 0 ? shapes[c] : "");
    }
    WARN(summary);
    for (std::size_t c = 0; c < position_count; ++c) {
      std::string counts;
      std::string examples;
      std::set<std::string> contexts;
      std::map<std::string_view, std::size_t> extents;
      for (auto const& [col, t] : tallies_[c]) {
        if (t.leaked == 0)
          continue;
        counts += fmt::format("\n    {:>4}/{:<4} {}", t.leaked, t.seen, labels_[col]);
        for (auto const& [extent, n] : t.by_extent)
          extents[extent] += n;
        for (auto const& e : t.examples) {
          if (!contexts.insert(e.context).second)
            continue;
          planting const& p = g_.plantings[e.planting];
          examples +=
              fmt::format("\n  {} of `{}`: {} secret [{}{}{}]:\n    {}", e.stream, e.command,
                          e.how_much, p.shape, p.detail.empty() ? "" : "; ", p.detail, e.context);
        }
      }
      if (counts.empty())
        continue;
      std::string extent_text;
      std::size_t outputs = 0;
      for (auto const& [extent, n] : extents) {
        extent_text += fmt::format("{}{} {}", extent_text.empty() ? "" : ", ", n, extent);
        outputs += n;
      }
      FAIL_CHECK(fmt::format("{}: {} of {} secrets shown, in {} outputs ({})\n  {}\n  by shape "
                             "(shown/planted):{}\n  by command (shown/given):{}\n  an example "
                             "of each command's output (distinct lines; <SECRET:{}> masks the "
                             "secret):{}",
                             positions[c].id, shown[c], planted[c], outputs, extent_text,
                             positions[c].what, shapes[c], counts, positions[c].id, examples));
    }
  }

private:
  generator const& g_;
  std::uint64_t seed_;
  detector detect_;
  fs::path cwd_;
  std::vector<bool> leaked_;
  std::multimap<std::size_t, std::size_t> by_file_;
  std::vector<std::string> labels_;
  std::array<std::map<std::size_t, tally>, position_count> tallies_;
  std::size_t runs_ = 0;

  std::size_t column_of(std::string const& label) {
    auto it = std::find(labels_.begin(), labels_.end(), label);
    if (it != labels_.end())
      return static_cast<std::size_t>(it - labels_.begin());
    labels_.push_back(label);
    return labels_.size() - 1;
  }

  [[nodiscard]] std::string shown_command(run_spec const& s) const {
    std::string out = "poolcheck";
    for (auto const& a : s.args)
      out += " " + detect_.masked(a);
    return out + (s.stdin_text.empty() ? "" : " <input");
  }
};

/// The entries dotenv reads from `text`: name and value.
std::vector<std::pair<std::string, std::string>> entries_of(std::string const& text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto const& e : env::parse(text).entries)
    out.emplace_back(std::string(e.name), std::string(e.logical_value));
  return out;
}

/// Whether `text` reads the same after other text (a BOM, for one, is read only at the start).
bool reads_alike_after_text(std::string const& text) {
  static std::string const before = "BEFORE=1\n";
  auto expected = entries_of(before);
  auto own = entries_of(text);
  expected.insert(expected.end(), own.begin(), own.end());
  return entries_of(before + text) == expected;
}

/// `files` as stdin inputs that read as their files do one after another (a quote one file leaves
/// open could close in a later one): the whole, or its halves, and so on.
void split_until_alike(std::vector<case_file> const& all, std::vector<std::size_t> const& files,
                       std::vector<std::vector<std::size_t>>& inputs) {
  std::string text;
  std::vector<std::pair<std::string, std::string>> expected;
  for (std::size_t f : files) {
    text += all[f].text;
    auto own = entries_of(all[f].text);
    expected.insert(expected.end(), own.begin(), own.end());
  }
  if (files.size() <= 1 || entries_of(text) == expected) {
    inputs.push_back(files);
    return;
  }
  auto const middle = files.begin() + static_cast<std::ptrdiff_t>(files.size() / 2);
  split_until_alike(all, {files.begin(), middle}, inputs);
  split_until_alike(all, {middle, files.end()}, inputs);
}

std::vector<std::size_t> every_file(std::size_t n, std::size_t step = 1, std::size_t first = 0) {
  std::vector<std::size_t> out;
  for (std::size_t i = first; i < n; i += step)
    out.push_back(i);
  return out;
}

void copy_files(fs::path const& from, fs::path const& to, std::vector<case_file> const& files,
                std::vector<std::size_t> const& which) {
  fs::create_directories(to);
  for (std::size_t i : which)
    fs::copy_file(from / files[i].name, to / files[i].name);
}

/// `text` in a double-quoted YAML scalar, or (`unicode_escapes`) a TOML basic string or a JSON
/// string, which escape a control byte as `\u00NN`.
std::string double_quoted(std::string_view text, bool unicode_escapes) {
  std::string out = "\"";
  for (char c : text) {
    auto const u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\')
      out += fmt::format("\\{}", c);
    else if (u < 0x20 || u == 0x7f)
      out += unicode_escapes ? fmt::format("\\u{:04x}", u) : fmt::format("\\x{:02x}", u);
    else
      out += c;
  }
  return out + "\"";
}

/// The variables of a generated .env file in deployment files: what dotenv reads from it, written
/// in each format's quoting.
struct deployment_files {
  std::string compose, fly, wrangler, dockerfile;
};

deployment_files as_deployment_files(std::string const& env_text) {
  deployment_files out{"services:\n  app:\n    environment:\n", "app = \"x\"\n\n[env]\n",
                       "{\n  // generated\n  \"vars\": {\n", "FROM node:22\n"};
  env::document const doc = env::parse(env_text);
  for (entry const& e : doc.entries) {
    out.compose += "      " + double_quoted(e.name, false) + ": " +
                   double_quoted(e.logical_value, false) + "\n";
    out.fly +=
        "  " + double_quoted(e.name, true) + " = " + double_quoted(e.logical_value, true) + "\n";
    out.wrangler +=
        "    " + double_quoted(e.name, true) + ": " + double_quoted(e.logical_value, true) + ",\n";
    // A Dockerfile value in double quotes: `\` escapes `"`, `\` and `$`; no line break fits.
    if (std::none_of(e.logical_value.begin(), e.logical_value.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
      std::string value;
      for (char c : e.logical_value)
        value += c == '"' || c == '\\' || c == '$' ? std::string("\\") + c : std::string(1, c);
      out.dockerfile += "ENV " + std::string(e.name) + "=\"" + value + "\"\n";
    }
  }
  out.wrangler += "  },\n}\n";
  return out;
}

} // namespace

TEST_CASE("no output of any command shows a planted secret", "[leak][secrets]") {
  std::uint64_t const seed = from_environment("POOLCHECK_LEAK_SEED", default_seed);
  std::size_t const file_count = from_environment("POOLCHECK_LEAK_FILES", default_file_count);
  generator g(seed);
  for (std::size_t i = 0; i < file_count; ++i)
    g.add_file(static_cast<position>(i % position_count));
  temp_dir dir;
  for (auto const& f : g.files)
    dir.write("files/" + f.name, f.text);
  harness h(g, seed, dir.path);
  std::vector<std::size_t> const all = every_file(g.files.size());

  // The detector sees what --show-secrets prints: a harness that finds nothing finds no leak.
  auto const revealed =
      h.revealed({{"check", "--no-config", "--show-secrets", "files"},
                  {"check", "--no-config", "--show-secrets", "--diff", "--unsafe-fixes", "files"}});
  for (std::size_t c = 0; c < position_count; ++c) {
    INFO(positions[c].id << " secrets that --show-secrets shows: " << revealed[c]);
    CHECK(revealed[c] * 2 > g.plantings.size() / position_count);
  }

  // Every file, one run per command and format.
  std::vector<std::vector<std::string>> const folder_runs{
      {"check"},
      {"check", "--format", "json"},
      {"check", "--format", "sarif"},
      {"check", "--format", "github"},
      {"check", "--statistics"},
      {"check", "-q"},
      {"check", "--client", "prisma", "--color", "always"},
      {"check", "--client", "libpq", "--format", "json"},
      {"check", "--client", "asyncpg", "--target", "server", "--format", "sarif"},
      {"check", "--diff"},
      {"check", "--diff", "--unsafe-fixes", "--client", "prisma"},
      {"check", "--diff", "--unsafe-fixes", "--client", "libpq", "--target", "server"},
  };
  for (auto const& args : folder_runs) {
    run_spec s;
    s.label = fmt::format("{}", fmt::join(args, " "));
    s.args = args;
    s.args.insert(s.args.begin() + 1, "--no-config");
    s.args.push_back("files");
    s.files = all;
    h.run(s);
  }
  // The same variables in deployment files, a fifth of the files: a Compose file, a fly.toml, a
  // wrangler.jsonc and a Dockerfile per .env file, each format's quoting around the same values.
  {
    std::vector<std::size_t> const sample = every_file(g.files.size(), 5, 2);
    for (std::size_t i : sample) {
      auto const files = as_deployment_files(g.files[i].text);
      dir.write(fmt::format("deployment/docker-compose.{}.yml", i), files.compose);
      dir.write(fmt::format("deployment/fly.{}.toml", i), files.fly);
      dir.write(fmt::format("deployment/{}/wrangler.jsonc", i), files.wrangler);
      dir.write(fmt::format("deployment/{}/Dockerfile", i), files.dockerfile);
    }
    // What --show-secrets shows of them: runs that read nothing would find no leak.
    auto const shown = h.revealed({{"check", "--no-config", "--show-secrets", "--diff",
                                    "--unsafe-fixes", "--target", "serverless", "deployment"}});
    CHECK(shown[u1] + shown[u2] + shown[u3] > 0);
    for (auto const& args : std::vector<std::vector<std::string>>{
             {"check"},
             {"check", "--format", "json"},
             {"check", "--format", "sarif"},
             {"check", "--format", "github"},
             {"check", "--diff"},
             {"check", "--diff", "--unsafe-fixes", "--client", "prisma", "--target", "serverless"},
         }) {
      run_spec s;
      s.label = fmt::format("{} (deployment files)", fmt::join(args, " "));
      s.args = args;
      s.args.insert(s.args.begin() + 1, "--no-config");
      s.args.push_back("deployment");
      s.files = sample;
      h.run(s);
    }
  }

  // --fix writes the files (their new text holds the secrets by right): only what it prints. Each
  // write is synced, so a tenth of the files, a different tenth each (`--fix -` gets half).
  std::size_t offset = 0;
  for (auto const& args : std::vector<std::vector<std::string>>{
           {"check", "--fix"},
           {"check", "--fix", "--unsafe-fixes", "--client", "prisma", "--format", "json"}}) {
    std::string const folder = fmt::format("fixed{}", offset);
    run_spec s;
    s.files = every_file(g.files.size(), 10, offset);
    copy_files(dir.path / "files", dir.path / folder, g.files, s.files);
    s.label = fmt::format("{}", fmt::join(args, " "));
    s.args = args;
    s.args.insert(s.args.begin() + 1, "--no-config");
    s.args.push_back(folder);
    h.run(s);
    offset += 5;
  }

  // stdin, for half the files (every other round of the classes; the reporters are those the
  // folder runs ran): files that read the same after others share one input; the others (a BOM) go
  // alone, a few of each class.
  std::vector<std::vector<std::size_t>> chunks(1);
  std::array<std::size_t, position_count> alone_taken{};
  std::vector<std::size_t> alone;
  for (std::size_t i = 0; i < g.files.size(); ++i) {
    if ((i / position_count) % 2 != 0)
      continue;
    if (reads_alike_after_text(g.files[i].text)) {
      if (chunks.back().size() == 400)
        chunks.emplace_back();
      chunks.back().push_back(i);
    } else if (alone_taken[g.files[i].where]++ < 3) {
      alone.push_back(i);
    }
  }
  std::vector<std::vector<std::size_t>> batches;
  for (auto const& chunk : chunks)
    split_until_alike(g.files, chunk, batches);

  struct stdin_command {
    std::vector<std::string> args;
    bool out; // --fix -: stdout is the fixed file itself
  };

  std::vector<stdin_command> const stdin_commands{
      {{"check"}, true},
      {{"check", "--format", "json"}, true},
      {{"check", "--format", "sarif"}, true},
      {{"check", "--format", "github"}, true},
      {{"check", "--diff", "--unsafe-fixes"}, true},
      {{"check", "--fix"}, false},
      {{"check", "--fix", "--unsafe-fixes", "--client", "prisma", "--format", "github"}, false},
  };
  auto run_stdin = [&](stdin_command const& c, std::vector<std::size_t> const& files) {
    run_spec s;
    s.label = fmt::format("{} -", fmt::join(c.args, " "));
    s.args = c.args;
    s.args.insert(s.args.begin() + 1, "--no-config");
    s.args.push_back("-");
    for (std::size_t f : files)
      s.stdin_text += g.files[f].text;
    s.files = files;
    s.look_at_out = c.out;
    h.run(s);
  };
  for (auto const& batch : batches)
    for (auto const& c : stdin_commands)
      run_stdin(c, batch);
  for (std::size_t f : alone)
    for (std::size_t c : {0, 4, 5})
      run_stdin(stdin_commands[c], {f});

  // rewrite: eight connection strings of each class, as an argument and on stdin, under the
  // variables, clients and targets in turn. Its stdout is the URL asked for, so only stderr (and
  // stdout when it fails) must not show the secret.
  struct rewrite_option {
    std::string_view var; // empty: the file's variable
    std::vector<std::string> more;
  };

  std::vector<rewrite_option> const rewrite_options{
      {"", {}},
      {"DIRECT_URL", {}},
      {"", {"--client", "prisma"}},
      {"", {"--client", "libpq"}},
      {"", {"--client", "asyncpg", "--target", "server"}},
      {"DIRECT_URL", {"--client", "prisma"}},
      {"DATABASE_URL", {"--client", "node-postgres"}},
  };
  std::array<std::size_t, position_count> rewritten{};
  std::size_t turn = 0;
  for (std::size_t i = 0; i < g.files.size(); ++i) {
    case_file const& f = g.files[i];
    if (f.rewrite_input.empty() || rewritten[f.where]++ >= 8)
      continue;
    ++turn;
    bool const from_stdin = turn % 2 == 0 || f.rewrite_input.find('\0') != std::string::npos;
    auto const& option = rewrite_options[(turn / 2) % rewrite_options.size()];
    run_spec s;
    s.args = {"rewrite", "--no-config", "--var",
              option.var.empty() ? f.rewrite_var : std::string(option.var)};
    s.args.insert(s.args.end(), option.more.begin(), option.more.end());
    s.args.push_back(from_stdin ? "-" : f.rewrite_input);
    s.label = from_stdin ? "rewrite -" : "rewrite URL";
    if (from_stdin)
      s.stdin_text = f.rewrite_input + "\n";
    s.files = {i};
    s.out_only_on_failure = true;
    h.run(s);
  }

  // The environment (`check --env`): each variable of a file set as the file's text reads it, six
  // files of each class, in turn in every format; once as --env chooses, once every variable named.
  {
    std::vector<std::vector<std::string>> const env_formats{
        {}, {"--format", "json"}, {"--format", "sarif"}, {"--format", "github"}};
    std::array<std::size_t, position_count> taken{};
    std::size_t env_turn = 0;
    for (std::size_t i = 0; i < g.files.size(); ++i) {
      case_file const& f = g.files[i];
      if (taken[f.where]++ >= 6)
        continue;
      env::document const doc = env::parse(f.text);
      run_spec s;
      std::string names;
      for (entry const& e : doc.entries) {
        if (e.logical_value.find('\0') != std::string_view::npos)
          continue; // no environment can hold it
        s.environment.emplace_back(e.name, e.logical_value);
        names += (names.empty() ? "" : ",") + std::string(e.name);
      }
      if (s.environment.empty())
        continue;
      if (f.where == u1 && taken[u1] == 1) {
        // The detector sees what --show-secrets prints here too: runs that checked nothing would
        // find no leak.
        run_result const shown = run_poolcheck_in_environment(
            s.environment, {"check", "--no-config", "--show-secrets", "--env=" + names});
        auto const planted = std::find_if(g.plantings.begin(), g.plantings.end(),
                                          [&](planting const& p) { return p.file == i; });
        REQUIRE(planted != g.plantings.end());
        CHECK(shown.out.find(planted->secret) != std::string::npos);
      }
      auto const& format = env_formats[env_turn++ % env_formats.size()];
      for (bool every : {false, true}) {
        s.args = {"check", "--no-config", every ? "--env=" + names : "--env"};
        s.args.insert(s.args.end(), format.begin(), format.end());
        s.label = fmt::format("check {}{}", every ? "--env=NAMES" : "--env",
                              format.empty() ? "" : " " + format.back());
        s.files = {i};
        h.run(s);
      }
    }
  }

  // The git hook checks the staged version of staged files: a sample of every class.
  {
    fs::path const repo = dir.path / "repo";
    copy_files(dir.path / "files", repo, g.files, every_file(g.files.size(), 23));
    std::string const git =
        "cd " + shell_quote(repo.string()) + " && git init -q . && git add . >/dev/null 2>&1";
    if (std::system(git.c_str()) == 0) {
      run_spec s;
      s.label = "hook run";
      s.args = {"hook", "run", "--no-config"};
      s.files = every_file(g.files.size(), 23);
      s.cwd = repo;
      h.run(s);
    } else {
      WARN("git is not usable here: the hook run is left out");
    }
  }

  // Error paths: files that cannot be read beside ones that can, a --fix that cannot write, a
  // check that runs out of memory, rewrite given what is not a PostgreSQL URL.
  {
    fs::path const locked = dir.path / "locked";
    copy_files(dir.path / "files", locked, g.files, every_file(g.files.size(), 31));
    for (std::size_t i = 0; i < g.files.size(); i += 62)
      ::chmod((locked / g.files[i].name).c_str(), 0);
    run_spec s;
    s.label = "check (some files unreadable)";
    s.args = {"check", "--no-config", "locked"};
    s.files = every_file(g.files.size(), 31);
    s.unprivileged = true;
    s.owned = locked;
    h.run(s);
  }
  {
    fs::path const read_only = dir.path / "read-only";
    copy_files(dir.path / "files", read_only, g.files, every_file(g.files.size(), 29));
    ::chmod(read_only.c_str(), 0555);
    run_spec s;
    s.label = "check --fix (read-only folder)";
    s.args = {"check", "--no-config", "--fix", "read-only"};
    s.files = every_file(g.files.size(), 29);
    s.unprivileged = true;
    s.owned = read_only;
    h.run(s);
    ::chmod(read_only.c_str(), 0755);
  }
  {
    copy_files(dir.path / "files", dir.path / "out-of-memory", g.files,
               every_file(g.files.size(), 37));
    ::setenv("POOLCHECK_FAULT", "check-out-of-memory", 1);
    run_spec s;
    s.label = "check (POOLCHECK_FAULT=check-out-of-memory)";
    s.args = {"check", "--no-config", "out-of-memory"};
    s.files = every_file(g.files.size(), 37);
    h.run(s);
    ::unsetenv("POOLCHECK_FAULT");
  }
  {
    std::size_t tried = 0;
    for (std::size_t i = 0; i < g.files.size() && tried < 4; ++i) {
      case_file const& f = g.files[i];
      auto const scheme_end = f.rewrite_input.find("://");
      if ((f.where != u1 && f.where != u2) || scheme_end == std::string::npos)
        continue;
      std::string const other =
          (tried % 2 == 0 ? "mysql" : "prisma+postgres") + f.rewrite_input.substr(scheme_end);
      run_spec s;
      s.label = "rewrite (not a PostgreSQL URL)";
      s.args = {"rewrite", "--no-config", tried % 4 < 2 ? other : "-"};
      if (s.args.back() == "-")
        s.stdin_text = other + "\n";
      s.files = {i};
      h.run(s);
      ++tried;
    }
  }

  {
    // A connection string where a path goes (`check` is the default command), and one with a
    // space, unquoted, that the shell splits into several arguments of `rewrite`.
    std::array<std::size_t, position_count> as_path{};
    std::array<std::size_t, position_count> split{};
    for (std::size_t i = 0; i < g.files.size(); ++i) {
      case_file const& f = g.files[i];
      if (f.rewrite_input.empty() || f.rewrite_input.find('\0') != std::string::npos)
        continue;
      auto const space = f.rewrite_input.find(' ');
      if (as_path[f.where] < 2) {
        ++as_path[f.where];
        run_spec s;
        s.label = "check URL (a connection string where a path goes)";
        s.args = {"--no-config", f.rewrite_input};
        s.files = {i};
        h.run(s);
      } else if (split[f.where] < 3 && space != std::string::npos) {
        ++split[f.where];
        run_spec s;
        s.label = "rewrite URL with a space, split by the shell";
        s.args = {"rewrite", "--no-config"};
        for (std::size_t at = 0; at < f.rewrite_input.size();) {
          std::size_t const end =
              std::min(f.rewrite_input.find_first_of(" \t\n", at), f.rewrite_input.size());
          if (end > at)
            s.args.push_back(f.rewrite_input.substr(at, end - at));
          at = end + 1;
        }
        s.files = {i};
        h.run(s);
      }
    }
  }

  h.report();
}

} // namespace poolcheck::test
