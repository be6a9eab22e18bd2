// Writing a document's one big array element by element, in dump(2)'s own form.
#include "report/streamed_json.hpp"

#include <string>

namespace poolcheck::report {
namespace {

std::string pretty(json const& j) {
  // Invalid UTF-8 from a broken file is replaced rather than thrown on.
  return j.dump(2, ' ', false, json::error_handler_t::replace);
}

} // namespace

void write_with_streamed_array(
    std::ostream& out, json const& doc,
    std::function<void(std::function<void(json const&)> const& emit)> const& each) {
  std::string const text = pretty(doc);
  std::string const marker = json(streamed_array).dump(-1, ' ', false);
  std::size_t const at = text.find(marker);
  if (at == std::string::npos) {
    out << text << '\n';
    return;
  }
  // The marker's line is indented like the array's closing bracket; elements one level deeper.
  std::size_t const line_start = text.rfind('\n', at) + 1;
  std::string const indent =
      text.substr(line_start, text.find_first_not_of(' ', line_start) - line_start);
  std::string const inner = indent + "  ";
  out << std::string_view(text).substr(0, at);
  bool any = false;
  each([&](json const& item) {
    out << (any ? ",\n" : "[\n") << inner;
    std::string const element = pretty(item);
    std::size_t from = 0;
    for (std::size_t lf = element.find('\n'); lf != std::string::npos;
         from = lf + 1, lf = element.find('\n', from))
      out << std::string_view(element).substr(from, lf + 1 - from) << inner;
    out << std::string_view(element).substr(from);
    any = true;
  });
  out << (any ? "\n" + indent + "]" : "[]") << std::string_view(text).substr(at + marker.size())
      << '\n';
}

} // namespace poolcheck::report
