// The SAX handler tracks the key path; the iterator counts newlines as the lexer reads them. The
// lexer has read exactly through a string's closing quote when the handler sees it (nlohmann's
// iterator adapter reads one character per call and buffers none), so the count is the line
// of that string; a JSON string holds no raw newline.
#include "project/json_lines.hpp"

#include <nlohmann/json.hpp>

#include <iterator>

namespace poolcheck::project::json {

namespace {

class counting_iterator {
public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = char const*;
  using reference = char const&;

  counting_iterator(char const* p, std::size_t* newlines) : p_(p), newlines_(newlines) {}

  reference operator*() const { return *p_; }

  counting_iterator& operator++() {
    *newlines_ += *p_ == '\n';
    ++p_;
    return *this;
  }

  counting_iterator operator++(int) {
    auto old = *this;
    ++*this;
    return old;
  }

  friend bool operator==(counting_iterator const& a, counting_iterator const& b) {
    return a.p_ == b.p_;
  }

private:
  char const* p_;
  std::size_t* newlines_;
};

class handler {
public:
  using json_t = nlohmann::json;
  using number_integer_t = json_t::number_integer_t;
  using number_unsigned_t = json_t::number_unsigned_t;
  using number_float_t = json_t::number_float_t;
  using string_t = json_t::string_t;
  using binary_t = json_t::binary_t;

  handler(std::size_t const* newlines, std::function<void(scalar const&)> const& visit)
      : newlines_(newlines), visit_(visit) {}

  bool null() { return emit(std::nullopt); }

  bool boolean(bool) { return emit(std::nullopt); }

  bool number_integer(number_integer_t) { return emit(std::nullopt); }

  bool number_unsigned(number_unsigned_t) { return emit(std::nullopt); }

  bool number_float(number_float_t, string_t const&) { return emit(std::nullopt); }

  bool string(string_t& s) { return emit(s); }

  bool binary(binary_t&) { return emit(std::nullopt); }

  bool start_object(std::size_t) {
    path_.emplace_back();
    return true;
  }

  bool key(string_t& k) {
    path_.back() = k;
    return true;
  }

  bool end_object() { return close(); }

  bool start_array(std::size_t) {
    path_.emplace_back("[]");
    return true;
  }

  bool end_array() { return close(); }

  bool parse_error(std::size_t, std::string const&, nlohmann::detail::exception const&) {
    return false;
  }

private:
  bool emit(std::optional<std::string> const& value) {
    visit_(scalar{path_, value, *newlines_ + 1});
    return true;
  }

  bool close() {
    if (!path_.empty())
      path_.pop_back();
    return true;
  }

  std::size_t const* newlines_;
  std::function<void(scalar const&)> const& visit_;
  std::vector<std::string> path_;
};

} // namespace

bool scan(std::string_view text, std::function<void(scalar const&)> const& visit) {
  std::size_t newlines = 0;
  handler h(&newlines, visit);
  counting_iterator const first(text.data(), &newlines);
  counting_iterator const last(text.data() + text.size(), &newlines);
  try {
    return nlohmann::json::sax_parse(first, last, &h);
  } catch (std::exception const&) {
    return false; // the seam: nothing from the JSON library goes further
  }
}

} // namespace poolcheck::project::json
