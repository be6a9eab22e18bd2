// Lock file readers: JSON through the line-aware scanner, the text formats line by line.
#include "project/lock_files.hpp"

#include "project/json_lines.hpp"

#include <array>
#include <vector>

namespace poolcheck::project {

namespace {

// The application's client first: its version decides the query engine or driver adapters.
constexpr std::array<std::string_view, 2> packages{"@prisma/client", "prisma"};

bool version_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
         c == '+' || c == '-';
}

/// The version-shaped prefix of `s` (a digit, then version characters), or empty.
std::string_view version_prefix(std::string_view s) {
  if (s.empty() || s.front() < '0' || s.front() > '9')
    return {};
  std::size_t n = 0;
  while (n < s.size() && n < 64 && version_char(s[n]))
    ++n;
  return s.substr(0, n);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

/// Lines with their 1-based numbers.
std::vector<std::pair<std::size_t, std::string_view>> lines_of(std::string_view text) {
  std::vector<std::pair<std::size_t, std::string_view>> out;
  std::size_t n = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos)
      end = text.size();
    out.emplace_back(++n, text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

/// The first hit per package, in `packages` order.
std::optional<locked_version> preferred(std::array<std::optional<locked_version>, 2>& found) {
  for (auto& f : found)
    if (f)
      return std::move(f);
  return std::nullopt;
}

} // namespace

std::optional<locked_version> prisma_version_from_package_lock(std::string_view text) {
  std::array<std::optional<locked_version>, 2> modern;
  std::array<std::optional<locked_version>, 2> legacy;
  json::scan(text, [&](json::scalar const& s) {
    if (s.path.size() != 3 || s.path[2] != "version" || !s.string)
      return;
    for (std::size_t i = 0; i < packages.size(); ++i) {
      auto& slot = s.path[0] == "packages" ? modern[i] : legacy[i];
      bool const named = s.path[0] == "packages"
                             ? s.path[1] == "node_modules/" + std::string(packages[i])
                             : s.path[0] == "dependencies" && s.path[1] == packages[i];
      auto const v = version_prefix(*s.string);
      if (!named || slot || v.empty() || v.size() != s.string->size())
        continue;
      slot = locked_version{std::string(packages[i]),
                            std::string(v),
                            {file_kind::package_lock, s.line, s.path[0] + "." + s.path[1]}};
    }
  });
  // What was read before a syntax error stands: a truncated lock still names its versions.
  if (auto m = preferred(modern))
    return m;
  return preferred(legacy);
}

std::optional<locked_version> prisma_version_from_pnpm_lock(std::string_view text) {
  std::array<std::optional<locked_version>, 2> found;
  for (auto const& [n, raw] : lines_of(text)) {
    std::string_view key = trim(raw);
    if (key.empty() || key.back() != ':')
      continue; // a package key is a mapping key with its value on the following lines
    if (key.front() == '\'' || key.front() == '"')
      key.remove_prefix(1);
    if (!key.empty() && key.front() == '/')
      key.remove_prefix(1);
    for (std::size_t i = 0; i < packages.size(); ++i) {
      std::string_view const name = packages[i];
      if (found[i] || !starts_with(key, name) || key.size() <= name.size() ||
          (key[name.size()] != '@' && key[name.size()] != '/'))
        continue;
      std::string_view const rest = key.substr(name.size() + 1);
      auto const v = version_prefix(rest);
      // After the version: the key's end, a peer suffix `(...)` (6.x+) or `_...` (5.x).
      char const next = v.size() < rest.size() ? rest[v.size()] : '\0';
      if (v.empty() || !(next == ':' || next == '(' || next == '_' || next == '\'' || next == '"'))
        continue;
      found[i] = locked_version{
          std::string(name), std::string(v), {file_kind::pnpm_lock, n, std::string(name)}};
    }
  }
  return preferred(found);
}

std::optional<locked_version> prisma_version_from_yarn_lock(std::string_view text) {
  std::array<std::optional<locked_version>, 2> found;
  // The index into packages of the entry being read; packages.size() outside one (a plain
  // index: g++ 12 at -O2 reports a std::optional<std::size_t> here as maybe uninitialized).
  std::size_t const none = packages.size();
  std::size_t entry = none;
  for (auto const& [n, raw] : lines_of(text)) {
    std::string_view const line = trim(raw);
    if (line.empty() || line.front() == '#')
      continue;
    if (raw.front() != ' ' && raw.front() != '\t') {
      // An entry header: comma-separated specifiers ending with ':'.
      entry = none;
      if (line.back() != ':')
        continue;
      std::string_view specs = line.substr(0, line.size() - 1);
      while (!specs.empty() && entry == none) {
        std::size_t const comma = specs.find(',');
        std::string_view spec = trim(specs.substr(0, comma));
        specs = comma == std::string_view::npos ? std::string_view{} : specs.substr(comma + 1);
        if (!spec.empty() && spec.front() == '"')
          spec.remove_prefix(1);
        for (std::size_t i = 0; i < packages.size(); ++i)
          if (!found[i] && starts_with(spec, packages[i]) && spec.size() > packages[i].size() &&
              spec[packages[i].size()] == '@')
            entry = i;
      }
      continue;
    }
    if (entry == none || !starts_with(line, "version"))
      continue;
    std::string_view value = line.substr(7);
    if (!value.empty() && value.front() == ':')
      value.remove_prefix(1);
    value = trim(value);
    if (!value.empty() && value.front() == '"')
      value.remove_prefix(1);
    auto const v = version_prefix(value);
    if (!v.empty())
      found[entry] = locked_version{std::string(packages[entry]),
                                    std::string(v),
                                    {file_kind::yarn_lock, n, std::string(packages[entry])}};
    entry = none;
  }
  return preferred(found);
}

std::optional<locked_version> prisma_version_from_bun_lock(std::string_view text) {
  std::array<std::optional<locked_version>, 2> found;
  for (auto const& [n, raw] : lines_of(text)) {
    std::string_view const line = trim(raw);
    for (std::size_t i = 0; i < packages.size(); ++i) {
      std::string const name(packages[i]);
      std::string const head = "\"" + name + "\": [\"" + name + "@";
      if (found[i] || !starts_with(line, head))
        continue;
      auto const v = version_prefix(line.substr(head.size()));
      if (!v.empty() && line.substr(head.size() + v.size(), 1) == "\"")
        found[i] = locked_version{name, std::string(v), {file_kind::bun_lock, n, name}};
    }
  }
  return preferred(found);
}

} // namespace poolcheck::project
