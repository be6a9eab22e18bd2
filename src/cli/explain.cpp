// Rule documentation, rendered from the same metadata the engine runs.
#include "cli/explain.hpp"

#include "core/redact.hpp"
#include "core/source_file.hpp"
#include "engine/analysis.hpp"
#include "formats/read.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>

namespace poolcheck::cli {
namespace {

/// An example's bytes: rule files spell raw bytes as \xNN.
std::string example_bytes(std::string_view text) {
  auto hex = [&](std::size_t at) {
    return std::isxdigit(static_cast<unsigned char>(text[at]));
  };
  std::string bytes;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x' && hex(i + 2) && hex(i + 3)) {
      bytes += static_cast<char>(std::stoi(std::string(text.substr(i + 2, 2)), nullptr, 16));
      i += 3;
    } else {
      bytes += text[i];
    }
  }
  return bytes;
}

/// Where an example's app runs: what it says, else what its rule is for (a rule about serverless
/// shows its finding as such, not as a guess).
std::optional<engine::target> example_target(engine::rule const& r) {
  return r.example.target ? r.example.target : r.when.target;
}

engine::file_report analyze_example(engine::rule const& r, std::string_view bytes,
                                    engine::rule_set const& rules) {
  engine::check_options o;
  if (r.example.client)
    o.client = {*r.example.client, "example"};
  if (auto t = example_target(r))
    o.target = {t, "example"};
  if (!r.example.migrations.empty()) {
    bool const drizzle = r.example.migrations_tool == engine::migrations_tool::drizzle_kit;
    std::string const file = drizzle ? "drizzle.config.ts" : "prisma/schema.prisma";
    o.migrations.push_back(
        {r.example.migrations_tool, r.example.migrations, "the example's " + file, file});
  }
  auto doc = formats::read_document(formats::named_kind(r.example.file), bytes);
  if (!doc)
    return {}; // an example its format cannot read shows nothing (a rule test says so)
  return engine::analyze(*doc, rules, o);
}

/// Masks as a reporter does: the passwords the engine found in `bytes`, and the syntactic net.
redactor masker(std::string_view bytes, engine::file_report const& report) {
  redactor mask;
  mask.add_secrets(bytes, report.secrets);
  return mask;
}

std::string fenced(std::string_view language, std::string const& body) {
  return fmt::format("```{}\n{}{}```\n", language, body, body.ends_with('\n') ? "" : "\n");
}

/// What `poolcheck check` prints for rule `r` about `bytes`: each finding's first line and its fix
/// or advice, masked (the source line and its carets are left out: the example stands above).
std::string printed(engine::rule const& r, std::string_view bytes,
                    engine::file_report const& report, redactor const& mask) {
  line_index const lines(bytes);
  std::string out;
  for (auto const& d : report.diagnostics) {
    if (d.code != r.code)
      continue;
    auto const at = lines.position(d.span.begin);
    std::string const gutter(std::to_string(at.line).size(), ' ');
    out += fmt::format("{}:{}:{}: {}[{}] {}\n", r.example.file, at.line, at.column,
                       to_string(d.severity), d.code, mask(d.message));
    if (d.fix)
      out +=
          fmt::format("{} = fix ({}): {}\n", gutter, to_string(d.fix->safety), mask(d.fix->title));
    else if (!d.advice.empty())
      out += fmt::format("{} = help: {}\n", gutter, mask(d.advice));
  }
  return out;
}

} // namespace

engine::file_report run_example(engine::rule const& r, std::string_view text,
                                engine::rule_set const& rules) {
  return analyze_example(r, example_bytes(text), rules);
}

void write_explanation(std::ostream& out, engine::rule const& r) {
  out << fmt::format("{} ({}): {}\n\n", r.code, r.name, r.summary);
  out << fmt::format("Severity: {}. Fix: {}.\n\n", to_string(r.severity),
                     r.fix == fix_safety::none ? "none (advice only)"
                                               : std::string(to_string(r.fix)));
  if (!r.why.empty())
    out << "Why: " << r.why << "\n\n";
  if (r.example.file != ".env")
    out << "Examples are a " << r.example.file << ".\n";
  // Every line indented, passwords masked as in every output.
  auto shown = [](std::string const& example) {
    std::string lines;
    std::string const masked = redactor()(example);
    for (std::size_t start = 0; start < masked.size();) {
      std::size_t end = std::min(masked.find('\n', start), masked.size());
      lines += "  " + masked.substr(start, end - start) + "\n";
      start = end + 1;
    }
    return lines;
  };
  out << "Example (bad):\n" << shown(r.example.bad);
  out << "Example (good):\n" << shown(r.example.good);
  if (r.example.client)
    out << "  (with --client " << to_string(*r.example.client) << ")\n";
  if (!r.sources.empty()) {
    out << "\nSources:\n";
    for (auto const& s : r.sources)
      out << "  " << s << '\n';
  }
}

void write_rule_list(std::ostream& out, engine::rule_set const& rules, bool as_json) {
  if (as_json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (auto const& r : rules.rules)
      list.push_back({{"code", r.code},
                      {"name", r.name},
                      {"severity", to_string(r.severity)},
                      {"fix", to_string(r.fix)},
                      {"summary", r.summary}});
    out << list.dump(2) << '\n';
    return;
  }
  for (auto const& r : rules.rules)
    out << fmt::format("{:<10} {:<8} {:<7} {:<46} {}\n", r.code, to_string(r.severity),
                       to_string(r.fix), r.name, r.summary);
}

std::string rule_page(engine::rule const& r, engine::rule_set const& rules) {
  std::string const bad = example_bytes(r.example.bad), good = example_bytes(r.example.good);
  auto const bad_report = analyze_example(r, bad, rules);
  redactor const bad_mask = masker(bad, bad_report);
  redactor const good_mask = masker(good, analyze_example(r, good, rules));

  std::string page = fmt::format("# {} {}\n\n{}\n\n", r.code, r.name, r.summary);
  page += fmt::format("- Severity: {}\n", to_string(r.severity));
  switch (r.fix) {
  case fix_safety::none:
    page += "- Fix: none (advice only)\n";
    break;
  case fix_safety::safe:
    page += "- Fix: safe (`--fix` applies it)\n";
    break;
  case fix_safety::unsafe:
    page += "- Fix: unsafe (`--fix --unsafe-fixes` applies it)\n";
    break;
  }
  std::string flags;
  if (r.example.client)
    flags += fmt::format(" --client {}", to_string(*r.example.client));
  if (auto t = example_target(r))
    flags += fmt::format(" --target {}", to_string(*t));
  if (!flags.empty())
    page += fmt::format("- Examples assume `{}`\n", flags.substr(1));
  if (!r.example.migrations.empty())
    page += r.example.migrations_tool == engine::migrations_tool::drizzle_kit
                ? fmt::format("- Examples assume the project's drizzle.config.ts has "
                              "`dbCredentials: {{ url: process.env.{} }}`\n",
                              r.example.migrations)
                : fmt::format("- Examples assume the project's schema.prisma has "
                              "`url = env(\"{}\")` and no `directUrl`\n",
                              r.example.migrations);
  // A finding that rests on a guess is info at most (engine::assumptions).
  if (r.when.target == engine::target::serverless)
    page += "- Where nothing says where the app runs (`--target`, config, project files), "
            "reported as a guess: at info level, its fix unsafe\n";
  if (r.when.assume_client)
    page += "- Where nothing says which client reads the URL, reported assuming Prisma's query "
            "engine: at info level, its fix unsafe\n";
  // The examples' language: shell-like for .env files, else the file's own.
  std::string_view const language =
      r.example.file.ends_with(".yml") || r.example.file.ends_with(".yaml") ? "yaml"
      : r.example.file.ends_with(".toml")                                   ? "toml"
                                                                            : "sh";
  if (r.example.file != ".env")
    page += fmt::format("- Examples are a `{}`\n", r.example.file);
  page += "\n## Why\n\n" + r.why + "\n";
  page += "\n## Example\n\nBad:\n\n" + fenced(language, bad_mask(r.example.bad));
  std::string const output = printed(r, bad, bad_report, bad_mask);
  page += output.empty() ? "\npoolcheck reports nothing for this example.\n"
                         : "\npoolcheck prints:\n\n" + fenced("text", output);
  page += "\nGood:\n\n" + fenced(language, good_mask(r.example.good));
  page += "\n## Sources\n\n";
  for (auto const& s : r.sources)
    page += "- <" + s + ">\n";
  page += "\n<!-- Generated by `poolcheck rules --write-docs docs/rules` from rules/*.toml. -->\n";
  return page;
}

result<void> write_rule_pages(std::string const& dir, engine::rule_set const& rules) {
  // The folder itself may be new; its parent must exist (a typo must not make a tree).
  std::error_code ec;
  std::filesystem::create_directory(dir, ec);
  if (ec)
    return problem{dir + ": " + ec.message(), {}};
  for (auto const& r : rules.rules) {
    auto path = std::filesystem::path(dir) / (r.code + ".md");
    std::ofstream out(path, std::ios::binary);
    out << rule_page(r, rules);
    if (!out)
      return problem{path.string() + ": cannot be written", {}};
  }
  return {};
}

} // namespace poolcheck::cli
