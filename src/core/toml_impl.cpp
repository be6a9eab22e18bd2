// toml++'s implementation, compiled into poolcheck instead of linking libtomlplusplus.so: one
// shared library fewer for the dynamic loader at every start (a pre-commit hook starts often).
#define TOML_IMPLEMENTATION
// toml++ 3.3.0 asserts preconditions of its parser that malformed input breaks (a table header
// `[!]`, an array `[}`): builds with NDEBUG skip them and report a parse error, and so must every
// build, since poolcheck.toml, rule files and a project's pyproject.toml or Cargo.toml are input.
#define TOML_ASSERT(expr) static_cast<void>(0)
#include <toml++/toml.h>
