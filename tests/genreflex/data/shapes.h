// shapes.h - genreflex test subject: classes, constructors, virtual calls, inheritance and operators.
#pragma once

#include <stdexcept>
#include <string>

namespace shapes {

// Abstract, with a protected constructor: the dictionary lists no constructor
// for it, yet its methods must be callable through derived objects.
class Shape {
 public:
  virtual ~Shape();
  virtual double area() const = 0;
  virtual std::string name() const { return "shape"; }
  int sides() const { return sides_; }

 protected:
  explicit Shape(int sides) : sides_(sides) {}

 private:
  int sides_;
};

class Circle : public Shape {
 public:
  explicit Circle(double radius = 1.0) : Shape(0), radius(radius) {}
  double area() const override { return 3.0 * radius * radius; }  // 3, not pi: exact in tests
  std::string name() const override { return "circle"; }
  double radius;
};

class Rect : public Shape {
 public:
  Rect() : Shape(4), width(0), height(0) {}
  // Throws from a constructor, so the constructor stub's error path is covered.
  Rect(double width, double height);
  Rect(const Rect& other) = default;
  double area() const override { return width * height; }
  std::string name() const override { return "rect"; }
  void resize(double width, double height);
  void resize(double factor);
  double width;
  double height;
};

// A second polymorphic base, laid out after Rect inside TaggedRect: its base
// offset is not zero.
struct Tag {
  virtual ~Tag() = default;
  std::string label;
  int tagId = 0;
};

class TaggedRect : public Rect, public Tag {
 public:
  TaggedRect(double width, double height, const std::string& text);
  std::string describe() const;
};

// A diamond through virtual bases: where Node sits is known only from an object.
struct Node {
  virtual ~Node() = default;
  int id = 10;
};
struct Left : virtual Node {
  int left = 1;
};
struct Right : virtual Node {
  int right = 2;
};
struct Diamond : Left, Right {
  int bottom = 3;
};

// Virtual functions, but a public non-virtual destructor, as much older code
// has: deleting one through its delete stub must compile without warnings.
struct Legacy {
  ~Legacy() {}
  virtual int version() const { return 1; }
  int revision = 4;
};

struct Vec2 {
  double x = 0;
  double y = 0;
  Vec2() = default;
  Vec2(double x, double y) : x(x), y(y) {}
  Vec2 operator+(const Vec2& other) const { return {x + other.x, y + other.y}; }
  bool operator==(const Vec2& other) const { return x == other.x && y == other.y; }
  double& operator[](int i) { return i == 0 ? x : y; }
  double operator[](int i) const { return i == 0 ? x : y; }
  double dot(const Vec2& other) const { return x * other.x + y * other.y; }
  Vec2 scaled(double factor = 2.0) const { return {x * factor, y * factor}; }
  static Vec2 unit() { return {1, 1}; }
};

class Counter {
 public:
  Counter() { ++instances; }
  Counter(const Counter&) { ++instances; }
  ~Counter() { --instances; }
  static int total(int a, int b = 10) { return a + b; }

  static int instances;                 // defined in subjects.cpp
  static const int N = 5;               // in-class only: no address to take
  static constexpr double Scale = 2.5;  // inline variable
  int limits[N] = {1, 2, 3, 4, 5};
};

// Fixed-size arrays, 1D and 2D, and a pointer member.
struct Grid {
  int cells[3][4];
  double weights[5];
  const char* title;
  Vec2* origin;
};

double totalArea(const Shape& first, const Shape* second);
double normSquared(Vec2 v);  // a class by value
Rect* grow(Rect* rect, double factor);
Rect& widest(Rect& a, Rect& b);

}  // namespace shapes
