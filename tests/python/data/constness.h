// constness.h - const and non-const overloads of one method. A non-const
// object calls the non-const one, as C++ does; an object reached through a
// `const T&` or `const T*` result calls the const one. The const overloads
// are declared first: the order of the header does not decide.
#pragma once

#include <vector>

namespace cst {

struct Widget {
  int f() const { return 1; }
  int f() { return 2; }
  int g(int x) const { return 10 + x; }
  int g(int x) { return 20 + x; }
  int g(double) const { return 30; }  // no twin: called on either
  int onlyConst() const { return 3; }
  int onlyMutable() { return 4; }
  const Widget& asConst() const { return *this; }
  const Widget* asConstPointer() const { return this; }
  Widget& asMutable() { return *this; }
  int value = 7;
};

struct Holder {
  Widget widget;
  const Widget& get() const { return widget; }
  Widget& get() { return widget; }
  const Widget& view() const { return widget; }
  Widget* pointer() { return &widget; }
  std::vector<double> numbers{1.0, 2.0, 3.0};
  const std::vector<double>& values() const { return numbers; }
};

}  // namespace cst
