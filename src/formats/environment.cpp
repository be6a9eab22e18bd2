// Environment blocks: split at NUL bytes, then at each pair's first `=`.
#include "formats/environment.hpp"

namespace poolcheck::formats {

std::string environment_block(std::vector<std::pair<std::string, std::string>> const& variables) {
  std::string out;
  for (auto const& [name, value] : variables) {
    out += name;
    out += '=';
    out += value;
    out += '\0';
  }
  return out;
}

document read_environment(std::string_view block) {
  document doc;
  doc.text = block;
  doc.format = source_format::environment;
  for (std::size_t start = 0; start < block.size();) {
    std::size_t end = block.find('\0', start);
    if (end == std::string_view::npos)
      end = block.size();
    std::size_t const eq = block.find('=', start);
    if (eq != std::string_view::npos && eq < end && eq > start) {
      entry e;
      e.name = block.substr(start, eq - start);
      e.key = {start, eq};
      e.raw_value = e.inner = {eq + 1, end};
      e.logical_value = e.inner.of(block);
      e.line = {start, end};
      e.format = source_format::environment;
      doc.entries.push_back(std::move(e));
    }
    start = end + 1;
  }
  return doc;
}

} // namespace poolcheck::formats
