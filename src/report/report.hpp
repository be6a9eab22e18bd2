// Reporters: turn checked files and their findings into human or JSON output. Every string that
// leaves a reporter passes through the file's redactor.
#pragma once

#include "core/diagnostic.hpp"
#include "core/redact.hpp"
#include "core/source_file.hpp"

#include <ostream>
#include <vector>

namespace poolcheck::report {

struct checked_file {
  source_file file;
  std::vector<diagnostic> diagnostics;
  std::vector<byte_span> secrets; // password bytes in the file

  /// A redactor for what is printed about diagnostic `d`: it knows the passwords on the lines
  /// `d` and its edits touch (unless masking is off). Per diagnostic, so the cost of masking
  /// does not grow with the number of passwords in the file.
  [[nodiscard]] redactor make_redactor(diagnostic const& d, bool show_secrets) const;
};

struct options {
  bool color = false;
  bool show_secrets = false;
};

struct totals {
  std::size_t errors = 0, warnings = 0, infos = 0, fixable = 0;
};

totals count(std::vector<checked_file> const& files);

void write_human(std::ostream& out, std::vector<checked_file> const& files, options const& o);
void write_json(std::ostream& out, std::vector<checked_file> const& files, options const& o);

} // namespace poolcheck::report
