// hierarchy.h - pytest subject: single and multiple inheritance, virtual
// calls through base pointers, abstract classes.
#pragma once

#include <string>

class Base {
 public:
  Base() : m_base(1) {}
  virtual ~Base() {}
  int baseMethod() const { return 100 + m_base; }
  virtual std::string name() const { return "Base"; }
  int m_base;
};

class Derived : public Base {
 public:
  Derived() : m_derived(2) {}
  std::string name() const override { return "Derived"; }
  int derivedMethod() const { return 200 + m_derived; }
  int m_derived;
};

class SecondBase {
 public:
  SecondBase() : m_second(77) {}
  virtual ~SecondBase() {}
  int secondMethod() const { return 2 * m_second; }
  virtual std::string secondName() const { return "SecondBase"; }
  int m_second;
};

// SecondBase sits at a non-zero offset inside Multi.
class Multi : public Base, public SecondBase {
 public:
  Multi() : m_multi(3) {}
  std::string name() const override { return "Multi"; }
  std::string secondName() const override { return "Multi as SecondBase"; }
  int m_multi;
};

class Shape {
 public:
  virtual ~Shape() {}
  virtual double area() const = 0;
  virtual std::string kind() const = 0;
  double twiceArea() const { return 2 * area(); }
};

class Square : public Shape {
 public:
  explicit Square(double side) : m_side(side) {}
  double area() const override { return m_side * m_side; }
  std::string kind() const override { return "Square"; }
  double m_side;
};

class Factory {
 public:
  static Base* sharedDerived() {
    static Derived instance;
    return &instance;
  }
  static Shape* sharedSquare() {
    static Square instance(3.0);
    return &instance;
  }
  static SecondBase* sharedMultiAsSecond() {
    static Multi instance;
    return &instance;
  }
  static Square* makeSquare(double side) { return new Square(side); }
  static Shape* makeSquareAsShape(double side) { return new Square(side); }
  static const Shape& squareAsShapeRef() { return *sharedSquare(); }
  static Shape* makeHidden(double radius);  // a Circle, which no dictionary describes
  static int secondValue(const SecondBase* p) { return p->m_second; }
  static int secondValueRef(const SecondBase& p) { return p.m_second; }
  static std::string nameOf(const Base& b) { return b.name(); }
};

#include "hidden_shapes.h"
inline Shape* Factory::makeHidden(double radius) { return new Circle(radius); }

// Functions whose result and argument are of a class no dictionary describes
// (Circle, from a header genreflex was not given): calling them says so.
struct HiddenHolder {
  Circle m_circle{2.0};
  const Circle& circle() const { return m_circle; }
  static double radiusOf(const Circle& c) { return c.m_radius; }
};
