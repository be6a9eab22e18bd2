// The variables YAML deployment files set, as entries: Compose `environment:` (map and
// `KEY=VALUE` list forms), Kubernetes `env: [{name, value}]` and Secret `stringData`, GitHub
// Actions `env:` at every level, Render `envVars: [{key, value}]`, App Engine `env_variables`,
// Serverless `environment`. A value given by reference (`valueFrom`, `fromDatabase`,
// `${{ secrets.X }}`) is no connection string and is left to the engine as such.
#pragma once

#include "core/document.hpp"
#include "core/result.hpp"
#include "formats/file_kind.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::formats {

/// Reads `text` as a YAML file of `kind`. `text` must outlive the document.
result<document> read_deployment_yaml(file_kind kind, std::string_view text);

/// A file a Compose service reads its variables from (`env_file:`, a string, a list of strings,
/// or a list of `{path, required}`), as written: relative to the Compose file's folder.
struct env_file_reference {
  std::string path;
  bool required = true; // `required: false`: Compose skips it when it is missing
};

/// The `env_file:` references of a Compose file, in order (none when it is not valid YAML).
std::vector<env_file_reference> compose_env_files(std::string_view text);

} // namespace poolcheck::formats
