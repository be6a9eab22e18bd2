// Project-based client detection.
#include "cli/project.hpp"

#include "cli/inputs.hpp"

#include <nlohmann/json.hpp>

namespace poolcheck::cli {

namespace fs = std::filesystem;

std::optional<engine::client_choice> client_from_package_json(std::string const& text) {
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return std::nullopt;
  std::map<std::string, std::string> deps;
  for (char const* section : {"dependencies", "devDependencies"}) {
    auto it = doc.find(section);
    if (it == doc.end() || !it->is_object())
      continue;
    for (auto const& [name, version] : it->items())
      deps[name] = version.is_string() ? version.get<std::string>() : "";
  }
  std::string prisma_spec;
  for (char const* name : {"@prisma/client", "prisma"})
    if (deps.contains(name) && prisma_spec.empty())
      prisma_spec = deps[name];
  bool has_prisma = deps.contains("@prisma/client") || deps.contains("prisma");
  bool has_adapter = std::any_of(deps.begin(), deps.end(), [](auto const& d) {
    return d.first.rfind("@prisma/adapter-", 0) == 0;
  });
  if (has_prisma) {
    std::string origin = "package.json (prisma " + prisma_spec + ")";
    // "latest", a tag or a URL: no version to go by, so the classic engine.
    auto by_version = engine::client_for_prisma_version(prisma_spec);
    if (has_adapter)
      return engine::client_choice{engine::client::prisma_adapter, origin};
    return engine::client_choice{by_version.value_or(engine::client::prisma), origin};
  }
  if (deps.contains("pg"))
    return engine::client_choice{engine::client::node_postgres, "package.json (pg)"};
  if (deps.contains("postgres"))
    return engine::client_choice{engine::client::postgres_js, "package.json (postgres)"};
  return engine::client_choice{};
}

fs::path normal_folder(fs::path const& cwd, fs::path const& p) {
  fs::path out = (p.is_absolute() ? p : cwd / p).lexically_normal();
  if (!out.has_filename() && out.has_relative_path())
    out = out.parent_path(); // "a/b/" -> "a/b"
  return out;
}

engine::client_choice project_detector::client_for(fs::path const& folder) {
  std::error_code ec;
  if (folder.is_relative() && cwd_.empty())
    cwd_ = fs::current_path(ec);
  std::vector<fs::path> visited;
  engine::client_choice found;
  for (fs::path dir = normal_folder(cwd_, folder); !dir.empty(); dir = dir.parent_path()) {
    if (auto it = cache_.find(dir.native()); it != cache_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(dir);
    if (auto pkg = read_input((dir / "package.json").string())) {
      auto client = client_from_package_json(*pkg);
      if (!client)
        warnings_.push_back((dir / "package.json").string() +
                            ": not valid JSON; the client is not taken from it");
      found = client.value_or(engine::client_choice{});
      if (found.value != engine::client::unknown)
        break;
    }
    if (fs::is_regular_file(dir / "prisma" / "schema.prisma", ec)) {
      found = {engine::client::prisma, "prisma/schema.prisma"};
      break;
    }
    if (fs::exists(dir / ".git", ec) || dir == dir.parent_path())
      break;
  }
  for (auto const& v : visited)
    cache_[v.native()] = found;
  return found;
}

} // namespace poolcheck::cli
