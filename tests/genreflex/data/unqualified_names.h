// unqualified_names.h - genreflex test subject: signatures that name a
// nested class without its scope, as written inside that scope. The
// generated code is outside every scope, so it must write each name in full.
#pragma once

#include <functional>
#include <memory>
#include <vector>

namespace unqualified {

struct Point {
  int x = 0, y = 0;
};

// Array parameters decay to pointers: Point*[] is Point** (cppyy's ArrayTest).
inline int sumX(Point* points[], int count) {
  int sum = 0;
  for (int i = 0; i < count; ++i) sum += points[i]->x;
  return sum;
}
inline int firstY(Point** points) { return points[0]->y; }
inline int lastX(const Point points[3]) { return points[2].x; }

// A function pointer whose parameter names the nested class.
inline int measure(int (*metric)(const Point&), const Point& p) { return metric(p); }

class Polygon {
 public:
  struct Corner {
    double x = 0;
  };
  Corner corner(int i) const { return Corner{static_cast<double>(i)}; }
  const Corner frozen() const { return Corner{1.5}; }  // a const by-value result
  double total(const Corner corners[2]) const { return corners[0].x + corners[1].x; }
  std::vector<Corner> all() const { return std::vector<Corner>(3); }
  int count(const std::vector<Corner>& corners) const { return static_cast<int>(corners.size()); }
};

// Template arguments that hold a nested name inside an array or a function
// type (cppyy's datatypes.h and cpp11features.h): the instantiations are
// named std::unique_ptr<unqualified::Point[]> and
// std::function<int (const unqualified::Point&)>.
struct Cloud {
  explicit Cloud(int n = 2) : points(new Point[n]) { points[1].x = 5; }
  std::unique_ptr<Point[]> points;
};
inline std::function<int(const Point&)> xReader() {
  return [](const Point& p) { return p.x; };
}

}  // namespace unqualified
