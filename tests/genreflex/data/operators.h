// operators.h - what genreflex describes for operators (operators_emit_test.cpp):
// hidden friends, a friend the namespace declares after the class, conversion
// operators named by their type, and the function it adds to a class that
// C++ can write to a std::ostream.
#pragma once

#include <ostream>
#include <string>

namespace opsgen {

struct Amount {
  explicit Amount(int v) : value(v) {}
  int value;

  friend Amount operator+(const Amount& a, const Amount& b) { return Amount(a.value + b.value); }
  friend Amount operator-(const Amount& a) { return Amount(-a.value); }
  friend bool operator<(const Amount& a, const Amount& b);
  friend std::ostream& operator<<(std::ostream& out, const Amount& a) { return out << a.value << " units"; }

  operator std::string() const { return "amount"; }
  explicit operator bool() const { return value != 0; }
};

inline bool operator<(const Amount& a, const Amount& b) { return a.value < b.value; }

// Printed through its base's operator<<.
struct Share : Amount {
  Share() : Amount(7) {}
};

// `out << Counter()` compiles, through the conversion to int: not a printer of its own.
struct Counter {
  operator int() const { return 3; }
};

struct Silent {
  int n = 0;
};

}  // namespace opsgen
