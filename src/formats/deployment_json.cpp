// JSON deployment files -> entries, through RapidJSON's event reader: it reports each string with
// the stream's offset just after its closing quote, from which its bytes are found.
#include "formats/deployment_json.hpp"

#include "core/source_file.hpp"
#include "formats/json_string.hpp"

#include <memory>
#include <optional>
#include <rapidjson/reader.h>
#include <string>
#include <vector>

namespace poolcheck::formats {
namespace {

/// RapidJSON's input stream over bytes that need not end in a NUL: Tell() is a byte offset.
class counting_stream {
public:
  using Ch = char;

  counting_stream(std::string_view text, std::size_t from) : text_(text), at_(from) {}

  [[nodiscard]] Ch Peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }

  Ch Take() { return at_ < text_.size() ? text_[at_++] : '\0'; }

  [[nodiscard]] std::size_t Tell() const { return at_; }

  // Only parsing in place writes to the stream, and it is never asked for.
  Ch* PutBegin() { return nullptr; }

  void Put(Ch) {}

  void Flush() {}

  std::size_t PutEnd(Ch*) { return 0; }

private:
  std::string_view text_;
  std::size_t at_;
};

constexpr unsigned parse_flags = rapidjson::kParseCommentsFlag |
                                 rapidjson::kParseTrailingCommasFlag |
                                 rapidjson::kParseIterativeFlag; // no recursion: any depth reads

/// Whether the object reached by `path` (keys from the root; nullopt for an array item) holds a
/// kind's variables.
bool is_holder(file_kind kind, std::vector<std::optional<std::string>> const& path) {
  auto is = [&](std::size_t i, std::string_view key) {
    return path[i] && *path[i] == key;
  };
  switch (kind) {
  case file_kind::wrangler_json: // vars, env.<name>.vars
    return (path.size() == 1 && is(0, "vars")) ||
           (path.size() == 3 && is(0, "env") && path[1] && is(2, "vars"));
  case file_kind::vercel: // env, build.env
    return (path.size() == 1 && is(0, "env")) ||
           (path.size() == 2 && is(0, "build") && is(1, "env"));
  default:
    return false;
  }
}

class reader : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, reader> {
public:
  reader(file_kind kind, std::string_view text, document& doc, counting_stream const& in)
      : kind_(kind), text_(text), doc_(doc), in_(in), lines_(text) {}

  bool StartObject() {
    open(true);
    return true;
  }

  bool StartArray() {
    open(false);
    return true;
  }

  bool EndObject(rapidjson::SizeType) { return close(); }

  bool EndArray(rapidjson::SizeType) { return close(); }

  bool Key(char const* s, rapidjson::SizeType n, bool) {
    if (open_.empty())
      return false;
    container& c = open_.back();
    c.key = std::string(s, n);
    c.key_raw = content_before(in_.Tell());
    return true;
  }

  bool String(char const* s, rapidjson::SizeType n, bool) {
    if (!open_.empty() && open_.back().scope && open_.back().key)
      add(open_.back(), std::string_view(s, n), content_before(in_.Tell()));
    return true;
  }

  // Numbers, booleans and null: no connection string.
  bool Default() { return true; }

private:
  struct container {
    std::optional<std::string> key; // an object's current member (none in an array)
    byte_span key_raw;              // its bytes inside the quotes
    std::uint32_t scope = 0;        // nonzero when the object holds variables
  };

  file_kind kind_;
  std::string_view text_;
  document& doc_;
  counting_stream const& in_;
  line_index lines_;
  std::vector<container> open_;
  std::uint32_t scopes_ = 0;

  void open(bool object) {
    container c;
    if (object) {
      std::vector<std::optional<std::string>> path;
      for (auto const& o : open_)
        path.push_back(o.key);
      if (is_holder(kind_, path))
        c.scope = ++scopes_;
    }
    open_.push_back(std::move(c));
  }

  bool close() {
    if (open_.empty())
      return false;
    open_.pop_back();
    return true;
  }

  /// The content of the string whose closing quote is just before `end`: back to the first `"`
  /// not escaped by an odd run of backslashes.
  byte_span content_before(std::size_t end) const {
    std::size_t const close = end - 1;
    for (std::size_t q = close; q-- > 0;) {
      if (text_[q] != '"')
        continue;
      std::size_t slashes = 0;
      while (slashes < q && text_[q - 1 - slashes] == '\\')
        ++slashes;
      if (slashes % 2 == 0)
        return {q + 1, close};
    }
    return {close, close}; // not reached: the parser read a quote there
  }

  void add(container const& holder, std::string_view value, byte_span content) {
    entry e;
    e.format = source_format::json;
    e.scope = holder.scope;
    e.key = holder.key_raw;
    e.name = doc_.view_of(holder.key_raw.of(text_), *holder.key);
    e.inner = content;
    e.raw_value = {content.begin - 1, content.end + 1};
    e.quote = quoting::double_quote;
    scalar_map const map = map_json_string(content.of(text_), content.begin, value);
    e.writable = map.exact;
    if (map.identity) {
      e.logical_value = content.of(text_);
    } else {
      e.logical_value = doc_.keep(value);
      for (std::size_t i = 0; i <= value.size(); ++i)
        e.logical_to_raw.push_back(static_cast<std::uint32_t>(map.offset(i)));
    }
    e.line = lines_.lines_of(text_, {e.key.begin - 1, e.raw_value.end});
    doc_.entries.push_back(std::move(e));
  }
};

} // namespace

result<document> read_deployment_json(file_kind kind, std::string_view text) {
  document doc;
  doc.text = text;
  doc.format = source_format::json;
  std::size_t const start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0; // a byte order mark
  counting_stream in(text, start);
  reader r(kind, text, doc, in);
  rapidjson::Reader parser;
  rapidjson::ParseResult const parsed = parser.Parse<parse_flags>(in, r);
  // A NUL byte reads as the end of the stream: what follows one was never parsed.
  std::optional<std::size_t> stop;
  if (parsed.IsError())
    stop = parsed.Offset();
  else if (in.Tell() < text.size())
    stop = in.Tell();
  if (stop) {
    // RapidJSON's messages name only the error, but where it stopped is all that is said, as
    // for YAML and TOML: nothing of the input, which may hold passwords.
    auto const at = line_index(text).position(std::min(*stop, text.size()));
    return problem{"not valid JSON; not checked", source_location{"", at.line, at.column}};
  }
  return doc;
}

} // namespace poolcheck::formats
