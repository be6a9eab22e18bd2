// The rule model. A rule is data first: metadata every rule has, plus the parameters of one of a
// few interpreters (kind). Rules whose logic data cannot say are `kind = "code"`: their metadata
// still lives in rules/*.toml and their logic in checks/<code>_<name>.cpp.
#pragma once

#include "core/diagnostic.hpp"
#include "core/result.hpp"
#include "engine/code_rule.hpp"
#include "engine/context.hpp"
#include "engine/host_pattern.hpp"
#include "engine/name_patterns.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace poolcheck::engine {

enum class rule_kind {
  code,          // logic in checks/ (engine/code_rule.hpp)
  suppression,   // about inline suppressions: reported by the suppression pass (ENV201, ENV202)
  endpoint,      // the URL points at a provider endpoint kind it should not, in this context
  param_missing, // a parameter the context needs is absent
  param_present, // a parameter (optionally: with one of some values) is present and should not be
  param_below,   // a numeric parameter is below the parameter's minimum (or equal to `equals`)
  param_not_in,  // a parameter's value is outside an allowed set
};

/// When a data rule applies. Every field that is set must hold; unset fields match anything.
struct conditions {
  std::vector<std::string> providers;
  std::vector<std::string> endpoints; // endpoint kinds, e.g. "direct", "supavisor-session"
  std::optional<bool> pooled;
  std::optional<engine::role> role;
  std::optional<engine::target> target;
  std::vector<client> clients;
  /// When the client is unknown: true = report anyway, saying which client is assumed (the fix is
  /// then unsafe); false = stay silent.
  bool assume_client = false;

  friend bool operator==(conditions const&, conditions const&) = default;
};

struct example {
  std::string bad;  // text that must produce this rule's code
  std::string good; // text that must not
  /// The name of the file the examples are (it says their format): a .env file by default.
  std::string file = ".env";
  std::optional<engine::client> client;
  std::optional<engine::target> target;
  std::string migrations; // the variable a migrations tool connects with, if the example says
  engine::migrations_tool migrations_tool = engine::migrations_tool::prisma_migrate;

  friend bool operator==(example const&, example const&) = default;
};

struct rule {
  std::string code; // family prefix + three digits, never reused
  std::string name; // kebab-case
  poolcheck::severity severity = severity::warning;
  std::string summary;
  std::string why;       // the longer explanation `explain` prints
  std::string message;   // template
  std::string fix_title; // template; empty when there is no fix
  fix_safety fix = fix_safety::none;
  std::vector<std::string> sources; // URLs
  engine::example example;
  rule_kind kind = rule_kind::code;
  engine::conditions when;
  // Interpreter parameters.
  std::vector<std::string> params; // param_present: any of these keys (case-insensitive)
  std::string params_in;           // param_present: any key in this named list
  std::string params_not_in;       // param_present: any key NOT in this named list
  std::string param;               // param_missing / param_below / param_not_in
  std::vector<std::string> values; // param_present: only these values; param_not_in: allowed
  std::optional<long long> equals; // param_below: also report this exact value
  std::string rewrite;             // endpoint: "pooled" or "direct", or empty
  std::string advice;              // template shown when no edit can be derived
  code_check check;                // kind == code: the hook that implements it
  bool builtin = false;            // from the rule files compiled into poolcheck
  source_location defined_at;

  friend bool operator==(rule const&, rule const&) = default;
};

/// A provider endpoint shape: which hosts (and port) it covers and how to reach its sibling.
struct endpoint {
  std::string provider;      // id used in rule conditions, e.g. "neon"
  std::string provider_name; // for messages, e.g. "Neon"
  std::string kind;
  host_pattern host;
  std::optional<int> port; // required port; absent = any (5432 is the default when a URL has none)
  bool pooled = false;
  std::string pooled_host; // template over the host captures; empty = not derivable
  std::optional<int> pooled_port;
  std::string direct_host;
  std::optional<int> direct_port;
  std::string pooled_template;      // advice when the pooled form cannot be derived
  std::string pooled_template_kind; // the kind of this provider's endpoint the template is
  std::vector<std::string> sources;
  bool builtin = false; // from the rule files compiled into poolcheck
  source_location defined_at;

  friend bool operator==(endpoint const&, endpoint const&) = default;
};

/// A Prisma/driver parameter with its recommended value and threshold (`[parameter.NAME]`).
struct parameter {
  std::string name;
  std::optional<long long> recommended;
  std::optional<long long> minimum;
  std::vector<std::string> sources;

  friend bool operator==(parameter const&, parameter const&) = default;
};

struct rule_set {
  std::vector<rule> rules;         // sorted by code
  std::vector<endpoint> endpoints; // first match wins: user files first, then built-in order
  std::map<std::string, parameter, std::less<>> parameters;
  std::map<std::string, std::vector<std::string>, std::less<>> lists;
  std::set<std::string, std::less<>> user_lists; // lists a rule folder outside poolcheck set
  /// Variable-name patterns for the direct role (`*_UNPOOLED`, `DIRECT_URL`...).
  name_patterns direct_names;
  name_patterns prisma_names; // names that imply a Prisma client (POSTGRES_PRISMA_URL)
  /// Names that hold a connection string by convention (`check --env` reads them even when the
  /// value is not one); direct and Prisma names count too.
  name_patterns database_names;

  [[nodiscard]] rule const* find(std::string_view code) const;

  friend bool operator==(rule_set const&, rule_set const&) = default;
};

} // namespace poolcheck::engine
