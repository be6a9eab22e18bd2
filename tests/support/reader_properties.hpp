// Properties every format reader keeps, checked on mutated fixtures: each entry's spans lie in
// the text and in order, its byte map is as long as its value and never goes back, and a writable
// value written back as it already is reads back the same.
#pragma once

#include "core/document.hpp"
#include "core/result.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace poolcheck::test {

using reader_function = std::function<result<document>(std::string_view)>;

/// Reads `rounds` mutations of `seed_text` (bytes inserted, deleted or repeated) with `read` and
/// checks the properties on each document it gives; returns how many read.
std::size_t check_reader_on_mutations(std::string const& seed_text, reader_function const& read,
                                      std::size_t rounds, std::uint64_t seed);

} // namespace poolcheck::test
