// clang_only.h - genreflex test subject: a header that clang accepts and g++
// rejects outright (a clang builtin), so no declaration can be left out to
// mend it: genreflex names the header and the compiler's first error.
#pragma once

namespace clang_only {
inline unsigned long long cycles() { return __builtin_readcyclecounter(); }
inline int answer() { return 42; }
}  // namespace clang_only
