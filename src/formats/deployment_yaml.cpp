// YAML deployment files -> entries. Which keys hold variables depends on the kind; the shape under
// them (a map, a list of `KEY=VALUE`, a list of name/value maps) is told by the YAML itself.
#include "formats/deployment_yaml.hpp"

#include "core/source_file.hpp"
#include "formats/line_comments.hpp"
#include "formats/yaml_scalar.hpp"
#include "formats/yaml_tree.hpp"

#include <algorithm>
#include <array>
#include <memory>

namespace poolcheck::formats {
namespace {

/// The keys under which a kind sets variables.
std::vector<std::string_view> holder_keys(file_kind kind) {
  switch (kind) {
  case file_kind::compose:
  case file_kind::serverless:
    return {"environment"};
  case file_kind::kubernetes:
    return {"env", "stringData"};
  case file_kind::github_workflow:
    return {"env"};
  case file_kind::render:
    return {"envVars"};
  case file_kind::app_engine:
    return {"env_variables"};
  default:
    return {};
  }
}

class reader {
public:
  reader(file_kind kind, std::string_view text, document& doc)
      : kind_(kind), text_(text), doc_(doc), lines_(text) {}

  void walk(yaml_node const& node) {
    if (node.type == yaml_node::kind::sequence) {
      for (auto const& item : node.items)
        walk(item);
      return;
    }
    if (node.type != yaml_node::kind::mapping)
      return;
    auto const keys = holder_keys(kind_);
    for (std::size_t i = 0; i + 1 < node.items.size(); i += 2) {
      yaml_node const& key = node.items[i];
      yaml_node const& value = node.items[i + 1];
      if (key.is_scalar() && std::find(keys.begin(), keys.end(), key.value) != keys.end())
        read_holder(value);
      else
        walk(value);
    }
  }

private:
  file_kind kind_;
  std::string_view text_;
  document& doc_;
  line_index lines_;
  std::uint32_t scope_ = 0; // one per holder

  void read_holder(yaml_node const& holder) {
    ++scope_;
    if (holder.type == yaml_node::kind::mapping) {
      for (std::size_t i = 0; i + 1 < holder.items.size(); i += 2)
        if (holder.items[i].is_scalar() && holder.items[i + 1].is_scalar())
          add(holder.items[i], holder.items[i + 1]);
      return;
    }
    if (holder.type != yaml_node::kind::sequence)
      return;
    for (auto const& item : holder.items) {
      if (item.is_scalar()) {
        add_pair(item); // `- KEY=VALUE`
        continue;
      }
      // `- name: KEY` / `key: KEY` with `value: ...` (a `valueFrom` or `fromDatabase` has none).
      yaml_node const* name = item.find("name");
      if (!name)
        name = item.find("key");
      yaml_node const* value = item.find("value");
      if (name && name->is_scalar() && value && value->is_scalar())
        add(*name, *value);
    }
  }

  /// An entry for scalar `value` named by scalar `key`.
  void add(yaml_node const& key, yaml_node const& value) {
    entry e;
    e.name = doc_.view_of(key.raw.of(text_), key.value);
    e.key = key.raw;
    set_value(e, value, 0, value.value.size());
    e.line = lines_.lines_of(text_, {std::min(key.span.begin, value.span.begin), value.span.end});
    doc_.entries.push_back(std::move(e));
  }

  /// An entry for a `KEY=VALUE` scalar: split at the first `=` of its decoded value.
  void add_pair(yaml_node const& item) {
    std::size_t const eq = item.value.find('=');
    if (eq == std::string::npos || eq == 0)
      return; // `- NAME` passes the variable through from the shell: no value here
    scalar_map const map = map_scalar(text_, item);
    entry e;
    e.key = {map.offset(0), map.offset(eq)};
    e.name = doc_.view_of(e.key.of(text_), std::string_view(item.value).substr(0, eq));
    set_value(e, item, eq + 1, item.value.size());
    e.line = lines_.lines_of(text_, {item.span.begin, item.span.end});
    doc_.entries.push_back(std::move(e));
  }

  /// Sets `e`'s value to decoded bytes [from, to) of scalar `node`.
  void set_value(entry& e, yaml_node const& node, std::size_t from, std::size_t to) {
    if (kind_ == file_kind::compose)
      narrow_to_default(node.value, from, to);
    scalar_map const map = map_scalar(text_, node);
    std::string_view const logical = std::string_view(node.value).substr(from, to - from);
    e.format = source_format::yaml;
    e.scope = scope_;
    e.quote = node.style == yaml_style::single_quoted   ? quoting::single
              : node.style == yaml_style::double_quoted ? quoting::double_quote
                                                        : quoting::none;
    e.inner = {map.offset(from), map.offset(to)};
    e.raw_value =
        e.quote == quoting::none ? e.inner : byte_span{e.inner.begin - 1, e.inner.end + 1};
    e.writable = map.exact && node.style != yaml_style::literal && node.style != yaml_style::folded;
    if (map.identity && logical == e.inner.of(text_)) {
      e.logical_value = e.inner.of(text_); // the tree's strings go when reading ends
      return;
    }
    e.logical_value = doc_.keep(logical);
    for (std::size_t i = from; i <= to; ++i)
      e.logical_to_raw.push_back(static_cast<std::uint32_t>(map.offset(i)));
  }

  /// A Compose value that is all `${NAME:-default}` or `${NAME-default}` reads as its default
  /// where NAME is unset: [from, to) becomes the default's, which is what is checked. Any other
  /// `${...}` stays a reference (inside a URL, a placeholder).
  static void narrow_to_default(std::string_view value, std::size_t& from, std::size_t& to) {
    std::string_view const v = value.substr(from, to - from);
    if (!v.starts_with("${") || !v.ends_with("}"))
      return;
    std::size_t const name_end =
        v.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_", 2);
    if (name_end == 2 || name_end == std::string_view::npos)
      return;
    std::size_t const dash = v.substr(name_end, 2) == ":-" ? name_end + 2
                             : v[name_end] == '-'          ? name_end + 1
                                                           : std::string_view::npos;
    // The default must be the rest, up to the closing brace: no nested `${`.
    if (dash == std::string_view::npos || v.find("${", dash) != std::string_view::npos ||
        v.find('}', dash) != v.size() - 1)
      return;
    to = from + v.size() - 1;
    from += dash;
  }
};

} // namespace

result<document> read_deployment_yaml(file_kind kind, std::string_view text) {
  auto parsed = parse_yaml(text);
  if (!parsed)
    return parsed.error();
  document doc;
  doc.text = text;
  doc.format = source_format::yaml;
  reader r(kind, text, doc);
  for (auto const& root : *parsed)
    r.walk(root);
  std::sort(doc.entries.begin(), doc.entries.end(),
            [](entry const& a, entry const& b) { return a.key.begin < b.key.begin; });
  doc.comments = line_comments(text, doc.entries);
  return doc;
}

std::vector<env_file_reference> compose_env_files(std::string_view text) {
  auto parsed = parse_yaml(text);
  if (!parsed || parsed->empty())
    return {};
  yaml_node const* services = parsed->front().find("services");
  if (!services || services->type != yaml_node::kind::mapping)
    return {};
  std::vector<env_file_reference> out;
  for (std::size_t i = 1; i < services->items.size(); i += 2) {
    yaml_node const* refs = services->items[i].find("env_file");
    if (!refs)
      continue;
    auto add = [&](yaml_node const& item) {
      if (item.is_scalar() && !item.value.empty()) {
        out.push_back({item.value, true});
      } else if (yaml_node const* path = item.find("path"); path && path->is_scalar()) {
        yaml_node const* required = item.find("required");
        out.push_back({path->value, !required || required->value != "false"});
      }
    };
    if (refs->type == yaml_node::kind::sequence)
      for (auto const& item : refs->items)
        add(item);
    else
      add(*refs);
  }
  return out;
}

} // namespace poolcheck::formats
