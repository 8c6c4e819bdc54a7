// MyClass.h - the seed talk's example class (CERN, PyPy + Reflex, 2010), with
// the three calls whose overhead the seed measured.
#pragma once

#include <stdexcept>
#include <string>

class MyClass {
 public:
  MyClass() : m_data(0) {}
  explicit MyClass(int data) : m_data(data) {}
  virtual ~MyClass() {}

  // The seed's trivial call: its cost is all binding overhead.
  int MyFunc() { return m_data; }
  int AddInt(int a) { return m_data + a; }
  double Sum(double a, double b) { return a + b; }

  int GetData() const { return m_data; }
  void SetData(int data) { m_data = data; }
  std::string Describe() const { return "MyClass(" + std::to_string(m_data) + ")"; }
  int CheckedDivide(int divisor) const {
    if (divisor == 0) throw std::domain_error("MyClass::CheckedDivide: division by zero");
    return m_data / divisor;
  }
  static int Version() { return 2; }

  int m_data;
};
