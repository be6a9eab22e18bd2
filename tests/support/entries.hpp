// What the reader tests ask of a document: its names and values, one entry by name, and the file
// after an edit written back in the entry's own quoting.
#pragma once

#include "core/document.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace poolcheck::test {

using name_values = std::vector<std::pair<std::string, std::string>>;

/// Each entry's name and the value a program reads, in file order.
name_values pairs_of(document const& doc);

/// The entry named `name` (the test fails when there is none).
entry const& named(document const& doc, std::string_view name);

/// `text` after `e`'s logical bytes [begin, end) are replaced by `replacement`, written back as
/// the format writes it; "" when the value cannot take it.
std::string edited(std::string_view text, entry const& e, std::size_t begin, std::size_t end,
                   std::string replacement);

} // namespace poolcheck::test
