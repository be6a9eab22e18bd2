// One entry point for every file format: bytes and a file kind in, a document of entries out.
#pragma once

#include "core/document.hpp"
#include "core/result.hpp"
#include "formats/file_kind.hpp"

#include <string_view>

namespace poolcheck::formats {

/// `text` read as `kind` says. A .env file and a Dockerfile always read (their readers are total);
/// a YAML, TOML or JSON file that is not valid is a problem with the line and column where it
/// stops. `text` must outlive the document.
result<document> read_document(file_kind kind, std::string_view text);

} // namespace poolcheck::formats
