// fastpath_guard.h - which fast-path addresses the loader hands out, and the
// guard that names the function when a C++ exception escapes one of them.
#pragma once

#include <string>

#include "dictloader/dictionary_abi.h"

namespace dictloader {

// The address clients get for fn of dict (null: the stubs), as the
// dictionary recorded it (DlFunction.fast_path) and DICTLOADER_FASTPATH
// overrides (policy 0: unset, 1: all, -1: none). A handed-out address of a
// function that may throw and has no wrapper to catch for it (the function's
// own symbol) is put under the guard; scope names its class or namespace.
void* handOutFastPath(const DlDictionary& dict, const DlFunction& fn, const std::string& scope, int policy);

// Under the guard: an exception that escapes a fast-path call reaches
// std::terminate (nothing above PyPy's JIT frames catches it). The guard's
// terminate handler, installed the first time an address is guarded and
// chaining the one before it, finds the guarded function on the stack and
// prints "dictloader: fatal: C++ exception escaped the fast-path call of
// F: what()" before aborting, the line a generated wrapper prints.
// fn (of dict, declared in scope, all three kept alive by the registry) is
// named in the message as "ns::Widget::Add(int) const".
void guardFastPath(const DlDictionary& dict, const DlFunction& fn, const std::string& scope);

}  // namespace dictloader
