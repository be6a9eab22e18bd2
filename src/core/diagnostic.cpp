// Names of severities and fix safeties, as they appear in every output format.
#include "core/diagnostic.hpp"

namespace poolcheck {

std::string_view to_string(severity s) {
  switch (s) {
  case severity::info:
    return "info";
  case severity::warning:
    return "warning";
  case severity::error:
    return "error";
  }
  return "error";
}

std::string_view to_string(fix_safety s) {
  switch (s) {
  case fix_safety::none:
    return "none";
  case fix_safety::safe:
    return "safe";
  case fix_safety::unsafe:
    return "unsafe";
  }
  return "none";
}

} // namespace poolcheck
