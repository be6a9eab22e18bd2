// libfyaml events -> yaml_node tree.
#include "formats/yaml_tree.hpp"

#include "core/source_file.hpp"

#include <libfyaml.h>
#include <memory>

namespace poolcheck::formats {
namespace {

void discard(fy_diag*, void*, char const*, std::size_t) {}

struct parser_deleter {
  void operator()(fy_parser* p) const { fy_parser_destroy(p); }
};

struct diag_deleter {
  void operator()(fy_diag* d) const { fy_diag_destroy(d); }
};

yaml_style style_of(fy_scalar_style s) {
  switch (s) {
  case FYSS_SINGLE_QUOTED:
    return yaml_style::single_quoted;
  case FYSS_DOUBLE_QUOTED:
    return yaml_style::double_quoted;
  case FYSS_LITERAL:
    return yaml_style::literal;
  case FYSS_FOLDED:
    return yaml_style::folded;
  default:
    return yaml_style::plain;
  }
}

/// The bytes of event `e`. An empty scalar (the value of `KEY:`) has no marks: it is empty, at
/// `after`, where the event before it ended, so that it stays in file order after its key.
byte_span span_of(fy_event* e, std::size_t after) {
  fy_mark const* begin = fy_event_start_mark(e);
  if (!begin)
    return {after, after};
  fy_mark const* end = fy_event_end_mark(e);
  std::size_t const b = begin->input_pos;
  return {b, end && end->input_pos > b ? end->input_pos : b};
}

/// A one-line single-quoted scalar's value: its content, each `''` read as `'`. libfyaml 0.7.12
/// misreads what follows two escaped quotes in a row (`'a''''b'` as `a'''`); on one line nothing
/// folds, so the bytes alone say the value.
std::string single_quoted_value(std::string_view content) {
  std::string out;
  for (std::size_t i = 0; i < content.size(); ++i) {
    out += content[i];
    if (content[i] == '\'' && i + 1 < content.size() && content[i + 1] == '\'')
      ++i;
  }
  return out;
}

} // namespace

yaml_node const* yaml_node::find(std::string_view key) const {
  if (type != kind::mapping)
    return nullptr;
  for (std::size_t i = 0; i + 1 < items.size(); i += 2)
    if (items[i].is_scalar() && items[i].value == key)
      return &items[i + 1];
  return nullptr;
}

result<std::vector<yaml_node>> parse_yaml(std::string_view text) {
  fy_diag_cfg dcfg;
  fy_diag_cfg_default(&dcfg);
  dcfg.fp = nullptr;
  dcfg.output_fn = discard;
  std::unique_ptr<fy_diag, diag_deleter> diag(fy_diag_create(&dcfg));
  fy_parse_cfg cfg{};
  cfg.flags = FYPCF_QUIET;
  cfg.diag = diag.get();
  std::unique_ptr<fy_parser, parser_deleter> parser(fy_parser_create(&cfg));
  if (!parser || fy_parser_set_string(parser.get(), text.data(), text.size()) != 0)
    return problem{"cannot start the YAML parser", std::nullopt};

  std::vector<yaml_node> documents;
  // The nodes being built: a mapping or sequence stays open until its end event.
  std::vector<yaml_node> open;
  std::size_t reached = 0;
  auto add = [&](yaml_node node) {
    if (open.empty())
      documents.push_back(std::move(node));
    else
      open.back().items.push_back(std::move(node));
  };
  while (fy_event* e = fy_parser_parse(parser.get())) {
    byte_span const span = span_of(e, reached);
    reached = std::max(reached, span.end);
    switch (e->type) {
    case FYET_SCALAR: {
      yaml_node n;
      std::size_t len = 0;
      char const* value = fy_token_get_text(e->scalar.value, &len);
      n.value.assign(value ? value : "", value ? len : 0);
      n.style = style_of(fy_token_scalar_style(e->scalar.value));
      n.raw = n.span = span;
      if (std::string_view const content = span.of(text);
          n.style == yaml_style::single_quoted && content.find_first_of("\r\n") == content.npos)
        n.value = single_quoted_value(content);
      add(std::move(n));
      break;
    }
    case FYET_ALIAS: {
      yaml_node n;
      n.type = yaml_node::kind::alias;
      n.raw = n.span = span;
      add(std::move(n));
      break;
    }
    case FYET_MAPPING_START:
    case FYET_SEQUENCE_START: {
      yaml_node n;
      n.type = e->type == FYET_MAPPING_START ? yaml_node::kind::mapping : yaml_node::kind::sequence;
      n.span = span;
      open.push_back(std::move(n));
      break;
    }
    case FYET_MAPPING_END:
    case FYET_SEQUENCE_END:
      if (!open.empty()) {
        yaml_node n = std::move(open.back());
        open.pop_back();
        n.span.end = std::max(n.span.end, span.end);
        add(std::move(n));
      }
      break;
    default:
      break;
    }
    fy_parser_event_free(parser.get(), e);
  }
  if (fy_parser_get_stream_error(parser.get())) {
    // libfyaml's message quotes the input: only where the last good event ended is said.
    auto const at = line_index(text).position(reached);
    return problem{"not valid YAML (after this point); not checked",
                   source_location{"", at.line, at.column}};
  }
  return documents;
}

} // namespace poolcheck::formats
