// Line diff (Myers, linear space) and its rendering in the unified format of `diff -u`.
#include "fix/unified_diff.hpp"

#include "core/printable.hpp"

#include <algorithm>
#include <cstddef>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace poolcheck::fixes {
namespace {

constexpr std::size_t context_lines = 3;

/// Lines with their terminator, so "a\n" and a final "a" differ the way diff sees them.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto newline = text.find('\n');
    std::size_t size = newline == std::string_view::npos ? text.size() : newline + 1;
    lines.push_back(text.substr(0, size));
    text.remove_prefix(size);
  }
  return lines;
}

/// Marks which lines of `a` are deleted and which of `b` inserted, by Myers' divide and conquer
/// on the middle snake (O((N+M)D) time, O(N+M) space). Lines are compared as interned ids.
class line_differ {
public:
  line_differ(std::vector<int> const& a, std::vector<int> const& b)
      : deleted(a.size(), false), inserted(b.size(), false), a_(a), b_(b),
        forward_(4 * (a.size() + b.size()) + 8), backward_(forward_.size()) {}

  void run() { compare(0, a_.size(), 0, b_.size()); }

  std::vector<bool> deleted;
  std::vector<bool> inserted;

private:
  using index = std::ptrdiff_t;

  void compare(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    while (a0 < a1 && b0 < b1 && a_[a0] == b_[b0]) {
      ++a0;
      ++b0;
    }
    while (a0 < a1 && b0 < b1 && a_[a1 - 1] == b_[b1 - 1]) {
      --a1;
      --b1;
    }
    if (a0 == a1) {
      for (std::size_t j = b0; j < b1; ++j)
        inserted[j] = true;
      return;
    }
    if (b0 == b1) {
      for (std::size_t i = a0; i < a1; ++i)
        deleted[i] = true;
      return;
    }
    // Both sides are non-empty and differ at both ends, so the split is strictly inside and both
    // halves are smaller.
    auto [x, y] = middle_point(a0, a1, b0, b1);
    compare(a0, a0 + x, b0, b0 + y);
    compare(a0 + x, a1, b0 + y, b1);
  }

  /// A point (relative to a0, b0) on a shortest edit path: the end of the forward snake where the
  /// forward and backward searches first overlap (Myers 1986, lemma 3).
  std::pair<std::size_t, std::size_t> middle_point(std::size_t a0, std::size_t a1, std::size_t b0,
                                                   std::size_t b1) {
    auto n = static_cast<index>(a1 - a0);
    auto m = static_cast<index>(b1 - b0);
    index delta = n - m;
    bool odd = (delta & 1) != 0;
    // Diagonal k = x - y; both arrays hold x positions. |k| stays below |delta| + d + 2, at most
    // 1.5 * (n + m) + 2, so this offset keeps every index inside the arrays.
    index offset = 2 * (n + m) + 2;
    auto vf = [&](index k) -> index& {
      return forward_[static_cast<std::size_t>(k + offset)];
    };
    auto vb = [&](index k) -> index& {
      return backward_[static_cast<std::size_t>(k + offset)];
    };
    auto same = [&](index x, index y) {
      return a_[a0 + static_cast<std::size_t>(x)] == b_[b0 + static_cast<std::size_t>(y)];
    };
    vf(1) = 0;
    vb(delta + 1) = n + 1;
    for (index d = 0; d <= (n + m + 1) / 2; ++d) {
      for (index k = -d; k <= d; k += 2) {
        index x = (k == -d || (k != d && vf(k - 1) < vf(k + 1))) ? vf(k + 1) : vf(k - 1) + 1;
        index y = x - k;
        while (x < n && y < m && same(x, y)) {
          ++x;
          ++y;
        }
        vf(k) = x;
        if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) && vf(k) >= vb(k))
          return {static_cast<std::size_t>(x), static_cast<std::size_t>(y)};
      }
      for (index k = delta - d; k <= delta + d; k += 2) {
        index c = k - delta;
        index x = (c == -d || (c != d && vb(k + 1) <= vb(k - 1))) ? vb(k + 1) - 1 : vb(k - 1);
        index y = x - k;
        while (x > 0 && y > 0 && same(x - 1, y - 1)) {
          --x;
          --y;
        }
        vb(k) = x;
        if (!odd && k >= -d && k <= d && vf(k) >= vb(k))
          return {static_cast<std::size_t>(vf(k)), static_cast<std::size_t>(vf(k) - k)};
      }
    }
    // Unreachable: the searches meet by d = ceil((n + m) / 2).
    return {static_cast<std::size_t>(n), static_cast<std::size_t>(m)};
  }

  std::vector<int> const& a_;
  std::vector<int> const& b_;
  std::vector<index> forward_;
  std::vector<index> backward_;
};

/// Marks the lines of `side` that never occur in `other`: they cannot be part of any common
/// subsequence, so they are changes without any search (this keeps a rewritten file cheap).
std::vector<bool> only_on_one_side(std::vector<int> const& side, std::vector<int> const& other) {
  std::unordered_set<int> present(other.begin(), other.end());
  std::vector<bool> marks(side.size(), false);
  for (std::size_t i = 0; i < side.size(); ++i)
    marks[i] = present.count(side[i]) == 0;
  return marks;
}

/// Runs the search on the lines not yet marked and maps its marks back to the full middle.
void search_the_rest(std::vector<int> const& a, std::vector<int> const& b,
                     std::vector<bool>& deleted, std::vector<bool>& inserted) {
  std::vector<int> a_rest;
  std::vector<int> b_rest;
  std::vector<std::size_t> a_where;
  std::vector<std::size_t> b_where;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!deleted[i]) {
      a_rest.push_back(a[i]);
      a_where.push_back(i);
    }
  }
  for (std::size_t j = 0; j < b.size(); ++j) {
    if (!inserted[j]) {
      b_rest.push_back(b[j]);
      b_where.push_back(j);
    }
  }
  line_differ differ(a_rest, b_rest);
  differ.run();
  for (std::size_t i = 0; i < a_rest.size(); ++i) {
    if (differ.deleted[i])
      deleted[a_where[i]] = true;
  }
  for (std::size_t j = 0; j < b_rest.size(); ++j) {
    if (differ.inserted[j])
      inserted[b_where[j]] = true;
  }
}

enum class op_kind { keep, remove, add };

struct op {
  op_kind kind;
  std::size_t a; // index in `before` of this line, or of the next one for an add
  std::size_t b; // likewise in `after`
};

/// diff's way of naming a range: "start,count", "start" for one line, and for an empty range the
/// line before it with ",0" (what patch expects for additions to an empty file).
std::string range_text(std::size_t first, std::size_t count) {
  if (count == 0)
    return std::to_string(first) + ",0";
  if (count == 1)
    return std::to_string(first + 1);
  return std::to_string(first + 1) + "," + std::to_string(count);
}

/// Writes `line`, a part of `text`, after `mark`, with the parts of it that `masked` (spans of
/// `text`, in order, apart) covers printed as `****`; its line ending is kept.
void emit_line(std::string& out, char mark, std::string_view text, std::string_view line,
               std::span<byte_span const> masked) {
  out += mark;
  std::size_t const begin = static_cast<std::size_t>(line.data() - text.data());
  std::size_t const ending = line.ends_with("\r\n") ? 2 : line.ends_with('\n') ? 1 : 0;
  std::size_t const end = begin + line.size() - ending;
  auto it = std::upper_bound(masked.begin(), masked.end(), begin,
                             [](std::size_t at, byte_span m) { return at < m.end; });
  std::size_t at = begin;
  for (; it != masked.end() && it->begin < end; ++it) {
    std::size_t const from = std::max(it->begin, begin);
    out += text.substr(at, from - at);
    out += "****";
    at = std::min(it->end, end);
  }
  out += text.substr(at, begin + line.size() - at);
  if (line.empty() || line.back() != '\n')
    out += "\n\\ No newline at end of file\n";
}

/// Groups the script into hunks with `context_lines` of context and renders them.
void append_hunks(std::string& out, std::vector<op> const& ops,
                  std::vector<std::string_view> const& a_lines,
                  std::vector<std::string_view> const& b_lines, std::string_view a,
                  std::string_view b, masked_spans masked) {
  auto from_a = [&](char mark, std::size_t i) {
    emit_line(out, mark, a, a_lines[i], masked.before);
  };
  std::size_t at = 0;
  while (at < ops.size()) {
    while (at < ops.size() && ops[at].kind == op_kind::keep)
      ++at;
    if (at == ops.size())
      break;
    std::size_t start = at >= context_lines ? at - context_lines : 0;
    // Extend the hunk while the next change is close enough for the two contexts to touch: at
    // most 2 * context unchanged lines in between, as diff does.
    std::size_t last_change = at;
    for (std::size_t k = at; k < ops.size() && k <= last_change + 2 * context_lines + 1; ++k) {
      if (ops[k].kind != op_kind::keep)
        last_change = k;
    }
    std::size_t end = std::min(ops.size(), last_change + 1 + context_lines);

    std::size_t a_count = 0;
    std::size_t b_count = 0;
    for (std::size_t k = start; k < end; ++k) {
      a_count += ops[k].kind != op_kind::add ? 1 : 0;
      b_count += ops[k].kind != op_kind::remove ? 1 : 0;
    }
    out += "@@ -" + range_text(ops[start].a, a_count) + " +" + range_text(ops[start].b, b_count) +
           " @@\n";
    for (std::size_t k = start; k < end; ++k) {
      switch (ops[k].kind) {
      case op_kind::keep:
        from_a(' ', ops[k].a);
        break;
      case op_kind::remove:
        from_a('-', ops[k].a);
        break;
      case op_kind::add:
        emit_line(out, '+', b, b_lines[ops[k].b], masked.after);
        break;
      }
    }
    at = end;
  }
}

} // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view name,
                         masked_spans masked) {
  if (before == after)
    return {};
  auto a_lines = split_lines(before);
  auto b_lines = split_lines(after);

  // The common prefix and suffix are compared as text once, so only the changed middle is interned
  // and searched.
  std::size_t prefix = 0;
  while (prefix < a_lines.size() && prefix < b_lines.size() && a_lines[prefix] == b_lines[prefix])
    ++prefix;
  std::size_t suffix = 0;
  while (suffix < a_lines.size() - prefix && suffix < b_lines.size() - prefix &&
         a_lines[a_lines.size() - 1 - suffix] == b_lines[b_lines.size() - 1 - suffix])
    ++suffix;

  std::unordered_map<std::string_view, int> ids;
  auto intern = [&](std::size_t from, std::size_t to, std::vector<std::string_view> const& lines) {
    std::vector<int> out;
    out.reserve(to - from);
    for (std::size_t i = from; i < to; ++i)
      out.push_back(ids.try_emplace(lines[i], static_cast<int>(ids.size())).first->second);
    return out;
  };
  auto a_ids = intern(prefix, a_lines.size() - suffix, a_lines);
  auto b_ids = intern(prefix, b_lines.size() - suffix, b_lines);
  auto deleted = only_on_one_side(a_ids, b_ids);
  auto inserted = only_on_one_side(b_ids, a_ids);
  search_the_rest(a_ids, b_ids, deleted, inserted);

  // Within each run of changes, removals come before additions, as diff prints them.
  std::vector<op> ops;
  ops.reserve(a_lines.size() + b_ids.size());
  for (std::size_t i = 0, j = 0; i < a_lines.size() || j < b_lines.size();) {
    bool in_middle_a = i >= prefix && i - prefix < a_ids.size();
    bool in_middle_b = j >= prefix && j - prefix < b_ids.size();
    if (in_middle_a && deleted[i - prefix]) {
      ops.push_back({op_kind::remove, i++, j});
    } else if (in_middle_b && inserted[j - prefix]) {
      ops.push_back({op_kind::add, i, j++});
    } else {
      ops.push_back({op_kind::keep, i++, j++});
    }
  }

  // git's a/ and b/ for a relative path (without a leading ./, so that `git apply` takes it);
  // none for an absolute one (`patch -p0`), where `a//abs` would name no file.
  std::string_view shown = name;
  while (shown.starts_with("./"))
    shown.remove_prefix(2);
  bool const absolute = shown.starts_with('/');
  std::string const path = printable(shown);
  std::string out;
  out += absolute ? "--- " : "--- a/";
  out += path;
  out += absolute ? "\n+++ " : "\n+++ b/";
  out += path;
  out += "\n";

  append_hunks(out, ops, a_lines, b_lines, before, after, masked);
  return out;
}

} // namespace poolcheck::fixes
