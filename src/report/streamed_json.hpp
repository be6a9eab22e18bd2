// Pretty-printed JSON documents whose one big array (findings) is written an element at a time:
// memory stays that of one element however many findings a file has, and the text is what
// nlohmann's dump(2) prints for the whole document (the golden files hold that form).
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <ostream>

namespace poolcheck::report {

using json = nlohmann::ordered_json;

/// The value to put where the streamed array goes in the document.
inline constexpr char const* streamed_array = "\x01streamed array\x01";

/// Writes `doc`, pretty-printed with an indent of 2, with the array in place of the string
/// `streamed_array`: its elements are those `each` passes to the function it is given, in order.
void write_with_streamed_array(
    std::ostream& out, json const& doc,
    std::function<void(std::function<void(json const&)> const& emit)> const& each);

} // namespace poolcheck::report
