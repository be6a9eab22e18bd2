// A line-based reader of the Prisma Schema Language. PSL is line-oriented inside blocks: a
// key_value ends at a newline, whitespace is only spaces and tabs, and a block closes with a `}`
// that starts a line, so a per-line tokenizer follows the grammar without a regex over lines.
#include "project/prisma_schema.hpp"

#include <vector>

namespace poolcheck::project {

namespace {

struct token {
  enum class kind { word, string, punct } k;
  std::string_view text; // a word or punctuation; a string's raw content (escapes left as written)
  bool escaped = false;  // a string with a backslash: never taken as a name
  bool closed = true;    // a string that reached its closing quote
};

bool is_word_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

/// The tokens of one line, up to a `//` comment outside strings.
std::vector<token> tokenize_line(std::string_view line) {
  std::vector<token> out;
  std::size_t i = 0;
  while (i < line.size()) {
    char const c = line[i];
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '/' && i + 1 < line.size() && line[i + 1] == '/') {
      break; // `//` and `///` comments run to the end of the line
    } else if (c == '"') {
      token t{token::kind::string, {}, false, false};
      std::size_t j = i + 1;
      while (j < line.size()) {
        auto const ch = static_cast<unsigned char>(line[j]);
        if (ch == '"') {
          t.closed = true;
          break;
        }
        if (ch < 0x20) // PSL strings follow JSON: a control character ends them, unterminated
          break;
        if (ch == '\\') {
          t.escaped = true;
          ++j;
        }
        ++j;
      }
      j = j < line.size() ? j : line.size();
      t.text = line.substr(i + 1, j - i - 1);
      out.push_back(t);
      i = t.closed ? j + 1 : line.size();
    } else if (is_word_char(c)) {
      std::size_t j = i;
      while (j < line.size() && is_word_char(line[j]))
        ++j;
      out.push_back({token::kind::word, line.substr(i, j - i)});
      i = j;
    } else {
      out.push_back({token::kind::punct, line.substr(i, 1)});
      ++i;
    }
  }
  return out;
}

bool is(token const& t, token::kind k, std::string_view text) {
  return t.k == k && t.text == text;
}

bool is_plain_string(token const& t) {
  return t.k == token::kind::string && t.closed && !t.escaped;
}

/// Classifies the tokens after `=`: exactly env("X"), exactly one string, or anything else.
url_source read_url_value(std::vector<token> const& v, std::size_t from, origin at) {
  url_source out;
  out.at = std::move(at);
  std::size_t const n = v.size() - from;
  if (n == 4 && is(v[from], token::kind::word, "env") && is(v[from + 1], token::kind::punct, "(") &&
      is_plain_string(v[from + 2]) && is(v[from + 3], token::kind::punct, ")") &&
      is_variable_name(v[from + 2].text)) {
    out.kind = value_kind::variable;
    out.variable = std::string(v[from + 2].text);
  } else if (n == 1 && v[from].k == token::kind::string && v[from].closed) {
    out.kind = value_kind::literal;
  }
  return out;
}

bool is_plain_word(std::string_view s) {
  if (s.empty() || s.size() > 64)
    return false;
  for (char c : s)
    if (!is_word_char(c))
      return false;
  return true;
}

enum class block { none, datasource, generator, other, arbitrary };

} // namespace

prisma_schema_facts read_prisma_schema(std::string_view text) {
  prisma_schema_facts out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF")
    text.remove_prefix(3);
  block in = block::none;
  bool first_datasource = false; // inside the datasource block whose settings count
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    // PSL's NEWLINE is \n, \r\n or \r.
    std::size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos)
      end = text.size();
    std::string_view const line = text.substr(pos, end - pos);
    ++line_no;
    pos = end + ((end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n') ? 2 : 1);

    if (in == block::arbitrary) {
      // A block with no keyword ends at the first `}` anywhere (arbitrary_block).
      if (line.find('}') != std::string_view::npos)
        in = block::none;
      continue;
    }
    auto const v = tokenize_line(line);
    if (v.empty())
      continue;
    if (in == block::none) {
      // config_block and model_declaration: keyword, name, `{` (the rest of that line is ignored).
      if (v.size() >= 3 && v[0].k == token::kind::word && v[1].k == token::kind::word &&
          is(v[2], token::kind::punct, "{")) {
        if (v[0].text == "datasource") {
          in = block::datasource;
          first_datasource = ++out.datasource_count == 1;
        } else {
          in = v[0].text == "generator" ? block::generator : block::other;
        }
      } else if (v.size() >= 2 && v[0].k == token::kind::word &&
                 is(v[1], token::kind::punct, "{")) {
        in = line.find('}', line.find('{') + 1) == std::string_view::npos ? block::arbitrary
                                                                          : block::none;
      }
      continue;
    }
    if (is(v[0], token::kind::punct, "}")) {
      in = block::none; // what follows the `}` on its line is not read
      continue;
    }
    if (in == block::other || v.size() < 3 || v[0].k != token::kind::word ||
        !is(v[1], token::kind::punct, "="))
      continue;
    std::string_view const key = v[0].text;
    origin at{file_kind::prisma_schema, line_no, std::string(key)};
    if (in == block::generator || !first_datasource)
      continue;
    // Prisma rejects a key given twice; the first one is kept here.
    if (key == "provider" && !out.provider && v.size() == 3 && is_plain_string(v[2]) &&
        is_plain_word(v[2].text))
      out.provider = std::string(v[2].text);
    else if (key == "url" && !out.url)
      out.url = read_url_value(v, 2, at);
    else if (key == "directUrl" && !out.direct_url)
      out.direct_url = read_url_value(v, 2, at);
    else if (key == "shadowDatabaseUrl" && !out.shadow_database_url)
      out.shadow_database_url = read_url_value(v, 2, at);
  }
  return out;
}

} // namespace poolcheck::project
