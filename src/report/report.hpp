// Reporters: turn checked files and their findings into human or JSON output. Every string that
// leaves a reporter passes through the file's redactor.
#pragma once

#include "core/diagnostic.hpp"
#include "core/redact.hpp"
#include "core/source_file.hpp"
#include "engine/analysis.hpp"
#include "engine/rule.hpp"

#include <ostream>
#include <vector>

namespace poolcheck::report {

/// A file and what checking it found: the one result the engine hands every reporter.
struct checked_file : engine::file_report {
  source_file file;
  bool gitignored = false; // the summary says how many were
  /// A variable of the process environment (`check --env`): `file` is its value, named
  /// `env:NAME`; there is no file to point at or fix.
  bool environment = false;

  /// A redactor for what is printed about diagnostic `d`: it knows the passwords on the lines
  /// `d` and its edits touch (unless masking is off). Per diagnostic, so the cost of masking
  /// does not grow with the number of passwords in the file.
  [[nodiscard]] redactor make_redactor(diagnostic const& d, bool show_secrets) const;

  /// What output shows of `edit`'s replacement: masked like the value it replaces (all of it, or
  /// from a URL's userinfo to its last `@`) when that value is one output masks, else by `mask`.
  [[nodiscard]] std::string shown_replacement(edit const& e, redactor const& mask) const;
};

/// The spans of `spans` (in order, apart) that reach into `window`, clipped to it and counted from
/// its start.
std::vector<byte_span> spans_in(std::vector<byte_span> const& spans, byte_span window);

/// What output shows of a finding's first line, masked.
struct line_window {
  /// The span lies so far into a long line that masking all before it would cost too much, and
  /// masking less could miss where a secret starts: nothing of the line is shown.
  bool withheld = false;
  std::string_view text;   // the line from its start to a little past the span, masked
  bool ends_early = false; // whether the line goes on after `text`
  // Offsets into `text`: the span's part on this line, and the part to print (at most 240 bytes
  // around the span).
  std::size_t from = 0, to = 0;
  std::size_t start = 0, stop = 0;
};

/// Masks the lines a file's findings start on, each once: findings come sorted, so those on one
/// line follow each other, and a long line holding many of them is not masked once per finding.
/// What the engine found to mask (file_report::all_masked: values, passwords, hidden lines) is
/// masked by span; the redactor's syntax net then looks at the rest. A line is masked from its
/// start, so the net sees every secret's beginning, through 1 MiB and 8 KiB at most.
class line_masker {
public:
  line_masker(checked_file const& f, bool show_secrets)
      : f_(f), show_secrets_(show_secrets), masked_spans_(f.all_masked()) {}

  /// The window onto `d`'s first line; valid until the next call.
  [[nodiscard]] line_window window(diagnostic const& d);

private:
  checked_file const& f_;
  bool show_secrets_;
  std::vector<byte_span> masked_spans_;
  std::size_t line_ = 0; // the line `masked_` holds (0: none yet)
  redacted masked_;
  bool ends_early_ = false;
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
/// SARIF 2.1.0: one run, tool.driver.rules[] from `rules`, results with locations and fixes.
void write_sarif(std::ostream& out, std::vector<checked_file> const& files,
                 engine::rule_set const& rules, options const& o);
/// GitHub Actions workflow commands (`::error file=...::message`), one per finding.
void write_github(std::ostream& out, std::vector<checked_file> const& files, options const& o);
/// Counts per rule, most frequent first (`--statistics`).
void write_statistics(std::ostream& out, std::vector<checked_file> const& files);
/// The closing summary line of the human format.
void write_summary(std::ostream& out, std::vector<checked_file> const& files);

/// Column `byte_column` (1-based) of `line` counted in Unicode code points (SARIF's columnKind).
std::size_t code_point_column(std::string_view line, std::size_t byte_column);

/// `at`, moved back to the start of a UTF-8 sequence, so a cut never splits a character.
std::size_t utf8_start(std::string_view s, std::size_t at);

/// `path` as a relative URI for SARIF and annotations: relative to the working folder when
/// inside it, `./` dropped, percent-encoded where URIs need it.
std::string relative_uri(std::string const& path);

} // namespace poolcheck::report
