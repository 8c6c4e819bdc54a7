// Objects.h - C++ results by value, for the PyPy client's per-object cost:
// one class whose destructor has no effect, one whose destructor frees memory.
#pragma once

#include <string>

namespace objects {

struct Vec3 {  // trivially destructible: can live in memory Python owns
  double x, y, z;
};

struct Label {  // owns heap memory: must be destroyed
  std::string text;
  double weight;
};

class Factory {
 public:
  Vec3 vec(double a) const { return Vec3{a, 2 * a, 3 * a}; }
  Label label(double w) const { return Label{"a label longer than the small-string buffer", w}; }
};

}  // namespace objects
