// libFuzzer target for the JSON deployment files (wrangler.json and wrangler.jsonc, vercel.json):
// the properties of fuzz/deployment_properties.hpp on any bytes read as one of these kinds, picked
// by the first input byte.
#include "fuzz/deployment_properties.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

using namespace poolcheck;

namespace {

// In this order: scripts/fuzz puts each kind's index before the seeds from its fixture folder.
constexpr std::array kinds{formats::file_kind::wrangler_json, formats::file_kind::vercel};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  fuzz::check_deployment_file(kinds, data, size);
  return 0;
}
