// signatures.h - genreflex test subject: signatures that name types declared
// elsewhere, and one that cannot go through a stub.
#pragma once

#include <cstdarg>

#include "outside_typedefs.h"

namespace signatures {
inline outside_ulong widen(outside_ulong x) { return x + 1; }
inline outside::Real half(const outside::Real& x) { return x / 2; }
int formatList(const char* format, va_list args);  // va_list: skipped, not a broken dictionary
}  // namespace signatures
