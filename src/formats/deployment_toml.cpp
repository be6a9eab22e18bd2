// TOML deployment files -> entries.
#include "formats/deployment_toml.hpp"

#include "core/source_file.hpp"
#include "core/toml.hpp"
#include "formats/line_comments.hpp"
#include "formats/toml_string.hpp"

#include <algorithm>
#include <memory>

namespace poolcheck::formats {
namespace {

/// The tables of a kind that set variables.
std::vector<toml::table const*> holders(file_kind kind, toml::table const& root) {
  std::vector<toml::table const*> out;
  auto add = [&](toml::node const* n) {
    if (n && n->is_table())
      out.push_back(n->as_table());
  };
  auto each_sub = [&](char const* parent, char const* child) {
    if (auto const* t = root.get_as<toml::table>(parent))
      for (auto const& [name, sub] : *t)
        if (sub.is_table())
          add(sub.as_table()->get(child));
  };
  switch (kind) {
  case file_kind::fly:
    add(root.get("env"));
    break;
  case file_kind::netlify:
    if (auto const* build = root.get_as<toml::table>("build"))
      add(build->get("environment"));
    each_sub("context", "environment");
    break;
  case file_kind::wrangler:
    add(root.get("vars"));
    each_sub("env", "vars");
    break;
  default:
    break;
  }
  return out;
}

class reader {
public:
  reader(std::string_view text, document& doc) : text_(text), doc_(doc), lines_(text) {}

  void read(toml::table const& table) {
    ++scope_;
    for (auto const& [key, node] : table) {
      auto const* value = node.as_string();
      if (!value)
        continue; // a number, table or array is no connection string
      add(key, *value);
    }
  }

private:
  std::string_view text_;
  document& doc_;
  line_index lines_;
  std::uint32_t scope_ = 0; // one per table

  /// The byte offset of toml++'s 1-based line and code-point column.
  std::size_t offset_of(toml::source_position p) const {
    if (p.line == 0 || p.line > lines_.line_count())
      return text_.size();
    std::size_t at = lines_.line_start(p.line);
    for (std::size_t cp = 1; cp < p.column && at < text_.size(); ++cp) {
      ++at;
      while (at < text_.size() && (static_cast<unsigned char>(text_[at]) & 0xC0) == 0x80)
        ++at; // the rest of a multi-byte character
    }
    return at;
  }

  void add(toml::key const& key, toml::value<std::string> const& value) {
    byte_span const raw{offset_of(value.source().begin), offset_of(value.source().end)};
    std::string_view const written = raw.of(text_);
    if (written.empty() || (written.front() != '"' && written.front() != '\''))
      return;
    bool const multi_line = written.starts_with("\"\"\"") || written.starts_with("'''");
    std::size_t const quote_size = multi_line ? 3 : 1;
    if (written.size() < 2 * quote_size)
      return;
    entry e;
    e.format = source_format::toml;
    e.scope = scope_;
    byte_span const key_span{offset_of(key.source().begin), offset_of(key.source().end)};
    e.key = key_span;
    e.name = doc_.view_of(key_span.of(text_), key.str());
    e.raw_value = raw;
    e.inner = {raw.begin + quote_size, raw.end - quote_size};
    e.quote = written.front() == '"' ? quoting::double_quote : quoting::single;
    std::string_view const logical = value.get();
    scalar_map const map = map_toml_string(e.inner.of(text_), e.inner.begin,
                                           e.quote == quoting::double_quote, logical);
    e.writable = !multi_line && map.exact;
    if (map.identity) {
      e.logical_value = e.inner.of(text_);
    } else {
      e.logical_value = doc_.keep(logical);
      for (std::size_t i = 0; i <= logical.size(); ++i)
        e.logical_to_raw.push_back(static_cast<std::uint32_t>(map.offset(i)));
    }
    e.line = lines_.lines_of(text_, {std::min(key_span.begin, raw.begin), raw.end});
    doc_.entries.push_back(std::move(e));
  }
};

} // namespace

result<document> read_deployment_toml(file_kind kind, std::string_view text) {
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (toml::parse_error const& e) {
    // Its description may quote the input: only where it stopped is said.
    return problem{"not valid TOML; not checked",
                   source_location{"", e.source().begin.line, e.source().begin.column}};
  }
  document doc;
  doc.text = text;
  doc.format = source_format::toml;
  reader r(text, doc);
  for (auto const* table : holders(kind, root))
    r.read(*table);
  std::sort(doc.entries.begin(), doc.entries.end(),
            [](entry const& a, entry const& b) { return a.key.begin < b.key.begin; });
  doc.comments = line_comments(text, doc.entries);
  return doc;
}

} // namespace poolcheck::formats
