// out_of_line.h - a class whose methods are compiled into their own library
// (out_of_line.cpp), the common case: genreflex sees no bodies, so only
// --methptrgetter=all gives these methods the fast path.
#pragma once

namespace ool {

class Calculator {
 public:
  explicit Calculator(int base);
  // Throws std::domain_error("ool::Calculator::Divide: division by zero").
  int Divide(int divisor) const;
  // How many times Divide ran, thrown or not (a call that reached C++ is never repeated).
  static int DivideCalls();
  int Add(int a) const;
  // Virtual: its fast path is a wrapper, which catches for itself.
  virtual int Checked(int value) const;  // throws std::range_error for a negative value
  virtual ~Calculator();

 private:
  int base_;
};

}  // namespace ool
