// Dispatch by kind to the format's reader.
#include "formats/read.hpp"

#include "env/document.hpp"
#include "formats/deployment_json.hpp"
#include "formats/deployment_toml.hpp"
#include "formats/deployment_yaml.hpp"
#include "formats/dockerfile.hpp"

namespace poolcheck::formats {

result<document> read_document(file_kind kind, std::string_view text) {
  switch (kind) {
  case file_kind::dotenv:
    return document(env::parse(text)); // its line items are the parser's own business
  case file_kind::compose:
  case file_kind::kubernetes:
  case file_kind::github_workflow:
  case file_kind::render:
  case file_kind::app_engine:
  case file_kind::serverless:
    return read_deployment_yaml(kind, text);
  case file_kind::fly:
  case file_kind::netlify:
  case file_kind::wrangler:
    return read_deployment_toml(kind, text);
  case file_kind::wrangler_json:
  case file_kind::vercel:
    return read_deployment_json(kind, text);
  case file_kind::dockerfile:
    return read_dockerfile(text); // like a .env file's, its reader is total
  }
  return document(env::parse(text));
}

} // namespace poolcheck::formats
