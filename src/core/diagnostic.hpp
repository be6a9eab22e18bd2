// A finding: which rule, how severe, where (a byte span in the checked file), what it says, and
// the fix that would resolve it, as byte edits on the original text.
#pragma once

#include "core/span.hpp"

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
  /// The finding rests on a guessed client (none was given or detected).
  bool assumed_client = false;
};

} // namespace poolcheck
