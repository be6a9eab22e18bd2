// What a checked file is, from its path: a .env file, or a deployment file whose format and shape
// say where it sets variables. Discovery and `check` decide by this alone.
#pragma once

#include "engine/context.hpp"

#include <optional>
#include <string_view>

namespace poolcheck::formats {

enum class file_kind {
  dotenv,          // .env, .env.*, *.env, .dev.vars, env.example
  compose,         // docker-compose.yml, compose.yaml: services.*.environment
  kubernetes,      // manifests and Helm values: env: [{name, value}], Secret stringData
  github_workflow, // GitHub Actions workflows (`*.yml` in `.github`'s `workflows` folder): `env:`
                   // at workflow, job and step level
  render,          // render.yaml: envVars: [{key, value}]
  app_engine,      // app.yaml, .env.yaml: env_variables
  serverless,      // serverless.yml: provider.environment, functions.*.environment
  fly,             // fly.toml: [env]
  netlify,         // netlify.toml: [build.environment], [context.*.environment]
  wrangler,        // wrangler.toml: [vars], [env.*.vars]
  wrangler_json,   // wrangler.json, wrangler.jsonc: vars, env.*.vars
  vercel,          // vercel.json: env, build.env
  dockerfile,      // Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile: ENV, ARG defaults
};

/// The kind of the file at `path` (a path, not only a name: workflows and manifests are told by
/// their folder), or nullopt when poolcheck does not read such a file in a folder walk.
std::optional<file_kind> kind_of(std::string_view path);

/// The kind of a file named on the command line: what kind_of says, else a .env file.
file_kind named_kind(std::string_view path);

/// Where an app whose variables such a file sets runs, when its kind says (a Compose service or a
/// Fly Machine is a server; Netlify and Workers functions are serverless).
std::optional<engine::target> target_of(file_kind kind);

/// What output calls the kind ("a Compose file").
std::string_view describe(file_kind kind);

} // namespace poolcheck::formats
