// Where rules report: turns a rule, a span and placeholder values into a diagnostic with its
// message and fix expanded from the rule's templates.
#pragma once

#include "core/diagnostic.hpp"
#include "core/entry.hpp"
#include "engine/context.hpp"
#include "engine/rule.hpp"
#include "engine/template.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace poolcheck::engine {

using vars = std::map<std::string, std::string, std::less<>>;

class sink {
public:
  explicit sink(std::vector<diagnostic>& out) : out_(out) {}

  /// The connection string the next reports are about (its context, shared by its findings), the
  /// facts the reporting rule's conditions read, and what they took for granted there; null
  /// between strings.
  void judging(std::shared_ptr<finding_context const> context, unsigned reads,
               assumptions assumed) {
    context_ = std::move(context);
    reads_ = reads;
    assumed_ = assumed;
  }

  /// Reports `r` at `span` (file bytes). `edits` empty = no derivable fix (the rule's advice, if
  /// any, is shown instead). A finding that rests on an assumption says so, and its fix is unsafe.
  void report(rule const& r, byte_span span, std::string_view variable, vars const& values,
              std::vector<edit> edits = {});

  /// Reports `r` about entry `e`: `span` and `edits` are relative to its logical value and are
  /// written back in the entry's format and quoting (a re-quoted value makes the fix unsafe).
  /// `untrusted`: the edits change where the URL connects (host, port, user, password, database)
  /// and rest on rule data from outside poolcheck, so the fix is unsafe.
  void report_value(rule const& r, entry const& e, byte_span span, vars const& values,
                    std::vector<edit> const& edits = {}, bool untrusted = false);

private:
  std::vector<diagnostic>& out_;
  std::shared_ptr<finding_context const> context_;
  unsigned reads_ = 0;
  assumptions assumed_;
};

} // namespace poolcheck::engine
