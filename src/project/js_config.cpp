// Navigation over tokens, never over text: comments and strings were removed or delimited by
// the tokenizer, so a `url` in a comment or a brace inside a string cannot mislead it.
#include "project/js_config.hpp"

namespace poolcheck::project::js {

namespace {

bool is_punct(std::vector<token> const& t, std::size_t i, char c) {
  return i < t.size() && t[i].kind == token_kind::punct && t[i].text.size() == 1 &&
         t[i].text[0] == c;
}

bool is_ident(std::vector<token> const& t, std::size_t i, std::string_view name) {
  return i < t.size() && t[i].kind == token_kind::identifier && t[i].text == name;
}

bool is_plain_string(std::vector<token> const& t, std::size_t i) {
  return i < t.size() && t[i].kind == token_kind::string && t[i].closed && !t[i].escaped;
}

/// The index after a value starting at `i`: the next `,` or closing bracket at depth 0.
std::size_t skip_value(std::vector<token> const& t, std::size_t i) {
  std::size_t depth = 0;
  for (; i < t.size(); ++i) {
    if (t[i].kind != token_kind::punct || t[i].text.size() != 1)
      continue;
    char const c = t[i].text[0];
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth == 0)
        return i;
      --depth;
    } else if (c == ',' && depth == 0) {
      return i;
    }
  }
  return i;
}

/// `defineConfig ( {` at i: the index of the `{`.
std::optional<std::size_t> define_config_call(std::vector<token> const& t, std::size_t i) {
  if (is_ident(t, i, "defineConfig") && is_punct(t, i + 1, '(') && is_punct(t, i + 2, '{'))
    return i + 2;
  return std::nullopt;
}

/// An object literal or defineConfig({...}) starting at i.
std::optional<std::size_t> object_or_call(std::vector<token> const& t, std::size_t i) {
  if (is_punct(t, i, '{'))
    return i;
  return define_config_call(t, i);
}

/// `const|let|var name ... = <object>` anywhere in the file.
std::optional<std::size_t> declared_object(std::vector<token> const& t, std::string_view name) {
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (!(is_ident(t, i, "const") || is_ident(t, i, "let") || is_ident(t, i, "var")) ||
        !is_ident(t, i + 1, name))
      continue;
    // A type annotation (`: PrismaConfig`) may sit between the name and `=`.
    std::size_t j = i + 2;
    while (j < t.size() && !is_punct(t, j, '=') && !is_punct(t, j, ';') && !is_punct(t, j, '{'))
      ++j;
    if (is_punct(t, j, '='))
      return object_or_call(t, j + 1);
  }
  return std::nullopt;
}

} // namespace

std::optional<std::size_t> config_object(std::vector<token> const& t) {
  for (std::size_t i = 0; i < t.size(); ++i)
    if (auto open = define_config_call(t, i))
      return open;
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    if (!is_ident(t, i, "export") || !is_ident(t, i + 1, "default"))
      continue;
    if (is_punct(t, i + 2, '{'))
      return i + 2;
    if (t[i + 2].kind == token_kind::identifier)
      return declared_object(t, t[i + 2].text);
    return std::nullopt;
  }
  for (std::size_t i = 0; i + 3 < t.size(); ++i)
    if (is_ident(t, i, "module") && is_punct(t, i + 1, '.') && is_ident(t, i + 2, "exports") &&
        is_punct(t, i + 3, '='))
      return object_or_call(t, i + 4);
  return std::nullopt;
}

std::optional<range> property(std::vector<token> const& t, std::size_t open, std::string_view key) {
  std::optional<range> found;
  std::size_t i = open + 1;
  while (i < t.size() && !is_punct(t, i, '}')) {
    if (is_punct(t, i, ',')) {
      ++i;
      continue;
    }
    bool const named =
        (t[i].kind == token_kind::identifier || is_plain_string(t, i)) && is_punct(t, i + 1, ':');
    if (named) {
      std::size_t const b = i + 2;
      std::size_t const e = skip_value(t, b);
      if (t[i].text == key)
        found = range{b, e};
      i = e;
    } else {
      // A spread, a method, a shorthand or a computed key: nothing to read here.
      // A stray `)` or `]` at depth 0 (a malformed object) is stepped over.
      std::size_t const e = skip_value(t, i);
      i = e == i ? i + 1 : e;
    }
  }
  return found;
}

std::optional<std::size_t> object_value(std::vector<token> const& t, range r) {
  if (r.begin < r.end && is_punct(t, r.begin, '{'))
    return r.begin;
  return std::nullopt;
}

std::optional<std::string_view> string_value(std::vector<token> const& t, range r) {
  if (r.end == r.begin + 1 && is_plain_string(t, r.begin))
    return t[r.begin].text;
  return std::nullopt;
}

url_source read_url_value(std::vector<token> const& t, range r, origin at) {
  url_source out;
  out.at = std::move(at);
  std::size_t i = r.begin;
  std::string_view name;
  bool matched = false;
  // process.env.X / process.env["X"] reads like env.X / env["X"] once `process .` is passed.
  if (is_ident(t, i, "process") && is_punct(t, i + 1, '.') && is_ident(t, i + 2, "env"))
    i += 2;
  if (is_ident(t, i, "env")) {
    if (is_punct(t, i + 1, '.') && i + 2 < r.end && t[i + 2].kind == token_kind::identifier) {
      name = t[i + 2].text;
      i += 3;
      matched = true;
    } else if ((is_punct(t, i + 1, '[') && is_punct(t, i + 3, ']')) ||
               (r.begin == i && is_punct(t, i + 1, '(') && is_punct(t, i + 3, ')'))) {
      // env["X"], or Prisma's env("X") (a call only without `process.`)
      if (is_plain_string(t, i + 2)) {
        name = t[i + 2].text;
        i += 4;
        matched = true;
      }
    }
  }
  if (matched && is_variable_name(name) && i <= r.end) {
    while (i < r.end && is_punct(t, i, '!')) // TypeScript's non-null assertion
      ++i;
    bool const rest_is_type = is_ident(t, i, "as") || is_ident(t, i, "satisfies");
    bool const fallback = i + 1 < r.end && ((is_punct(t, i, '?') && is_punct(t, i + 1, '?')) ||
                                            (is_punct(t, i, '|') && is_punct(t, i + 1, '|')));
    if (i >= r.end || rest_is_type || fallback) {
      out.kind = value_kind::variable;
      out.variable = std::string(name);
      out.has_fallback = fallback;
    }
    return out;
  }
  if (r.end == r.begin + 1 && ((t[r.begin].kind == token_kind::string && t[r.begin].closed) ||
                               (t[r.begin].kind == token_kind::template_text && t[r.begin].closed)))
    out.kind = value_kind::literal;
  return out;
}

} // namespace poolcheck::project::js
