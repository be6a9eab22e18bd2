// Byte-preserving URL edits (providers.md section 7.9: no re-encoding of userinfo, append with
// `&` when a query exists, never a second `?`).
#include "engine/url_edits.hpp"

#include <algorithm>

namespace poolcheck::engine {
namespace {

/// a + b, appended rather than `"x" + std::string(...)`, which trips g++ 12's -Wrestrict.
std::string join(std::string_view a, std::string_view b) {
  std::string out;
  out.reserve(a.size() + b.size());
  out.append(a).append(b);
  return out;
}

std::vector<edit> one(std::size_t begin, std::size_t end, std::string_view text) {
  return {edit{{begin, end}, std::string(text)}};
}

/// Whether the parameters as parsed may not be what is written, so no parameter edit is derived:
/// - a second `?` makes a parameter's value run into the next one (`a=1?b=2`): until URL003 has
///   split them, a removal would take both;
/// - in keyword form, reading stops at a pair it cannot parse (URL007): pairs after it are unknown,
///   and one appended after it would be read by no one, so the edit would be offered again and
///   again.
bool params_uncertain(url_facts const& f) {
  return std::any_of(
      f.info.problems.begin(), f.info.problems.end(), [&](pg::syntax_problem const& p) {
        return p.kind == pg::problem_kind::second_question_mark ||
               (f.info.form == pg::form::keyword && p.kind == pg::problem_kind::unparsable);
      });
}

} // namespace

std::vector<edit> append_param(url_facts const& f, std::string_view key, std::string_view value) {
  if (params_uncertain(f))
    return {};
  std::string pair = join(join(key, "="), value);
  std::string_view v = f.entry.logical_value;
  // After a `#` (a fragment to WHATWG parsers such as Prisma's and node-postgres's, part of the
  // value to libpq) or a space (a comment the quotes took in), an appended parameter is read by
  // some clients and not by others.
  if (f.info.form == pg::form::url && v.find_first_of("# \t\r\n") != std::string_view::npos)
    return {};
  if (f.info.form == pg::form::keyword)
    return one(f.info.end, f.info.end, join(" ", pair));
  if (f.info.raw_query) {
    std::size_t at = f.info.raw_query->end;
    bool needs_amp = !f.info.raw_query->empty() && v[at - 1] != '&';
    return one(at, at, join(needs_amp ? "&" : "", pair));
  }
  return one(f.info.end, f.info.end, join("?", pair));
}

std::vector<edit> remove_param(url_facts const& f, pg::param const& p) {
  if (params_uncertain(f))
    return {};
  std::string_view v = f.entry.logical_value;
  std::size_t begin = p.raw.begin;
  std::size_t end = p.raw.end;
  if (f.info.form == pg::form::keyword) {
    while (begin > 0 && (v[begin - 1] == ' ' || v[begin - 1] == '\t'))
      --begin;
    return one(begin, end, "");
  }
  if (end < v.size() && v[end] == '&')
    ++end; // `a=1&b=2` -> `b=2`
  else if (begin > 0 && v[begin - 1] == '&')
    --begin; // `a=1&b=2` -> `a=1`
  else if (begin > 0 && v[begin - 1] == '?' && f.info.raw_query && end == f.info.raw_query->end)
    --begin; // the only parameter: drop the `?` too
  return one(begin, end, "");
}

std::vector<edit> set_param_value(url_facts const& f, pg::param const& p, std::string_view value) {
  if (params_uncertain(f))
    return {};
  if (f.info.form == pg::form::url && p.raw_value.empty() && p.raw_key.end == p.raw.end)
    return one(p.raw.end, p.raw.end, join("=", value)); // `key` without `=`
  return one(p.raw_value.begin, p.raw_value.end, value);
}

std::vector<edit> set_host_port(url_facts const& f, std::string_view host,
                                std::optional<int> port) {
  if (f.info.hosts.size() != 1 || f.info.form != pg::form::url)
    return {};
  pg::host const& h = f.info.hosts.front();
  std::vector<edit> edits;
  if (host != h.raw.of(f.entry.logical_value))
    edits.push_back({h.raw, std::string(host)});
  if (port && *port != f.port) {
    std::string text = std::to_string(*port);
    edits.push_back(h.port ? edit{h.port->raw, text}
                           : edit{{h.raw.end, h.raw.end}, join(":", text)});
  }
  return edits;
}

std::vector<edit> joined(std::vector<edit> edits) {
  std::stable_sort(edits.begin(), edits.end(),
                   [](edit const& a, edit const& b) { return a.span.begin < b.span.begin; });
  std::vector<edit> out;
  for (auto& e : edits) {
    if (!out.empty() && out.back().span.end == e.span.begin) {
      out.back().span.end = e.span.end;
      out.back().replacement += e.replacement;
    } else {
      out.push_back(std::move(e));
    }
  }
  return out;
}

} // namespace poolcheck::engine
