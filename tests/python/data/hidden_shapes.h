// hidden_shapes.h - a class derived from a described one that no dictionary
// describes: hierarchy.h includes it, and genreflex selects only what the named
// headers themselves declare.
#pragma once

#include <string>

class Circle : public Shape {
 public:
  explicit Circle(double radius) : m_radius(radius) {}
  double area() const override { return 3.0 * m_radius * m_radius; }
  std::string kind() const override { return "Circle"; }
  double m_radius;
};
