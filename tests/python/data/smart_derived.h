// smart_derived.h - a class derived from smart_base.h's Shape, in a dictionary
// of its own (SmartDerivedDict): its std::shared_ptr<Circle> results are
// passed where SmartBaseDict's functions expect std::shared_ptr<Shape>.
#pragma once

#include <memory>
#include <vector>

#include "smart_base.h"

namespace smart {

class Circle : public Shape {
 public:
  explicit Circle(int id = 0, double radius = 1.0) : Shape(id), radius(radius) {}
  std::string kind() const override { return "circle"; }
  double radius;
};

inline std::shared_ptr<Circle> makeCircle(int id, double radius) { return std::make_shared<Circle>(id, radius); }
// Declared as a Shape, made as a Circle: the proxy is of the dynamic class.
inline std::shared_ptr<Shape> circleAsShape(int id) { return std::make_shared<Circle>(id, 2.0); }
inline std::vector<std::shared_ptr<Circle>> circles(int n) {
  std::vector<std::shared_ptr<Circle>> out;
  for (int i = 0; i < n; ++i) out.push_back(std::make_shared<Circle>(i, 0.5 * i));
  return out;
}
inline double radiusOf(std::shared_ptr<Circle> circle) { return circle ? circle->radius : -1.0; }

// A node that hands out shared_ptrs to itself: it must be owned by a
// shared_ptr (make_shared) before shared_from_this() works.
class Node : public std::enable_shared_from_this<Node> {
 public:
  explicit Node(int tag = 0) : tag(tag) {}
  std::shared_ptr<Node> self() { return shared_from_this(); }
  void link(std::shared_ptr<Node> next) { next_ = std::move(next); }
  std::shared_ptr<Node> next() const { return next_; }
  int tag;

 private:
  std::shared_ptr<Node> next_;
};

}  // namespace smart
