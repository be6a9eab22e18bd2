// File kinds by name, and by folder where the name alone is too common (`*.yml`).
#include "formats/file_kind.hpp"

#include "core/ascii.hpp"
#include "fix/artifact_names.hpp"

#include <algorithm>
#include <filesystem>

namespace poolcheck::formats {
namespace {

namespace fs = std::filesystem;

bool is_env_file_name(std::string_view name) {
  if (name == ".env.vault")
    return false; // dotenv-vault's encrypted store, not dotenv syntax
  return name == ".env" || name.starts_with(".env.") || name == ".env-template" ||
         (name.size() > 4 && name.ends_with(".env")) ||
         // Cloudflare wrangler: `.dev.vars`, and `.dev.vars.<environment>` for `--env`.
         name == ".dev.vars" || name.starts_with(".dev.vars.") || name == "env.example";
}

bool is_yaml(std::string_view name) {
  return name.ends_with(".yml") || name.ends_with(".yaml");
}

/// Folders that hold Kubernetes manifests by convention, as the file's folder or the one above it
/// (`k8s/app.yaml`, `deploy/k8s/app.yaml`, `charts/api/values.yaml`); further up, a folder's name
/// says nothing of the file (a checkout in `~/deploy/`). Helm's `templates/` is excepted: a
/// template is not YAML until Helm renders it.
bool in_manifest_folder(fs::path const& path) {
  static constexpr std::string_view folders[] = {"k8s",    "kubernetes", "manifests",
                                                 "deploy", "helm",       "charts"};
  auto const is_manifest_folder = [](fs::path const& folder) {
    return std::find(std::begin(folders), std::end(folders), folder.filename().string()) !=
           std::end(folders);
  };
  fs::path const parent = path.parent_path();
  if (parent.filename() == "templates")
    return false;
  return is_manifest_folder(parent) || is_manifest_folder(parent.parent_path());
}

/// `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `Containerfile` (`lower` is the name in lower
/// case), but not a Dockerfile's own ignore file (`Dockerfile.dockerignore`).
bool is_dockerfile_name(std::string_view lower) {
  if (lower.ends_with(".dockerignore"))
    return false;
  return lower == "dockerfile" || lower.starts_with("dockerfile.") ||
         lower.ends_with(".dockerfile") || lower == "containerfile";
}

} // namespace

std::optional<file_kind> kind_of(std::string_view path_text) {
  fs::path const path(path_text);
  std::string const name = path.filename().string();
  if (fixes::is_artifact(name))
    return std::nullopt; // a backup or temporary copy --fix wrote
  if (is_env_file_name(name))
    return name == ".env.yaml" ? file_kind::app_engine : file_kind::dotenv;
  std::string const lower = ascii::lowered(name);
  if (is_yaml(lower)) {
    std::string const stem = lower.substr(0, lower.rfind('.'));
    if (stem == "docker-compose" || stem == "compose" || stem.starts_with("docker-compose.") ||
        stem.starts_with("compose."))
      return file_kind::compose;
    if (path.parent_path().filename() == "workflows" &&
        path.parent_path().parent_path().filename() == ".github")
      return file_kind::github_workflow;
    if (stem == "render")
      return file_kind::render;
    if (stem == "app")
      return file_kind::app_engine;
    if (stem == "serverless")
      return file_kind::serverless;
    if (stem == "values" || stem.starts_with("values-") || stem.starts_with("values.") ||
        in_manifest_folder(path))
      return file_kind::kubernetes;
    return std::nullopt;
  }
  if (lower == "fly.toml" || (lower.starts_with("fly.") && lower.ends_with(".toml")))
    return file_kind::fly;
  if (lower == "netlify.toml")
    return file_kind::netlify;
  if (lower == "wrangler.toml")
    return file_kind::wrangler;
  if (lower == "wrangler.json" || lower == "wrangler.jsonc")
    return file_kind::wrangler_json;
  if (lower == "vercel.json")
    return file_kind::vercel;
  if (is_dockerfile_name(lower))
    return file_kind::dockerfile;
  return std::nullopt;
}

file_kind named_kind(std::string_view path) {
  return kind_of(path).value_or(file_kind::dotenv);
}

std::optional<engine::target> target_of(file_kind kind) {
  switch (kind) {
  case file_kind::compose:
  case file_kind::kubernetes:
  case file_kind::fly:
  case file_kind::app_engine:      // App Engine instances are long-running servers
  case file_kind::render:          // so are Render's web services and workers
  case file_kind::github_workflow: // and a CI job's steps are processes, not functions
  case file_kind::dockerfile:      // and a container's
    return engine::target::server;
  case file_kind::serverless:
  case file_kind::netlify:
  case file_kind::wrangler:
  case file_kind::wrangler_json:
  case file_kind::vercel:
    return engine::target::serverless;
  case file_kind::dotenv:
    return std::nullopt;
  }
  return std::nullopt;
}

std::string_view describe(file_kind kind) {
  switch (kind) {
  case file_kind::dotenv:
    return "a .env file";
  case file_kind::compose:
    return "a Compose file";
  case file_kind::kubernetes:
    return "a Kubernetes manifest";
  case file_kind::github_workflow:
    return "a GitHub Actions workflow";
  case file_kind::render:
    return "a Render Blueprint";
  case file_kind::app_engine:
    return "an App Engine app.yaml";
  case file_kind::serverless:
    return "a Serverless Framework file";
  case file_kind::fly:
    return "a fly.toml";
  case file_kind::netlify:
    return "a netlify.toml";
  case file_kind::wrangler:
    return "a wrangler.toml";
  case file_kind::wrangler_json:
    return "a wrangler.json";
  case file_kind::vercel:
    return "a vercel.json";
  case file_kind::dockerfile:
    return "a Dockerfile";
  }
  return "a file";
}

} // namespace poolcheck::formats
