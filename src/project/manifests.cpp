// Other ecosystems' manifests: the TOML ones through toml++ (its parse errors caught here), the
// others line by line, and the client their drivers imply.
#include "project/manifests.hpp"

#include "core/toml.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace poolcheck::project {

std::string_view to_string(driver d) {
  switch (d) {
  case driver::psycopg2:
    return "psycopg2";
  case driver::psycopg:
    return "psycopg";
  case driver::asyncpg:
    return "asyncpg";
  case driver::sqlalchemy:
    return "SQLAlchemy";
  case driver::django:
    return "Django";
  case driver::prisma:
    return "Prisma";
  case driver::pgx:
    return "pgx";
  case driver::lib_pq:
    return "lib/pq";
  case driver::ruby_pg:
    return "pg";
  case driver::sqlx:
    return "sqlx";
  case driver::tokio_postgres:
    return "tokio-postgres";
  case driver::rust_postgres:
    return "postgres";
  case driver::diesel:
    return "diesel";
  case driver::deadpool_postgres:
    return "deadpool-postgres";
  case driver::jdbc:
    return "PostgreSQL JDBC";
  }
  return "?";
}

engine::client client_for(driver d) {
  switch (d) {
  case driver::psycopg2:
  case driver::psycopg:
  case driver::ruby_pg:
    return engine::client::libpq; // libpq rejects a URI parameter it does not know
  case driver::asyncpg:
    return engine::client::asyncpg;
  case driver::prisma:
    return engine::client::prisma;
  default:
    return engine::client::unknown;
  }
}

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && blank(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && blank(s.back()))
    s.remove_suffix(1);
  return s;
}

/// Calls `visit(number, line)` for each line (1-based, without its `\n`).
template <class F> void for_each_line(std::string_view text, F&& visit) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos)
      end = text.size();
    visit(++n, text.substr(pos, end - pos));
    pos = end + 1;
  }
}

std::string_view without_bom(std::string_view text) {
  return starts_with(text, "\xEF\xBB\xBF") ? text.substr(3) : text;
}

// --- Python ---

/// PEP 503's normal form: lower case, each run of `-`, `_` and `.` one `-`.
std::string pep503(std::string_view name) {
  std::string out;
  for (char c : name) {
    bool const separator = c == '-' || c == '_' || c == '.';
    if (separator && !out.empty() && out.back() == '-')
      continue;
    out += separator ? '-' : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

/// A PEP 508 requirement's name as written: what precedes its extras, version specifiers, markers
/// or `@ url`; empty when that is no valid name (a path, a URL, an option).
std::string_view pep508_name(std::string_view spec) {
  spec = trim(spec);
  std::size_t n = 0;
  while (n < spec.size() &&
         std::string_view("[<>=!~;@( \t,").find(spec[n]) == std::string_view::npos)
    ++n;
  std::string_view const name = spec.substr(0, n);
  if (name.empty() || !alnum(name.front()) || !alnum(name.back()))
    return {};
  for (char c : name)
    if (!alnum(c) && c != '-' && c != '_' && c != '.')
      return {};
  return name;
}

std::optional<driver> python_driver(std::string_view name) {
  std::string const n = pep503(name);
  if (n == "psycopg2" || n == "psycopg2-binary")
    return driver::psycopg2;
  if (n == "psycopg" || n == "psycopg-binary" || n == "psycopg-c")
    return driver::psycopg;
  if (n == "asyncpg")
    return driver::asyncpg;
  if (n == "sqlalchemy")
    return driver::sqlalchemy;
  if (n == "django")
    return driver::django;
  if (n == "prisma")
    return driver::prisma;
  return std::nullopt;
}

/// The document, or nullopt when it is not TOML. Each non-ASCII byte is read as `?` first, so
/// that a document whose only fault is its encoding (Latin-1 in a description) is read: the names
/// read here are ASCII, a string or comment stays one, and the lines stand.
std::optional<toml::table> parse_toml(std::string_view text) {
  std::string ascii(without_bom(text));
  for (char& c : ascii)
    if (static_cast<unsigned char>(c) >= 0x80)
      c = '?';
  try {
    return toml::parse(ascii);
  } catch (toml::parse_error const&) {
    return std::nullopt;
  }
}

std::size_t line_of(toml::node const& n) {
  return n.source().begin.line;
}

/// The PEP 508 strings of an array (other elements, such as PEP 735's `{include-group = ...}`,
/// are skipped).
void requirements_in(toml::node const* array, file_kind kind, std::vector<found_driver>& out) {
  if (!array || !array->is_array())
    return;
  for (auto const& item : *array->as_array()) {
    if (!item.is_string())
      continue;
    std::string_view const name = pep508_name(item.as_string()->get());
    if (auto d = python_driver(name))
      out.push_back({*d, origin{kind, line_of(item), std::string(name)}});
  }
}

/// The same for each array of a table of them (`optional-dependencies`, `dependency-groups`).
void requirement_groups_in(toml::node const* groups, file_kind kind,
                           std::vector<found_driver>& out) {
  if (!groups || !groups->is_table())
    return;
  for (auto const& [group, array] : *groups->as_table())
    requirements_in(&array, kind, out);
}

/// The line of a table's key, else of its value.
std::size_t key_line(toml::key const& key, toml::node const& value) {
  std::size_t const line = key.source().begin.line;
  return line > 0 ? line : line_of(value);
}

/// Poetry's dependency tables: the keys name the packages.
void poetry_table(toml::node const* table, std::vector<found_driver>& out) {
  if (!table || !table->is_table())
    return;
  for (auto const& [key, value] : *table->as_table())
    if (auto d = python_driver(key.str()))
      out.push_back(
          {*d, origin{file_kind::pyproject_toml, key_line(key, value), std::string(key.str())}});
}

toml::node const* at(toml::node const* n, std::string_view key) {
  return n && n->is_table() ? n->as_table()->get(key) : nullptr;
}

void in_file_order(std::vector<found_driver>& found) {
  std::stable_sort(found.begin(), found.end(), [](found_driver const& a, found_driver const& b) {
    return a.at.line < b.at.line;
  });
}

// --- Rust ---

std::optional<driver> rust_driver(std::string_view crate) {
  std::string n;
  for (char c : crate)
    n += c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (n == "sqlx")
    return driver::sqlx;
  if (n == "tokio-postgres")
    return driver::tokio_postgres;
  if (n == "postgres")
    return driver::rust_postgres;
  if (n == "diesel")
    return driver::diesel;
  if (n == "deadpool-postgres")
    return driver::deadpool_postgres;
  if (n == "prisma-client-rust")
    return driver::prisma;
  return std::nullopt;
}

void cargo_table(toml::node const* table, std::vector<found_driver>& out) {
  if (!table || !table->is_table())
    return;
  for (auto const& [key, value] : *table->as_table()) {
    std::string_view crate = key.str();
    if (auto const* package = at(&value, "package"); package && package->is_string())
      crate = package->as_string()->get();
    if (auto d = rust_driver(crate))
      out.push_back(
          {*d, origin{file_kind::cargo_toml, key_line(key, value), std::string(key.str())}});
  }
}

void cargo_sections(toml::node const* parent, std::vector<found_driver>& out) {
  for (std::string_view section : {"dependencies", "dev-dependencies", "build-dependencies"})
    cargo_table(at(parent, section), out);
}

// --- Go ---

std::optional<driver> go_driver(std::string_view path) {
  if (path == "github.com/jackc/pgx")
    return driver::pgx;
  constexpr std::string_view major = "github.com/jackc/pgx/v"; // v4, v5
  if (starts_with(path, major) && path.size() > major.size() &&
      std::all_of(path.begin() + major.size(), path.end(),
                  [](char c) { return c >= '0' && c <= '9'; }))
    return driver::pgx;
  if (path == "github.com/lib/pq")
    return driver::lib_pq;
  if (path == "github.com/steebchen/prisma-client-go")
    return driver::prisma;
  return std::nullopt;
}

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < line.size()) {
    while (pos < line.size() && blank(line[pos]))
      ++pos;
    std::size_t const start = pos;
    while (pos < line.size() && !blank(line[pos]))
      ++pos;
    if (pos > start)
      out.push_back(line.substr(start, pos - start));
  }
  return out;
}

// --- JVM ---

/// `text` with each comment's bytes but its newlines turned into spaces: XML's `<!-- -->`, or the
/// `//` and `/* */` of Groovy and Kotlin (outside their strings), so that line numbers stand.
std::string without_comments(std::string_view text, bool xml) {
  std::string out(text);
  std::size_t i = 0;
  char quote = 0;
  auto blank_until = [&](std::size_t end) {
    for (; i < end && i < out.size(); ++i)
      if (out[i] != '\n')
        out[i] = ' ';
  };
  while (i < out.size()) {
    std::string_view const rest = std::string_view(out).substr(i);
    if (xml) {
      if (!starts_with(rest, "<!--")) {
        ++i;
        continue;
      }
      std::size_t const end = out.find("-->", i + 4);
      blank_until(end == std::string::npos ? out.size() : end + 3);
    } else if (quote) {
      if (out[i] == '\\')
        ++i;
      else if (out[i] == quote || out[i] == '\n')
        quote = 0;
      ++i;
    } else if (out[i] == '"' || out[i] == '\'') {
      quote = out[i++];
    } else if (starts_with(rest, "//")) {
      std::size_t const end = out.find('\n', i);
      blank_until(end == std::string::npos ? out.size() : end);
    } else if (starts_with(rest, "/*")) {
      std::size_t const end = out.find("*/", i + 2);
      blank_until(end == std::string::npos ? out.size() : end + 2);
    } else {
      ++i;
    }
  }
  return out;
}

/// The trimmed text of the first `<tag>...</tag>` in `block`, or empty.
std::string_view element(std::string_view block, std::string_view tag) {
  std::string const open = "<" + std::string(tag) + ">";
  std::string const close = "</" + std::string(tag) + ">";
  std::size_t const start = block.find(open);
  if (start == std::string_view::npos)
    return {};
  std::size_t const end = block.find(close, start + open.size());
  if (end == std::string_view::npos)
    return {};
  std::string_view body = block.substr(start + open.size(), end - start - open.size());
  while (!body.empty() && (blank(body.front()) || body.front() == '\n'))
    body.remove_prefix(1);
  while (!body.empty() && (blank(body.back()) || body.back() == '\n'))
    body.remove_suffix(1);
  return body;
}

bool coordinate_end(char c) {
  return !alnum(c) && c != '-' && c != '_' && c != '.';
}

std::vector<found_driver> read_pom(std::string_view original) {
  std::string const text = without_comments(original, true);
  std::vector<found_driver> out;
  std::size_t line = 1, counted = 0; // newlines counted up to `counted`
  for (std::size_t pos = text.find("<dependency>"); pos != std::string::npos;
       pos = text.find("<dependency>", pos)) {
    std::size_t const end = text.find("</dependency>", pos);
    if (end == std::string::npos)
      break;
    std::string_view const block = std::string_view(text).substr(pos, end - pos);
    if (element(block, "groupId") == "org.postgresql" &&
        element(block, "artifactId") == "postgresql") {
      std::size_t const at = pos + block.find("<groupId>");
      line += static_cast<std::size_t>(
          std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                     text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
      counted = at;
      out.push_back({driver::jdbc, origin{file_kind::pom_xml, line, "org.postgresql:postgresql"}});
    }
    pos = end;
  }
  return out;
}

std::vector<found_driver> read_gradle(std::string_view original, file_kind kind) {
  std::string const text = without_comments(original, false);
  std::vector<found_driver> out;
  for_each_line(text, [&](std::size_t n, std::string_view line) {
    bool found = false;
    // "org.postgresql:postgresql:42.7.3", 'org.postgresql:postgresql'
    constexpr std::string_view coordinate = "org.postgresql:postgresql";
    for (std::size_t pos = line.find(coordinate); pos != std::string_view::npos && !found;
         pos = line.find(coordinate, pos + 1)) {
      std::size_t const after = pos + coordinate.size();
      found = (pos == 0 || coordinate_end(line[pos - 1])) &&
              (after == line.size() || line[after] == ':' || coordinate_end(line[after]));
    }
    // group: 'org.postgresql', name: 'postgresql'
    auto quoted = [&](std::string_view word) {
      return line.find("'" + std::string(word) + "'") != std::string_view::npos ||
             line.find("\"" + std::string(word) + "\"") != std::string_view::npos;
    };
    if (!found && quoted("org.postgresql") && quoted("postgresql"))
      found = true;
    if (found)
      out.push_back({driver::jdbc, origin{kind, n, std::string(coordinate)}});
  });
  return out;
}

} // namespace

std::optional<file_kind> manifest_kind(std::string_view name) {
  if (name == "pyproject.toml")
    return file_kind::pyproject_toml;
  if (starts_with(name, "requirements") && ends_with(name, ".txt"))
    return file_kind::requirements_txt;
  if (name == "go.mod")
    return file_kind::go_mod;
  if (name == "Cargo.toml")
    return file_kind::cargo_toml;
  if (name == "Gemfile")
    return file_kind::gemfile;
  if (name == "pom.xml")
    return file_kind::pom_xml;
  if (name == "build.gradle")
    return file_kind::build_gradle;
  if (name == "build.gradle.kts")
    return file_kind::build_gradle_kts;
  return std::nullopt;
}

std::optional<std::vector<found_driver>> read_pyproject(std::string_view text) {
  auto const doc = parse_toml(text);
  if (!doc)
    return std::nullopt;
  std::vector<found_driver> out;
  constexpr file_kind kind = file_kind::pyproject_toml;
  toml::node const* project = doc->get("project");
  requirements_in(at(project, "dependencies"), kind, out);
  requirement_groups_in(at(project, "optional-dependencies"), kind, out);
  requirement_groups_in(doc->get("dependency-groups"), kind, out);
  toml::node const* tool = doc->get("tool");
  requirement_groups_in(at(at(tool, "pdm"), "dev-dependencies"), kind, out);
  requirements_in(at(at(tool, "uv"), "dev-dependencies"), kind, out);
  toml::node const* poetry = at(tool, "poetry");
  poetry_table(at(poetry, "dependencies"), out);
  poetry_table(at(poetry, "dev-dependencies"), out);
  if (auto const* groups = at(poetry, "group"); groups && groups->is_table())
    for (auto const& [name, group] : *groups->as_table())
      poetry_table(at(&group, "dependencies"), out);
  in_file_order(out);
  return out;
}

std::vector<found_driver> read_requirements(std::string_view text) {
  std::vector<found_driver> out;
  auto take = [&](std::size_t n, std::string_view line) {
    // A comment starts at `#` at the line's start or after a space (`url#egg=` is none).
    for (std::size_t i = 0; i < line.size(); ++i)
      if (line[i] == '#' && (i == 0 || blank(line[i - 1]))) {
        line = line.substr(0, i);
        break;
      }
    line = trim(line);
    if (line.empty() || line.front() == '-')
      return; // an option: -r, -c, -e, --index-url, --hash, ...
    std::string_view const name = pep508_name(line);
    if (auto d = python_driver(name))
      out.push_back({*d, origin{file_kind::requirements_txt, n, std::string(name)}});
  };
  // As pip reads it: a line ending in `\` (not a comment) goes on on the next one.
  std::string joined;
  std::size_t first = 0; // the line a continued one starts on, 0 when none is open
  for_each_line(without_bom(text), [&](std::size_t n, std::string_view line) {
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    std::string_view const start = trim(line);
    bool const comment = !start.empty() && start.front() == '#';
    if (!comment && !line.empty() && line.back() == '\\') {
      if (first == 0)
        first = n;
      joined.append(line.substr(0, line.size() - 1));
      return;
    }
    if (first == 0)
      return take(n, line);
    if (!comment)
      joined.append(line);
    take(std::exchange(first, 0), joined);
    joined.clear();
  });
  if (first != 0)
    take(first, joined);
  return out;
}

std::vector<found_driver> read_go_mod(std::string_view text) {
  std::vector<found_driver> out;
  bool in_require = false;
  auto require = [&](std::size_t n, std::string_view path, std::string_view version) {
    if (path.size() >= 2 && (path.front() == '"' || path.front() == '`') &&
        path.back() == path.front())
      path = path.substr(1, path.size() - 2);
    if (version.empty() || version.front() != 'v')
      return;
    if (auto d = go_driver(path))
      out.push_back({*d, origin{file_kind::go_mod, n, std::string(path)}});
  };
  for_each_line(without_bom(text), [&](std::size_t n, std::string_view line) {
    if (auto comment = line.find("//"); comment != std::string_view::npos)
      line = line.substr(0, comment);
    auto const w = words(line);
    if (w.empty())
      return;
    if (in_require) {
      if (w[0] == ")")
        in_require = false;
      else if (w.size() >= 2)
        require(n, w[0], w[1]);
    } else if (w[0] == "require") {
      if (w.size() >= 2 && w[1] == "(")
        in_require = w.size() == 2;
      else if (w.size() >= 3)
        require(n, w[1], w[2]);
    }
  });
  return out;
}

std::vector<found_driver> read_gemfile(std::string_view text) {
  std::vector<found_driver> out;
  for_each_line(without_bom(text), [&](std::size_t n, std::string_view line) {
    // A comment starts at `#` outside a string ("#{...}" inside one is interpolation).
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (quote && line[i] == '\\')
        ++i;
      else if (quote && line[i] == quote)
        quote = 0;
      else if (!quote && (line[i] == '"' || line[i] == '\''))
        quote = line[i];
      else if (!quote && line[i] == '#') {
        line = line.substr(0, i);
        break;
      }
    }
    line = trim(line);
    if (!starts_with(line, "gem") || line.size() < 4 || !(blank(line[3]) || line[3] == '('))
      return;
    line.remove_prefix(3);
    while (!line.empty() && (blank(line.front()) || line.front() == '('))
      line.remove_prefix(1);
    if (line.empty() || (line.front() != '"' && line.front() != '\''))
      return;
    std::size_t const close = line.find(line.front(), 1);
    if (close == std::string_view::npos)
      return;
    std::string_view const name = line.substr(1, close - 1);
    if (name == "pg")
      out.push_back({driver::ruby_pg, origin{file_kind::gemfile, n, std::string(name)}});
  });
  return out;
}

std::optional<std::vector<found_driver>> read_cargo_toml(std::string_view text) {
  auto const doc = parse_toml(text);
  if (!doc)
    return std::nullopt;
  std::vector<found_driver> out;
  cargo_sections(&*doc, out);
  if (auto const* targets = doc->get("target"); targets && targets->is_table())
    for (auto const& [cfg, target] : *targets->as_table())
      cargo_sections(&target, out);
  cargo_table(at(doc->get("workspace"), "dependencies"), out);
  in_file_order(out);
  return out;
}

std::vector<found_driver> read_jvm_build(std::string_view text, file_kind kind) {
  return kind == file_kind::pom_xml ? read_pom(text) : read_gradle(text, kind);
}

std::optional<std::vector<found_driver>> read_manifest(file_kind kind, std::string_view text) {
  switch (kind) {
  case file_kind::pyproject_toml:
    return read_pyproject(text);
  case file_kind::requirements_txt:
    return read_requirements(text);
  case file_kind::go_mod:
    return read_go_mod(text);
  case file_kind::cargo_toml:
    return read_cargo_toml(text);
  case file_kind::gemfile:
    return read_gemfile(text);
  case file_kind::pom_xml:
  case file_kind::build_gradle:
  case file_kind::build_gradle_kts:
    return read_jvm_build(text, kind);
  default:
    return std::nullopt;
  }
}

std::optional<engine::client_choice> client_from(std::vector<manifest> manifests) {
  if (manifests.empty())
    return std::nullopt;
  std::stable_sort(manifests.begin(), manifests.end(), [](manifest const& a, manifest const& b) {
    auto rank = [](manifest const& m) {
      return std::pair(m.kind, m.name != "requirements.txt");
    };
    return rank(a) != rank(b) ? rank(a) < rank(b) : a.name < b.name;
  });
  using client = engine::client;
  auto named = [](manifest const& m, found_driver const& d) {
    return m.name + ": " + d.at.key;
  };
  // Prisma first, as in package.json; then the first driver whose client is known.
  for (client wanted : {client::prisma, client::unknown})
    for (auto const& m : manifests)
      for (auto const& d : m.drivers) {
        client const c = client_for(d.which);
        if (c == client::unknown || (wanted == client::prisma && c != client::prisma))
          continue;
        engine::client_choice out{c, named(m, d)};
        out.not_prisma = c != client::prisma;
        // A driver read as another client after it (psycopg and asyncpg): the first one decides,
        // and the origin says so.
        std::string also;
        for (auto const& other : manifests)
          for (auto const& o : other.drivers)
            if (auto const oc = client_for(o.which);
                also.empty() && out.not_prisma && oc != client::unknown && oc != c)
              also = &other == &m ? ", named before " + o.at.key
                                  : "; " + other.name + " also names " + o.at.key;
        out.origin += also;
        return out;
      }
  engine::client_choice none{client::unknown, manifests.front().name + ": no Prisma"};
  for (auto const& m : manifests)
    if (!m.drivers.empty()) {
      none.origin = named(m, m.drivers.front());
      break;
    }
  none.not_prisma = true;
  return none;
}

} // namespace poolcheck::project
