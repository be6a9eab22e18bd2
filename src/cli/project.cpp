// The project model: project files found and read once per project folder (src/project/ reads
// each kind), turned into each variable's client and role.
#include "cli/project.hpp"

#include "cli/inputs.hpp"
#include "cli/prisma_files.hpp"
#include "project/drizzle_config.hpp"
#include "project/js_config.hpp"
#include "project/lock_files.hpp"
#include "project/manifests.hpp"
#include "project/migrate_steps.hpp"
#include "project/package_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sys/stat.h>
#include <unistd.h>

namespace poolcheck::cli {

namespace fs = std::filesystem;

namespace {

using engine::client;
using project::db_client;

/// The client of a manifest's variables: Prisma when it depends on it (and `with_prisma`), else a
/// driver it depends on (the pg-compatible ones read URLs as node-postgres does), else unknown; a
/// client other than Prisma means rules never assume Prisma.
engine::client_choice client_of(project::package_facts const& pkg, std::string const& where,
                                std::optional<std::string> const& locked_prisma, bool with_prisma) {
  if (auto prisma = pkg.prisma(); prisma && with_prisma) {
    std::string const version = locked_prisma.value_or(prisma->spec);
    std::string origin = where + ": prisma " + version;
    if (pkg.uses_prisma_adapters())
      return {client::prisma_adapter, origin + " with a driver adapter"};
    // "latest", a tag or a URL: no version to go by, so the classic engine.
    return {engine::client_for_prisma_version(version).value_or(client::prisma), origin};
  }
  engine::client_choice none{
      client::unknown,
      where + (with_prisma ? ": no Prisma"
                           : ": no client but Prisma, which reads what schema.prisma names")};
  none.not_prisma = true;
  for (auto [dep, value, name] :
       {std::tuple{db_client::node_postgres, client::node_postgres, "pg"},
        std::tuple{db_client::postgres_js, client::postgres_js, "postgres"},
        std::tuple{db_client::neon_serverless, client::node_postgres, "@neondatabase/serverless"},
        std::tuple{db_client::vercel_postgres, client::node_postgres, "@vercel/postgres"},
        std::tuple{db_client::pg_promise, client::node_postgres, "pg-promise"}})
    if (pkg.find(dep)) {
      engine::client_choice c{value, where + ": " + name};
      c.not_prisma = true;
      return c;
    }
  return none;
}

/// The other ecosystems' manifests in `dir` (pyproject.toml, requirements*.txt, go.mod, ...), with
/// their drivers: an unreadable one, or a TOML one that is not TOML, is left out.
std::vector<project::manifest> manifests_in(fs::path const& dir, folder_names const& here) {
  std::vector<project::manifest> out;
  for (auto const& name : here)
    if (auto const kind = project::manifest_kind(name))
      if (auto text = read_project_file(dir / name))
        if (auto drivers = project::read_manifest(*kind, *text))
          out.push_back({name, *kind, std::move(*drivers)});
  return out;
}

/// Whether `dir`, whose names are `here`, holds a project: package.json, a Prisma schema where
/// the CLI looks first, or another ecosystem's manifest.
bool is_project(fs::path const& dir, folder_names const& here) {
  std::error_code ec;
  if (here.contains("package.json") || here.contains("schema.prisma"))
    return true;
  if (here.contains("prisma") && fs::is_regular_file(dir / "prisma" / "schema.prisma", ec))
    return true;
  return std::any_of(here.begin(), here.end(), [](std::string const& name) {
    return project::manifest_kind(name).has_value();
  });
}

/// The variable `prisma migrate` connects with, when the project says: prisma.config's
/// `datasource.url` (Prisma 7, where the app itself connects through a driver adapter), else the
/// schema's `url` when it has no `directUrl`. The config's variable is often the runtime's too (the
/// adapter's connection string), so it gives no role, which could rewrite the runtime URL away from
/// its pooler: PRISMA014 says what is wrong instead.
std::optional<engine::migrations_source> prisma_migrations(prisma_files const& prisma) {
  auto variable = [](std::optional<project::url_source> const& s) {
    return s && s->kind == project::value_kind::variable;
  };
  if (auto const& config = prisma.config) {
    if (variable(config->facts.url))
      return engine::migrations_source{
          engine::migrations_tool::prisma_migrate, config->facts.url->variable,
          project::describe(config->facts.url->at, config->name), config->name};
    if (config->facts.datasource_found)
      return std::nullopt; // a datasource with a URL poolcheck cannot follow
  }
  if (auto const& schema = prisma.schema;
      schema && variable(schema->facts.url) && !schema->facts.direct_url)
    return engine::migrations_source{
        engine::migrations_tool::prisma_migrate, schema->facts.url->variable,
        project::describe(schema->facts.url->at, schema->path) + ", and no directUrl",
        schema->path};
  return std::nullopt;
}

/// The variable drizzle-kit (push, pull, migrate) connects with: a PostgreSQL drizzle.config's
/// `dbCredentials.url`, when it names one.
std::optional<engine::migrations_source> drizzle_migrations(fs::path const& root,
                                                            folder_names const& here) {
  auto const file = read_js_config(root, here, "drizzle.config");
  if (!file)
    return std::nullopt;
  auto const config = project::read_drizzle_config(file->text);
  if ((config.dialect && *config.dialect != "postgresql") || !config.url ||
      config.url->kind != project::value_kind::variable)
    return std::nullopt;
  return engine::migrations_source{engine::migrations_tool::drizzle_kit, config.url->variable,
                                   project::describe(config.url->at, file->name), file->name};
}

/// What the GitHub Actions workflows of `root` say migrations connect with, for the tools
/// `unknown` lists (those no project file names a variable for): each variable a step that runs
/// the tool gets whose name ends in `URL`, as that step's.
std::vector<engine::migrations_source>
workflow_migrations(fs::path const& root, std::vector<engine::migrations_tool> const& unknown) {
  std::vector<engine::migrations_source> out;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(root / ".github" / "workflows", ec), end; !ec && it != end;
       it.increment(ec))
    if (auto ext = it->path().extension(); ext == ".yml" || ext == ".yaml")
      files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (auto const& file : files) {
    auto const text = read_project_file(file);
    if (!text)
      continue;
    std::string const name = file.lexically_relative(root).generic_string();
    for (auto const& step : project::migrate_steps(*text)) {
      if (std::find(unknown.begin(), unknown.end(), step.tool) == unknown.end())
        continue;
      for (auto const& variable : step.variables)
        if (variable.ends_with("URL"))
          out.push_back({step.tool, variable,
                         fmt::format("{}:{} runs {}", name, step.line, step.command), name});
    }
  }
  return out;
}

} // namespace

folder_names names_in(fs::path const& dir) {
  folder_names out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    out.insert(it->path().filename().string());
  return out;
}

std::optional<named_text> read_js_config(fs::path const& dir, folder_names const& here,
                                         std::string_view stem) {
  for (std::string_view ext : project::js::config_extensions) {
    std::string name = std::string(stem) + std::string(ext);
    if (!here.contains(name))
      continue;
    if (auto text = read_project_file(dir / name))
      return named_text{std::move(name), std::move(*text)};
  }
  return std::nullopt;
}

std::optional<std::string> read_project_file(fs::path const& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec) || !trusted_file(p))
    return std::nullopt;
  auto text = read_input(p.string());
  return text ? std::optional<std::string>(std::move(*text)) : std::nullopt;
}

std::optional<engine::client_choice> client_from_package_json(std::string const& text) {
  auto pkg = project::read_package_json(text);
  if (!pkg)
    return std::nullopt;
  return client_of(*pkg, "package.json", std::nullopt, true);
}

bool trusted_file(fs::path const& file) {
  struct stat st {
  }, dir{};

  if (::stat(file.c_str(), &st) != 0 || ::stat(file.parent_path().c_str(), &dir) != 0)
    return false;
  if ((st.st_mode & 0002) != 0)
    return false;
  bool const shared_folder = (dir.st_mode & 0002) != 0;
  return !shared_folder || st.st_uid == ::geteuid() || st.st_uid == 0;
}

fs::path normal_folder(fs::path const& cwd, fs::path const& p) {
  fs::path out = (p.is_absolute() ? p : cwd / p).lexically_normal();
  if (!out.has_filename() && out.has_relative_path())
    out = out.parent_path(); // "a/b/" -> "a/b"
  return out;
}

project_facts project_detector::read_project(fs::path const& root, folder_names const& here) {
  project_facts facts;
  std::optional<project::package_facts> pkg;
  if (auto text =
          here.contains("package.json") ? read_project_file(root / "package.json") : std::nullopt) {
    pkg = project::read_package_json(*text);
    if (!pkg)
      warnings_.push_back((root / "package.json").string() +
                          ": not valid JSON; the client is not taken from it");
  }
  // The exact Prisma version, from whichever package manager's lock file is there: a spec such as
  // `latest` or `*` names no major version.
  std::optional<std::string> locked;
  using lock_reader = std::optional<project::locked_version> (*)(std::string_view);
  for (auto [file, read] : {std::pair<char const*, lock_reader>{
                                "package-lock.json", &project::prisma_version_from_package_lock},
                            {"pnpm-lock.yaml", &project::prisma_version_from_pnpm_lock},
                            {"yarn.lock", &project::prisma_version_from_yarn_lock},
                            {"bun.lock", &project::prisma_version_from_bun_lock}})
    if (auto lock = locked || !here.contains(file) ? std::nullopt : read_project_file(root / file))
      if (auto v = read(*lock))
        locked = v->version;
  if (pkg)
    facts.client = client_of(*pkg, "package.json", locked, true);
  else if (auto other = project::client_from(manifests_in(root, here)))
    facts.client = *other; // pyproject.toml, go.mod, ...: their driver, and not Prisma

  // The variables the project's files name, with what each says of them.
  auto name = [&](std::optional<project::url_source> const& source, engine::role role,
                  client reader, std::string const& path) {
    if (!source || source->kind != project::value_kind::variable)
      return;
    auto& v = facts.variables[source->variable];
    v.role = role;
    v.client = reader;
    v.role_origin = v.client_origin = project::describe(source->at, path);
  };
  bool const adapters = facts.client.value == client::prisma_adapter;
  client const prisma = adapters ? client::prisma_adapter : client::prisma;
  prisma_files const files = read_prisma_files(root, here, pkg ? pkg->prisma_schema : std::nullopt);
  if (auto const& schema = files.schema) {
    auto const& s = schema->facts;
    name(s.url, engine::role::runtime, prisma, schema->path);
    name(s.direct_url, engine::role::direct, prisma, schema->path);
    name(s.shadow_database_url, engine::role::direct, prisma, schema->path);
    if (s.url && s.url->kind == project::value_kind::variable && pkg)
      // Prisma reads the variables its schema names; the others, what else the app depends on.
      facts.client = client_of(*pkg, "package.json", locked, false);
    else if (!pkg || !pkg->prisma()) // a schema without Prisma in a manifest: Prisma all the same
      facts.client = {client::prisma, schema->path};
  }
  // prisma.config's shadow database is for `migrate dev` alone: a direct URL. Its `url` gives no
  // role (prisma_migrations says why).
  if (auto const& config = files.config)
    name(config->facts.shadow_database_url, engine::role::direct, prisma, config->name);
  // Where the app runs: a platform's own file or package says serverless, a container or process
  // file says a long-running server. Both: the platform's, which is where the incident this tool
  // is for happens (a Dockerfile may be for local development only), and the origin says so.
  std::string serverless_sign, server_sign;
  for (char const* file : {"vercel.json", ".vercel", "netlify.toml", "wrangler.toml",
                           "wrangler.json", "wrangler.jsonc", "serverless.yml"})
    if (serverless_sign.empty() && here.contains(file))
      serverless_sign = file;
  if (serverless_sign.empty() && pkg && pkg->serverless_sign)
    serverless_sign = project::describe(pkg->serverless_sign->at, "package.json");
  // Kubernetes: a Helm chart, skaffold, or the folders manifests are kept in by convention.
  for (char const* file : {"Dockerfile", "fly.toml", "render.yaml", "Procfile", "compose.yaml",
                           "compose.yml", "docker-compose.yml", "docker-compose.yaml", "Chart.yaml",
                           "skaffold.yaml", "k8s", "kubernetes"})
    if (server_sign.empty() && here.contains(file))
      server_sign = file;
  if (!serverless_sign.empty())
    facts.target = {engine::target::serverless,
                    serverless_sign + (server_sign.empty() ? "" : ", over " + server_sign)};
  else if (!server_sign.empty())
    facts.target = {engine::target::server, server_sign};
  for (auto source : {prisma_migrations(files), drizzle_migrations(root, here)})
    if (source)
      facts.migrations.push_back(std::move(*source));
  // Where no project file says which variable a tool reads, a CI step that runs it says which it
  // gets: secrets in CI's environment, which `check --env` reads there.
  std::vector<engine::migrations_tool> unknown;
  if (!files.schema && !files.config)
    unknown.push_back(engine::migrations_tool::prisma_migrate);
  if (!read_js_config(root, here, "drizzle.config"))
    unknown.push_back(engine::migrations_tool::drizzle_kit);
  if (here.contains(".github") && !unknown.empty())
    facts.ci_migrations = workflow_migrations(root, unknown);
  return facts;
}

project_facts const& project_detector::facts_for(fs::path const& folder) {
  std::error_code ec;
  if (folder.is_relative() && cwd_.empty())
    cwd_ = fs::current_path(ec);
  std::vector<fs::path> visited;
  project_facts const* found = nullptr;
  static project_facts const nothing;
  for (fs::path dir = normal_folder(cwd_, folder); !dir.empty(); dir = dir.parent_path()) {
    if (auto it = cache_.find(dir.native()); it != cache_.end()) {
      found = &it->second;
      break;
    }
    visited.push_back(dir);
    folder_names const here = names_in(dir);
    if (is_project(dir, here)) {
      found = &cache_.emplace(dir.native(), read_project(dir, here)).first->second;
      break;
    }
    if (here.contains(".git") || dir == dir.parent_path())
      break;
  }
  if (!found)
    found = &nothing;
  for (auto const& v : visited)
    cache_.try_emplace(v.native(), *found);
  return *found;
}

} // namespace poolcheck::cli
