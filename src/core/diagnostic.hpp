// A finding: which rule, how severe, where (a byte span in the checked file), what it says, and
// the fix that would resolve it, as byte edits on the original text.
#pragma once

#include "core/span.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace poolcheck {

enum class severity { info, warning, error };

/// Whether a fix keeps what every consumer reads (safe) or needs the user's confirmation (unsafe).
enum class fix_safety { none, safe, unsafe };

std::string_view to_string(severity s);
std::string_view to_string(fix_safety s);

struct edit {
  byte_span span; // bytes of the original file to replace
  std::string replacement;
  friend bool operator==(edit const&, edit const&) = default;
};

struct fix {
  std::string title;
  fix_safety safety = fix_safety::safe;
  std::vector<edit> edits;
};

/// What a finding about a connection string was judged in, each fact with what said it: reports
/// show it, so that advice resting on the context can be checked by its reader.
struct finding_context {
  struct fact {
    std::string value;  // "runtime", "prisma", "serverless"; empty when unknown
    std::string origin; // "--target", "package.json: prisma 6.19.0"; empty when unknown
  };

  std::string provider, endpoint; // empty when the host is no known provider endpoint
  fact role, client, target;
};

/// The facts of the context a rule's conditions read (bits), so that output can show just those.
enum context_facts : unsigned { reads_role = 1, reads_client = 2, reads_target = 4 };

struct diagnostic {
  std::string code; // e.g. "NEON001"
  std::string name; // e.g. "neon-direct-host-in-runtime"
  poolcheck::severity severity = severity::warning;
  byte_span span;       // in the checked file
  std::string variable; // the .env key the finding is about; empty for file-level findings
  std::string message;
  std::optional<poolcheck::fix> fix;
  /// The fix title when there is no derivable edit (e.g. a template the user must fill in).
  std::string advice;
  /// The context of the connection string it is about (shared by that string's findings); null
  /// for findings about the file or its syntax.
  std::shared_ptr<finding_context const> context;
  unsigned reads = 0; // context_facts its rule's conditions read
  /// The facts it took for granted because nothing said them ("client", "target"); empty when it
  /// rests on no guess.
  std::vector<std::string> assumed;
};

} // namespace poolcheck
