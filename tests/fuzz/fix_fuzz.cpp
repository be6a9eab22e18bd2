// libFuzzer target for the fix loop: checks a .env file with every built-in rule, applies every fix
// (unsafe ones too) until nothing changes, and checks the loop's promises: it converges, each pass
// changes only the bytes its edits name, the result re-parses losslessly, adds no syntax finding,
// and a second run changes nothing. Every PostgreSQL URL in the file must also rewrite
// idempotently.
//
// Input: one options byte, then the .env text. Bit 0 picks the client (0: prisma, 1: libpq), bit 1
// the target (0: serverless, 1: server), bit 2 leaves the target unknown. Seeds are the fixtures
// behind 'p' (prisma) or 'q' (libpq).
#include "engine/analysis.hpp"
#include "env/document.hpp"
#include "fix/fix_loop.hpp"
#include "fix/rewrite.hpp"
#include "fuzz/fix_properties.hpp"
#include "fuzz/property.hpp"
#include "pg/conninfo.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

using namespace poolcheck;

namespace {

// Rewriting every URL of a large input would dominate the run time; the first few are enough.
constexpr std::size_t max_rewrites = 8;

using fuzz::builtin_rules;
using fuzz::check_pass;
using fuzz::check_report;
using fuzz::require;

std::size_t syntax_findings(engine::file_report const& r) {
  return static_cast<std::size_t>(
      std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                    [](diagnostic const& d) { return d.code.starts_with("ENV00"); }));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0)
    return 0;
  std::uint8_t const mode = data[0];
  std::string_view const text(reinterpret_cast<char const*>(data) + 1, size - 1);

  engine::check_options options;
  options.client = {(mode & 1) != 0 ? engine::client::libpq : engine::client::prisma, "fuzz"};
  if ((mode & 4) == 0)
    options.target = {(mode & 2) != 0 ? engine::target::server : engine::target::serverless,
                      "fuzz"};
  // The loop's first check is of the input itself: keep its syntax count instead of checking again.
  std::optional<std::size_t> input_syntax_findings;
  auto check = [&](std::string_view t) {
    auto report = engine::analyze(t, builtin_rules(), options);
    check_report(report, t);
    if (!input_syntax_findings)
      input_syntax_findings = syntax_findings(report);
    return report;
  };

  fixes::loop_options loop;
  loop.unsafe = true;
  loop.on_pass = check_pass;
  auto const first = fixes::fix_until_stable(text, check, loop);
  require(first.converged, "the fix loop converges", text);

  auto const reparsed = env::parse(first.text);
  require(reparsed.print() == first.text, "the fixed text round-trips", first.text);
  require(syntax_findings(first.final_report) <= *input_syntax_findings,
          "fixes add no syntax finding", text);

  auto const second = fixes::fix_until_stable(first.text, check, loop);
  require(second.applied.empty() && second.text == first.text, "a second run changes nothing",
          first.text);

  // `poolcheck rewrite` on each URL: rewriting the result again must give it back unchanged.
  std::size_t rewrites = 0;
  for (auto const& e : env::parse(text).entries) {
    if (rewrites == max_rewrites)
      break;
    if (pg::classify(e.logical_value) != pg::scheme_kind::postgres)
      continue;
    ++rewrites;
    auto const once = fixes::rewrite_url(e.name, e.logical_value, builtin_rules(), options);
    require(once.converged, "rewrite converges", e.logical_value);
    auto const twice = fixes::rewrite_url(e.name, once.url, builtin_rules(), options);
    require(twice.url == once.url, "rewrite is idempotent", e.logical_value);
    require(twice.changes.empty(), "a rewritten URL needs no change", e.logical_value);
  }
  return 0;
}
