// The steps of a GitHub Actions workflow that run a migrations tool, with the variables set for
// them (`env:` at workflow, job and step level). In CI the URLs are secrets the file only names
// (`${{ secrets.DATABASE_URL }}`); which variables a migrate step gets is what the file can say.
#pragma once

#include "engine/context.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace poolcheck::project {

struct migrate_step {
  engine::migrations_tool tool = engine::migrations_tool::prisma_migrate;
  std::string command;                // what its `run:` runs: "prisma migrate deploy"
  std::vector<std::string> variables; // set for the step, outermost first, each once
  std::size_t line = 0;               // of the step's `run:`
};

/// The migrate steps of a workflow; none when it is not valid YAML.
std::vector<migrate_step> migrate_steps(std::string_view workflow);

} // namespace poolcheck::project
