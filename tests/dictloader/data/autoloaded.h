// autoloaded.h - dictloader test subject that no test loads: the registry
// finds it through a catalog on the first lookup of one of its names
// (autoload_test.cpp).
#pragma once

namespace autoloaded {

class Gizmo {
 public:
  explicit Gizmo(int v = 0) : value(v) {}
  int Twice() const { return 2 * value; }
  int value;
};

inline int Triple(int x) { return 3 * x; }
enum class Level { Low = 1, High = 9 };
typedef Gizmo GizmoAlias;
inline int counter = 17;

}  // namespace autoloaded

// In the global namespace, as cppyy.gbl.Sprocket finds it.
struct Sprocket {
  int teeth = 12;
};
inline int SprocketCount() { return 4; }
inline int sprocket_stock = 3;
