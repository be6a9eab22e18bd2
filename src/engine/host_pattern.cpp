// Linear-time host pattern matching: labels before a multi-label capture are matched from the
// left, labels after it from the right, and each label is scanned once.
#include "engine/host_pattern.hpp"

#include "core/ascii.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>

namespace poolcheck::engine {
namespace {

std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (needle.size() > haystack.size())
    return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i)
    if (ascii::iequals(haystack.substr(i, needle.size()), needle))
      return i;
  return std::string_view::npos;
}

// Host names have a handful of labels: no heap allocation for them.
using label_list = boost::container::small_vector<std::string_view, 8>;

label_list split_labels(std::string_view host) {
  label_list labels;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = host.find('.', start);
    labels.push_back(host.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos)
      return labels;
    start = dot + 1;
  }
}

} // namespace

result<host_pattern> host_pattern::compile(std::string_view text) {
  host_pattern p;
  p.text_ = std::string(text);
  if (text.empty())
    return problem{"empty host pattern", {}};
  bool seen_multi = false;
  for (std::string_view raw : split_labels(text)) {
    label l;
    if (raw.empty())
      return problem{"empty label in host pattern `" + p.text_ + "`", {}};
    if (raw == "*") {
      l.any = true;
    } else if (raw.size() > 3 && raw.front() == '{' && raw.substr(raw.size() - 2) == "*}") {
      if (seen_multi)
        return problem{"host pattern `" + p.text_ + "` has more than one `{name*}` label", {}};
      seen_multi = true;
      l.multi = true;
      l.parts.push_back({true, std::string(raw.substr(1, raw.size() - 3))});
    } else {
      std::size_t i = 0;
      while (i < raw.size()) {
        if (raw[i] == '{') {
          std::size_t close = raw.find('}', i);
          if (close == std::string_view::npos || close == i + 1)
            return problem{"unclosed or empty `{}` in host pattern `" + p.text_ + "`", {}};
          if (!l.parts.empty() && l.parts.back().capture)
            return problem{
                "two captures without text between them in host pattern `" + p.text_ + "`", {}};
          l.parts.push_back({true, std::string(raw.substr(i + 1, close - i - 1))});
          i = close + 1;
        } else {
          std::size_t next = std::min(raw.find('{', i), raw.size());
          l.parts.push_back({false, std::string(raw.substr(i, next - i))});
          i = next;
        }
      }
    }
    p.labels_.push_back(std::move(l));
  }
  // The literal labels at the end, each with the dot before it (but the pattern's first): a host
  // that does not end with that text cannot match.
  auto l = p.labels_.rbegin();
  for (; l != p.labels_.rend() && !l->any && !l->multi && l->parts.size() == 1 &&
         !l->parts.front().capture;
       ++l)
    p.literal_end_.insert(0, "." + l->parts.front().text);
  if (l == p.labels_.rend())
    p.literal_end_.erase(0, 1);
  return p;
}

bool host_pattern::match_label(label const& l, std::string_view host_label, captures& out) {
  if (host_label.empty())
    return false;
  if (l.any)
    return true;
  std::size_t pos = 0;
  for (std::size_t k = 0; k < l.parts.size(); ++k) {
    part const& pc = l.parts[k];
    bool last = k + 1 == l.parts.size();
    if (!pc.capture) {
      if (last) {
        // A trailing literal must end the label.
        if (host_label.size() < pos + pc.text.size() ||
            !ascii::iequals(host_label.substr(host_label.size() - pc.text.size()), pc.text))
          return false;
        if (k == 0 && host_label.size() != pc.text.size())
          return false;
        pos = host_label.size();
      } else {
        if (!ascii::iequals(host_label.substr(pos, pc.text.size()), pc.text))
          return false;
        pos += pc.text.size();
      }
      continue;
    }
    std::size_t end = host_label.size();
    if (!last) {
      part const& next = l.parts[k + 1];
      bool next_is_last = k + 2 == l.parts.size();
      end = next_is_last ? host_label.size() - std::min(host_label.size(), next.text.size())
                         : ifind(host_label, next.text, pos);
      if (end == std::string_view::npos || end < pos)
        return false;
    }
    if (end == pos)
      return false; // captures are never empty
    out[pc.text] = std::string(host_label.substr(pos, end - pos));
    pos = end;
  }
  return pos == host_label.size();
}

std::optional<captures> host_pattern::match(std::string_view host) const {
  if (host.empty())
    return std::nullopt;
  if (host.back() == '.')
    host.remove_suffix(1); // a fully qualified name
  // Most hosts are told apart by their last labels: no need to split them for that.
  if (host.size() < literal_end_.size() ||
      !ascii::iequals(host.substr(host.size() - literal_end_.size()), literal_end_))
    return std::nullopt;
  auto host_labels = split_labels(host);
  // A host with an empty label (`ep-..-pooler.x`, `a..b`) is no DNS name, often a template's
  // elision: it matches nothing, so nothing is derived from it.
  if (std::any_of(host_labels.begin(), host_labels.end(),
                  [](std::string_view l) { return l.empty(); }))
    return std::nullopt;
  captures out;
  auto multi = std::find_if(labels_.begin(), labels_.end(), [](label const& l) { return l.multi; });
  auto before = static_cast<std::size_t>(multi - labels_.begin());
  std::size_t after = labels_.size() - before - (multi == labels_.end() ? 0 : 1);
  if (multi == labels_.end() ? host_labels.size() != labels_.size()
                             : host_labels.size() < before + after + 1)
    return std::nullopt;
  for (std::size_t i = 0; i < before; ++i)
    if (!match_label(labels_[i], host_labels[i], out))
      return std::nullopt;
  if (multi == labels_.end())
    return out;
  for (std::size_t i = 0; i < after; ++i)
    if (!match_label(labels_[labels_.size() - 1 - i], host_labels[host_labels.size() - 1 - i], out))
      return std::nullopt;
  std::string joined;
  for (std::size_t i = before; i < host_labels.size() - after; ++i) {
    if (!joined.empty())
      joined += '.';
    joined += host_labels[i];
  }
  out[multi->parts.front().text] = joined;
  return out;
}

} // namespace poolcheck::engine
