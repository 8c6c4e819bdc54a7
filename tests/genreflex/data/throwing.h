// throwing.h - genreflex test subject: which functions can throw, as far as
// genreflex can tell from the bodies it sees (the fast path depends on it).
#pragma once

#include <cmath>
#include <stdexcept>
#include <vector>

namespace throwing {

inline int twice(int x) { return 2 * x; }
inline int mayThrow(int x) {
  if (x < 0) throw std::invalid_argument("throwing::mayThrow: negative");
  return x;
}
inline int factorial(int n) { return n <= 1 ? 1 : n * factorial(n - 1); }
int definedElsewhere(int x);  // no body in sight: may throw

struct Probe {
  std::vector<int> values;
  double radius = 2.0;
  int callsNothrowHelper(int x) const { return twice(x) + 1; }
  int callsThrowingHelper(int x) const { return mayThrow(x); }
  double callsLibm() const { return std::sqrt(radius * radius); }
  void allocates(int x) { values.push_back(x); }
  int checkedAt(int i) const { return values.at(i); }
  int unchecked(int i) const { return values[i]; }
  int recursive(int n) const { return factorial(n); }
  int makesAThrowingLambda(int x) const {
    auto lambda = [](int y) {
      if (y) throw y;
      return y;
    };
    (void)lambda;
    return x;
  }
  virtual int overridable() const { return 1; }  // an override may throw
  virtual ~Probe() = default;
};

}  // namespace throwing
