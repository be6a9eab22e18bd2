// Project-based client detection.
#include "cli/project.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace poolcheck::cli {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_small_file(fs::path const& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec) || fs::file_size(p, ec) > (4u << 20))
    return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int major_version(std::string const& spec) {
  for (std::size_t i = 0; i < spec.size(); ++i)
    if (spec[i] >= '0' && spec[i] <= '9')
      return std::atoi(spec.c_str() + i);
  return 0; // "latest", a tag or a URL: unknown
}

} // namespace

engine::client_choice client_from_package_json(std::string const& text) {
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return {};
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
    int major = major_version(prisma_spec);
    std::string origin = "package.json (prisma " + prisma_spec + ")";
    if (has_adapter || major >= 7)
      return {engine::client::prisma_adapter, origin};
    return {engine::client::prisma, origin};
  }
  if (deps.contains("pg"))
    return {engine::client::node_postgres, "package.json (pg)"};
  if (deps.contains("postgres"))
    return {engine::client::postgres_js, "package.json (postgres)"};
  return {};
}

engine::client_choice project_detector::client_for(fs::path const& folder) {
  std::error_code ec;
  if (folder.is_relative()) {
    std::lock_guard lock(mutex_);
    if (cwd_.empty())
      cwd_ = fs::current_path(ec);
    if (ec)
      return {};
  }
  // cwd_ is written once, under the lock, and read (for a relative folder) only after taking it.
  fs::path dir = normal_folder(cwd_, folder);
  std::vector<fs::path> visited;
  engine::client_choice found;
  for (; !dir.empty(); dir = dir.parent_path()) {
    {
      // The lookups below run unlocked: two threads may look at the same folder, and agree.
      std::lock_guard lock(mutex_);
      if (auto it = cache_.find(dir.native()); it != cache_.end()) {
        found = it->second;
        break;
      }
    }
    visited.push_back(dir);
    folder_facts const here = listing_->facts(dir);
    if (here.may_have("package.json")) {
      if (auto pkg = read_small_file(dir / "package.json")) {
        found = client_from_package_json(*pkg);
        if (found.value != engine::client::unknown)
          break;
      }
    }
    if (here.may_have("prisma") && listing_->facts(dir / "prisma").may_have("schema.prisma") &&
        read_small_file(dir / "prisma" / "schema.prisma")) {
      found = {engine::client::prisma, "prisma/schema.prisma"};
      break;
    }
    if ((here.may_have(".git") && fs::exists(dir / ".git", ec)) || dir == dir.parent_path())
      break;
  }
  std::lock_guard lock(mutex_);
  for (auto const& v : visited)
    cache_[v.native()] = found;
  return found;
}

} // namespace poolcheck::cli
