// deprecated.h - genreflex test subject: deprecated declarations are described
// like any other, and compiling their stubs prints no warning.
#pragma once

namespace old {
struct [[deprecated("use New")]] Legacy {
  int value = 3;
};
struct Api {
  [[deprecated("use Twice")]] int Double(int x) const { return 2 * x; }
  int Twice(int x) const { return 2 * x; }
};
}  // namespace old
