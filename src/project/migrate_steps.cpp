// Workflow -> steps that run `prisma migrate`, `prisma db push` or drizzle-kit.
#include "project/migrate_steps.hpp"

#include "core/source_file.hpp"
#include "formats/yaml_tree.hpp"

#include <algorithm>
#include <optional>

namespace poolcheck::project {
namespace {

using formats::yaml_node;

/// The migrations tool a `run:` script runs, and the words that run it.
std::optional<std::pair<engine::migrations_tool, std::string>> tool_in(std::string_view script) {
  static constexpr std::pair<std::string_view, engine::migrations_tool> commands[] = {
      {"prisma migrate deploy", engine::migrations_tool::prisma_migrate},
      {"prisma migrate dev", engine::migrations_tool::prisma_migrate},
      {"prisma migrate reset", engine::migrations_tool::prisma_migrate},
      {"prisma db push", engine::migrations_tool::prisma_migrate},
      {"drizzle-kit migrate", engine::migrations_tool::drizzle_kit},
      {"drizzle-kit push", engine::migrations_tool::drizzle_kit},
  };
  for (auto const& [words, tool] : commands)
    if (script.find(words) != std::string_view::npos)
      return std::pair{tool, std::string(words)};
  return std::nullopt;
}

void add_env(yaml_node const* env, std::vector<std::string>& into) {
  if (!env || env->type != yaml_node::kind::mapping)
    return;
  for (std::size_t i = 0; i + 1 < env->items.size(); i += 2)
    if (env->items[i].is_scalar() &&
        std::find(into.begin(), into.end(), env->items[i].value) == into.end())
      into.push_back(env->items[i].value);
}

} // namespace

std::vector<migrate_step> migrate_steps(std::string_view workflow) {
  auto documents = formats::parse_yaml(workflow);
  if (!documents || documents->empty())
    return {};
  yaml_node const& root = documents->front();
  yaml_node const* jobs = root.find("jobs");
  if (!jobs || jobs->type != yaml_node::kind::mapping)
    return {};
  line_index const lines(workflow);
  std::vector<migrate_step> out;
  for (std::size_t j = 1; j < jobs->items.size(); j += 2) {
    yaml_node const& job = jobs->items[j];
    yaml_node const* steps = job.find("steps");
    if (!steps || steps->type != yaml_node::kind::sequence)
      continue;
    for (auto const& step : steps->items) {
      yaml_node const* run = step.find("run");
      if (!run || !run->is_scalar())
        continue;
      auto const tool = tool_in(run->value);
      if (!tool)
        continue;
      migrate_step s{
          tool->first, tool->second, {}, lines.position(step.find_key("run")->span.begin).line};
      add_env(root.find("env"), s.variables);
      add_env(job.find("env"), s.variables);
      add_env(step.find("env"), s.variables);
      out.push_back(std::move(s));
    }
  }
  return out;
}

} // namespace poolcheck::project
