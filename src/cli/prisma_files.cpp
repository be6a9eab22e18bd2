#include "cli/prisma_files.hpp"

#include "cli/project.hpp"

#include <algorithm>
#include <vector>

namespace poolcheck::cli {

namespace fs = std::filesystem;

namespace {

/// `path` from the project root, if it stays inside it as written.
std::optional<fs::path> inside(std::string const& path) {
  fs::path const p = fs::path(path).lexically_normal();
  if (path.empty() || p.is_absolute() || p.empty() || *p.begin() == "..")
    return std::nullopt;
  return p;
}

/// Whether `root / rel` stays inside `root` once symlinks are followed. Without a symlink on the
/// way (the usual case) it does, and resolving both paths would cost a call per component.
bool within(fs::path const& root, fs::path const& rel) {
  std::error_code ec;
  fs::path at = root;
  bool linked = false;
  for (auto const& part : rel)
    linked = linked || fs::is_symlink(at /= part, ec);
  if (!linked)
    return true;
  fs::path const base = fs::weakly_canonical(root, ec);
  fs::path const target = fs::weakly_canonical(root / rel, ec);
  if (ec)
    return false;
  auto const [left, right] = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
  return left == base.end();
}

/// The schema at `rel` (a file, or a folder of .prisma files: the one holding the datasource
/// gives the URLs).
std::optional<prisma_files::schema_file> read_schema(fs::path const& root, fs::path const& rel) {
  std::error_code ec;
  auto const status = fs::status(root / rel, ec);
  if (!fs::exists(status) || !within(root, rel))
    return std::nullopt;
  if (!fs::is_directory(status)) {
    auto text = read_project_file(root / rel);
    if (!text)
      return std::nullopt;
    return prisma_files::schema_file{rel.generic_string(), project::read_prisma_schema(*text)};
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(root / rel, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".prisma")
      files.push_back(it->path().filename());
  std::sort(files.begin(), files.end());
  std::optional<prisma_files::schema_file> out;
  for (auto const& name : files) {
    auto text = within(root, rel / name) ? read_project_file(root / rel / name) : std::nullopt;
    if (!text)
      continue;
    auto facts = project::read_prisma_schema(*text);
    if (!out || (out->facts.datasource_count == 0 && facts.datasource_count > 0))
      out = prisma_files::schema_file{(rel / name).generic_string(), std::move(facts)};
  }
  return out;
}

} // namespace

prisma_files read_prisma_files(fs::path const& root, folder_names const& here,
                               std::optional<std::string> const& package_schema) {
  prisma_files out;
  if (auto file = read_js_config(root, here, "prisma.config"))
    out.config = prisma_files::config_file{file->name, project::read_prisma_config(file->text)};
  std::optional<std::string> const named =
      out.config && out.config->facts.schema ? out.config->facts.schema : package_schema;
  if (named) {
    if (auto rel = inside(*named))
      out.schema = read_schema(root, *rel);
    return out; // where the CLI is told to look, and nowhere else
  }
  for (char const* rel : {"prisma/schema.prisma", "schema.prisma", "prisma/schema"})
    if (!out.schema && here.contains(fs::path(rel).begin()->string()))
      out.schema = read_schema(root, rel);
  return out;
}

} // namespace poolcheck::cli
