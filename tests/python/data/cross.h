// cross.h - pytest subject (test_cross_inheritance.py) and the dispatcher
// tests of tests/dictloader: C++ classes that Python classes derive from,
// whose virtual functions C++ code calls through base pointers and
// references, so that it reaches Python's overrides.
#pragma once

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace cross {

enum class Mood { Calm = 1, Angry = 2 };

class Base {
 public:
  Base() : m_value(42) { ++s_live; }
  explicit Base(int value) : m_value(value) { ++s_live; }
  Base(const Base& other) : m_value(other.m_value) { ++s_live; }
  virtual ~Base() { --s_live; }

  virtual int value() const { return m_value; }
  virtual int add(int i) { return m_value + i; }
  virtual int add(int i, int j) { return m_value + i + j; }
  virtual double scale(double factor) const { return m_value * factor; }
  virtual std::string name() const { return "Base"; }
  virtual void bump(int& counter) { counter += m_value; }
  virtual int other_value(const Base& other) const { return other.value(); }
  virtual Base* chosen(Base* candidate) { return candidate != nullptr ? candidate : this; }
  virtual Mood mood() const { return Mood::Calm; }
  virtual bool check(const std::string& text) const { return !text.empty(); }
  int twice() const { return 2 * value(); }  // not virtual: C++ calls value() virtually

  // C++ calling the virtual functions through a base reference or pointer.
  static int call_value(const Base& b) { return b.value(); }
  static int call_add(Base& b, int i) { return b.add(i); }
  static int call_add2(Base& b, int i, int j) { return b.add(i, j); }
  static double call_scale(const Base& b, double factor) { return b.scale(factor); }
  static std::string call_name(const Base* b) { return b->name(); }
  static int call_bump(Base& b, int start) {
    int counter = start;
    b.bump(counter);
    return counter;
  }
  static int call_other_value(const Base& b, const Base& other) { return b.other_value(other); }
  static Base* call_chosen(Base& b, Base* candidate) { return b.chosen(candidate); }
  static int call_mood(const Base& b) { return static_cast<int>(b.mood()); }
  static bool call_check(const Base& b, const std::string& text) { return b.check(text); }
  static int call_secret(const Base& b) { return b.secret(); }
  // Through the stub whatever the dictionary: a default argument left to C++.
  static int call_add_default(Base& b, int i = 1) { return b.add(i); }

  static int s_live;  // Base objects alive (dispatchers are Bases too)
  int m_value;

 protected:
  virtual int secret() const { return 7; }
  int helper(int x) const { return x * 3; }
  static int static_helper() { return 5; }
  int m_protected = 101;
};

inline int Base::s_live = 0;

// A C++ loop over base pointers: the virtual call reaches each object's
// override, Python's included.
inline int sum_values(const std::vector<Base*>& objects) {
  int total = 0;
  for (const Base* b : objects) total += b->value();
  return total;
}
// (std::vector<Base*>::push_back takes a `Base* const&`, which no client
// converts yet)
inline void append(std::vector<Base*>& objects, Base* b) { objects.push_back(b); }

// Abstract: no constructor from Python unless the pure virtuals are overridden.
class Shape {
 public:
  virtual ~Shape() = default;
  virtual double area() const = 0;
  virtual std::string kind() const = 0;
  static double total_area(const std::vector<Shape*>& shapes) {
    double total = 0;
    for (const Shape* s : shapes) total += s->area();
    return total;
  }
  static std::string describe(const Shape& s) { return s.kind() + " of area " + std::to_string(s.area()); }
  static void append(std::vector<Shape*>& shapes, Shape* s) { shapes.push_back(s); }

 protected:
  Shape() = default;
};

class Sized : public Shape {
 public:
  explicit Sized(int size) : m_size(size) {}
  std::string kind() const override { return "sized"; }
  int m_size;
};

// Exceptions through overrides.
inline std::string what_of_value(const Base& b) {
  try {
    b.value();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}
inline int value_noexcept(const Base& b) noexcept { return b.value(); }
// C++ that throws, for an override to call.
inline int checked_positive(int x) {
  if (x < 0) throw std::invalid_argument("negative: " + std::to_string(x));
  return x;
}
struct CallsInDestructor {
  const Base* b;
  ~CallsInDestructor() { b->value(); }
};
inline void value_in_destructor(const Base& b) { CallsInDestructor calls{&b}; }
// C++ that catches, then throws its own exception.
inline int value_or_rethrow_own(const Base& b) {
  try {
    return b.value();
  } catch (const std::exception&) {
    throw std::runtime_error("C++ caught the override's exception and threw its own");
  }
}

// Lifetime: C++ that owns what it is given and deletes it later.
class Holder {
 public:
  Holder() = default;
  Holder(const Holder&) = delete;
  Holder& operator=(const Holder&) = delete;
  ~Holder() { clear(); }
  void adopt(Base* b) { m_objects.push_back(b); }
  int sum() const { return sum_values(m_objects); }
  int size() const { return static_cast<int>(m_objects.size()); }
  void clear() {
    for (Base* b : m_objects) delete b;
    m_objects.clear();
  }

 private:
  std::vector<Base*> m_objects;
};

// The override called from a thread Python did not start.
inline int value_in_thread(const Base& b) {
  int result = 0;
  std::thread worker([&] { result = b.value(); });
  worker.join();
  return result;
}

}  // namespace cross

// For ctypes (which calls C without Python's lock held on CPython): not
// inline, so that the dictionary (the one file that includes this header)
// exports it.
extern "C" int cross_call_value(void* base) { return static_cast<cross::Base*>(base)->value(); }
