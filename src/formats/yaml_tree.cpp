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

/// A single-quoted scalar's value from its content (YAML 1.2, 7.3.2): each `''` read as `'`, and
/// lines folded: a line break between text becomes a space, each empty line after it a line feed,
/// with the white space around breaks dropped. libfyaml 0.7.12 misreads what follows two escaped
/// quotes in a row (`'a''''b'` as `a'''`), and leaks memory reading a run of them: it is not
/// asked.
std::string single_quoted_value(std::string_view content) {
  constexpr std::string_view white = " \t";
  std::string out;
  std::size_t empty_lines = 0;
  for (std::size_t start = 0, n = 0;; ++n) {
    std::size_t const brk = content.find_first_of("\r\n", start);
    bool const last = brk == std::string_view::npos;
    std::string_view line = content.substr(start, last ? content.npos : brk - start);
    if (n > 0) // a continuation line's indentation is not content
      line.remove_prefix(std::min(line.find_first_not_of(white), line.size()));
    if (!last) // nor the white space before a break
      line.remove_suffix(line.size() - std::min(line.find_last_not_of(white) + 1, line.size()));
    if (n > 0 && line.empty() && !last) {
      ++empty_lines;
    } else {
      if (n > 0)
        out += empty_lines > 0 ? std::string(empty_lines, '\n') : std::string(" ");
      empty_lines = 0;
      for (std::size_t i = 0; i < line.size(); ++i) {
        out += line[i];
        if (line[i] == '\'' && i + 1 < line.size() && line[i + 1] == '\'')
          ++i;
      }
    }
    if (last)
      return out;
    start = brk + (content.substr(brk, 2) == "\r\n" ? 2 : 1);
  }
}

/// Where `text` first stops being UTF-8 (a byte no sequence starts with, a sequence cut short,
/// overlong or past U+10FFFF, a surrogate), or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto const byte = [&](std::size_t at) {
      return static_cast<unsigned char>(text[at]);
    };
    unsigned char const lead = byte(i);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t const need = lead >= 0xc2 && lead <= 0xdf   ? 1
                             : lead >= 0xe0 && lead <= 0xef ? 2
                             : lead >= 0xf0 && lead <= 0xf4 ? 3
                                                            : 0;
    if (need == 0 || text.size() - i <= need)
      return i;
    // The second byte's range is narrower after some leads: no overlong form, surrogate or code
    // point past U+10FFFF.
    unsigned char const low = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
    unsigned char const high = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
    for (std::size_t k = 1; k <= need; ++k)
      if (byte(i + k) < (k == 1 ? low : 0x80) || byte(i + k) > (k == 1 ? high : 0xbf))
        return i;
    i += need + 1;
  }
  return std::string_view::npos;
}

} // namespace

yaml_node const* yaml_node::find_key(std::string_view key) const {
  if (type != kind::mapping)
    return nullptr;
  for (std::size_t i = 0; i + 1 < items.size(); i += 2)
    if (items[i].is_scalar() && items[i].value == key)
      return &items[i];
  return nullptr;
}

yaml_node const* yaml_node::find(std::string_view key) const {
  yaml_node const* k = find_key(key);
  return k ? k + 1 : nullptr; // a mapping's value follows its key
}

result<std::vector<yaml_node>> parse_yaml(std::string_view text) {
  // YAML is Unicode text, and libfyaml 0.7.12 loops forever on some bytes that are not UTF-8 (in a
  // directive: `%Y\xF4`): such a file is never given to it.
  if (std::size_t const bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    auto const at = line_index(text).position(bad);
    return problem{"not valid YAML (not UTF-8 here); not checked",
                   source_location{"", at.line, at.column}};
  }
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
      n.style = style_of(fy_token_scalar_style(e->scalar.value));
      n.raw = n.span = span;
      if (n.style == yaml_style::single_quoted) {
        n.value = single_quoted_value(span.of(text));
      } else {
        std::size_t len = 0;
        char const* value = fy_token_get_text(e->scalar.value, &len);
        n.value.assign(value ? value : "", value ? len : 0);
      }
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
