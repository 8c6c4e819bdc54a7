// const_twins.h - methods with a const and a non-const overload of the same
// arguments, the const one declared first: the C API lists the non-const one
// first, which clients that take the first overload that converts (PyPy's
// _cppyy) call on a non-const object, as C++ does.
#pragma once

namespace twins {

struct Pair {
  int f() const { return 1; }
  int f() { return 2; }
  int g(int x) const { return x; }
  int g(double) const { return 0; }
  int g(int x) { return -x; }
  int h() const { return 3; }  // no twin
};

}  // namespace twins
