// objects.h - pytest subject: classes, constructors, overloads, data members,
// operators, object lifetime, pointers and C++ exceptions.
#pragma once

#include <stdexcept>
#include <string>

// Counts its live instances, so tests can see the destructor run.
class Counted {
 public:
  Counted() : m_value(0) { ++s_instances; }
  explicit Counted(int value) : m_value(value) { ++s_instances; }
  Counted(const Counted& other) : m_value(other.m_value) { ++s_instances; }
  ~Counted() { --s_instances; }

  int value() const { return m_value; }
  void setValue(int value) { m_value = value; }
  static int instances() { return s_instances; }
  static Counted make(int value) { return Counted(value); }

  inline static int s_instances = 0;
  int m_value;
};

class Point {
 public:
  Point() : x(0), y(0) {}
  Point(double x_, double y_ = 10.0) : x(x_), y(y_) {}

  double length2() const { return x * x + y * y; }
  void scale(double factor) {
    x *= factor;
    y *= factor;
  }
  static Point origin() { return Point(); }
  static double dot(const Point& a, const Point& b) { return a.x * b.x + a.y * b.y; }

  Point operator+(const Point& other) const { return Point(x + other.x, y + other.y); }
  bool operator==(const Point& other) const { return x == other.x && y == other.y; }
  double& operator[](int i) { return i == 0 ? x : y; }
  double operator()(double factor) const { return x * factor; }

  double x, y;
};

class Overloads {
 public:
  std::string which(int) const { return "int"; }
  std::string which(double) const { return "double"; }
  std::string which(const std::string&) const { return "string"; }
  std::string which(const Point&) const { return "Point"; }
  std::string which(int, int) const { return "int, int"; }

  int defaults(int a, int b = 20, int c = 300) const { return a + b + c; }
  static int twice(int v) { return 2 * v; }
};

// size() and an operator[] that never fails (cppyy's stl_like_class): Python
// iterates it over its size.
class Indexable {
 public:
  int size() const { return 3; }
  int operator[](int i) const { return 10 * i; }
};

class Storage {
 public:
  Storage() : m_int(-1), m_double(2.5), m_array{1, 2, 3, 4}, m_counted(17) {}
  int sumArray() const { return m_array[0] + m_array[1] + m_array[2] + m_array[3]; }
  int getInt() const { return m_int; }
  double getDouble() const { return m_double; }
  static int shared() { return s_shared; }

  int m_int;
  double m_double;
  int m_array[4];
  Counted m_counted;
  inline static int s_shared = 42;
  static const int kLimit = 7;
};

class Outer {
 public:
  class Inner {
   public:
    explicit Inner(int v = 5) : m_v(v) {}
    int get() const { return m_v; }
    int m_v;
  };
  Inner makeInner(int v) const { return Inner(v); }
};

// Pointers to classes as arguments and results.
class Pointers {
 public:
  static int valueOf(const Counted* c) { return c ? c->value() : -1; }
  static bool isNull(const Counted* c) { return c == nullptr; }
  static void bump(Counted* c) { c->setValue(c->value() + 1); }
  static int valueOfRef(const Counted& c) { return c.value(); }
  static Counted* shared() {
    static Counted instance(99);
    return &instance;
  }
};

class Thrower {
 public:
  int checkedDivide(int a, int b) {
    ++m_calls;
    if (b == 0) throw std::domain_error("Thrower::checkedDivide: division by zero");
    return a / b;
  }
  static void fail(const std::string& why) { throw std::runtime_error(why); }
  int calls() const { return m_calls; }
  // Two overloads a Python int fits: the first throws for a negative value,
  // and the second must then not run (PyPy's _cppyy would go on to it).
  int guarded(int value) {
    ++m_calls;
    if (value < 0) throw std::invalid_argument("Thrower::guarded: a negative value");
    return value;
  }
  double guarded(double value) {
    ++m_fallbacks;
    return 2 * value;
  }
  int fallbacks() const { return m_fallbacks; }

  int m_calls = 0;
  int m_fallbacks = 0;
};

// Failures in every kind of call: a constructor, results by value (a class,
// a std::string), a throw of no std::exception, a null pointer result.
class Failing {
 public:
  explicit Failing(int value) : m_value(value) {
    if (value < 0) throw std::invalid_argument("Failing: a negative value");
  }
  std::string text(bool fail) const {
    if (fail) throw std::runtime_error("Failing::text failed");
    return "fine";
  }
  Counted counted(bool fail) const {
    if (fail) throw std::out_of_range("Failing::counted failed");
    return Counted(m_value);
  }
  static int throwsInt() { throw 42; }
  static Counted* none() { return nullptr; }
  int value() const { return m_value; }

  int m_value;
};

// An object C++ deletes while Python still holds a borrowed proxy of it: the
// next object of its size malloc hands out (a result by value) may have its
// address, and is a new object, not the dead one's proxy.
class ReusedAddress {
 public:
  explicit ReusedAddress(int value) : m_value(value) {}
  static ReusedAddress* makeBorrowed(int value) { return s_borrowed = new ReusedAddress(value); }
  static void deleteBorrowed() {
    delete s_borrowed;
    s_borrowed = nullptr;
  }
  static ReusedAddress byValue(int value) { return ReusedAddress(value); }
  int value() const { return m_value; }

  inline static ReusedAddress* s_borrowed = nullptr;
  int m_value;
};

// A data member that points at another object (assigned from Python).
struct Linked {
  explicit Linked(int value_ = 0) : value(value_) {}
  int nextValue() const { return m_next ? m_next->value : -1; }
  int value;
  Linked* m_next = nullptr;
};
