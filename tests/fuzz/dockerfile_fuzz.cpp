// libFuzzer target for Dockerfiles: the properties of fuzz/deployment_properties.hpp on any bytes
// read as one. The first input byte is the options byte of the other deployment-file targets; with
// one kind, only its client and target bits matter.
#include "fuzz/deployment_properties.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

using namespace poolcheck;

namespace {

constexpr std::array kinds{formats::file_kind::dockerfile};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  fuzz::check_deployment_file(kinds, data, size);
  return 0;
}
