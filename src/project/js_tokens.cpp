// The tokenizer keeps a stack of open braces so that the `}` ending a template substitution
// resumes the template: iterative, so deep nesting cannot exhaust the call stack.
#include "project/js_tokens.hpp"

namespace poolcheck::project::js {

namespace {

bool ident_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool ident_char(char c) {
  return ident_start(c) || (c >= '0' && c <= '9');
}

bool digit(char c) {
  return c >= '0' && c <= '9';
}

class lexer {
public:
  explicit lexer(std::string_view text) : s_(text) {}

  std::vector<token> run() {
    while (i_ < s_.size()) {
      char const c = s_[i_];
      if (c == '\n') {
        ++line_;
        ++i_;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        ++i_;
      } else if (c == '/' && peek(1) == '/') {
        while (i_ < s_.size() && s_[i_] != '\n')
          ++i_;
      } else if (c == '/' && peek(1) == '*') {
        block_comment();
      } else if (c == '\'' || c == '"') {
        quoted(c);
      } else if (c == '`') {
        ++i_;
        template_from(true);
      } else if (ident_start(c)) {
        std::size_t const b = i_;
        while (i_ < s_.size() && ident_char(s_[i_]))
          ++i_;
        push(token_kind::identifier, b, i_);
      } else if (digit(c) || (c == '.' && digit(peek(1)))) {
        std::size_t const b = i_;
        while (i_ < s_.size() && (ident_char(s_[i_]) || s_[i_] == '.'))
          ++i_;
        push(token_kind::number, b, i_);
      } else if (c == '/' && regex_allowed()) {
        regex();
      } else if (c == '{') {
        braces_.push_back(false);
        push(token_kind::punct, i_, i_ + 1);
        ++i_;
      } else if (c == '}' && !braces_.empty() && braces_.back()) {
        braces_.pop_back(); // the end of a ${...}: the template goes on
        ++i_;
        template_from(false);
      } else {
        if (c == '}' && !braces_.empty())
          braces_.pop_back();
        push(token_kind::punct, i_, i_ + 1);
        ++i_;
      }
    }
    return std::move(out_);
  }

private:
  char peek(std::size_t ahead) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }

  void push(token_kind k, std::size_t b, std::size_t e, std::size_t line = 0) {
    out_.push_back({k, s_.substr(b, e - b), line ? line : line_});
  }

  void block_comment() {
    std::size_t const end = s_.find("*/", i_ + 2);
    std::size_t const stop = end == std::string_view::npos ? s_.size() : end + 2;
    for (; i_ < stop; ++i_)
      line_ += s_[i_] == '\n';
  }

  void quoted(char quote) {
    std::size_t const line = line_;
    std::size_t const b = ++i_;
    bool escaped = false;
    bool closed = false;
    while (i_ < s_.size()) {
      char const c = s_[i_];
      if (c == quote) {
        closed = true;
        break;
      }
      if (c == '\n') // an unescaped newline ends a string literal, unterminated
        break;
      if (c == '\\') {
        escaped = true;
        if (peek(1) == '\n')
          ++line_;
        ++i_;
      }
      ++i_;
    }
    std::size_t const e = i_ < s_.size() ? i_ : s_.size();
    push(token_kind::string, b, e, line);
    out_.back().escaped = escaped;
    out_.back().closed = closed;
    if (closed)
      ++i_;
  }

  /// Template text from i_ to its closing backtick or the next `${`.
  void template_from(bool opening) {
    std::size_t const line = line_;
    std::size_t const b = i_;
    while (i_ < s_.size()) {
      char const c = s_[i_];
      if (c == '`') {
        push(opening ? token_kind::template_text : token_kind::template_part, b, i_, line);
        ++i_;
        return;
      }
      if (c == '$' && peek(1) == '{') {
        push(token_kind::template_part, b, i_, line);
        braces_.push_back(true);
        i_ += 2;
        return;
      }
      if (c == '\\') {
        line_ += peek(1) == '\n';
        ++i_;
      } else if (c == '\n') {
        ++line_;
      }
      ++i_;
    }
    push(opening ? token_kind::template_text : token_kind::template_part, b, s_.size(), line);
    out_.back().closed = false;
  }

  /// A `/` starts a regex where an operand is expected: at the start, after punctuation other
  /// than a closing bracket, or after a keyword such as `return`.
  bool regex_allowed() const {
    if (out_.empty())
      return true;
    token const& t = out_.back();
    switch (t.kind) {
    case token_kind::punct:
      return t.text != ")" && t.text != "]" && t.text != "}";
    case token_kind::identifier:
      return t.text == "return" || t.text == "typeof" || t.text == "case" || t.text == "in" ||
             t.text == "of" || t.text == "new" || t.text == "delete" || t.text == "void" ||
             t.text == "throw" || t.text == "instanceof";
    default:
      return false;
    }
  }

  void regex() {
    std::size_t const b = i_++;
    bool in_class = false;
    while (i_ < s_.size() && s_[i_] != '\n') {
      char const c = s_[i_];
      if (c == '\\') {
        i_ += 2;
        continue;
      }
      if (c == '[')
        in_class = true;
      else if (c == ']')
        in_class = false;
      else if (c == '/' && !in_class)
        break;
      ++i_;
    }
    if (i_ < s_.size() && s_[i_] == '/')
      ++i_;
    while (i_ < s_.size() && ident_char(s_[i_])) // flags
      ++i_;
    i_ = i_ < s_.size() ? i_ : s_.size();
    push(token_kind::regex, b, i_);
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t line_ = 1;
  std::vector<token> out_;
  std::vector<bool> braces_; // open `{`: true for a template's ${
};

} // namespace

std::vector<token> tokenize(std::string_view text) {
  return lexer(text).run();
}

} // namespace poolcheck::project::js
