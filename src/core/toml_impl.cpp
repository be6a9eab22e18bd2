// toml++'s implementation, compiled into poolcheck instead of linking libtomlplusplus.so: one
// shared library fewer for the dynamic loader at every start (a pre-commit hook starts often).
#define TOML_IMPLEMENTATION
#include "core/toml.hpp"
