// A change to an entry's logical value as byte edits on its file, in the format's own quoting:
// the one place that knows how each input format writes a value.
#pragma once

#include "core/diagnostic.hpp"
#include "env/quoting.hpp"

#include <vector>

namespace poolcheck::formats {

/// File edits for `logical` (spans relative to `e`'s value). Empty when the value cannot take
/// them as written: the fix is then given as advice.
env::file_edits written_back(entry const& e, std::vector<edit> const& logical);

} // namespace poolcheck::formats
