// operators.h - C++ operators as Python protocols (test_operators.py): member
// and free operators in both operand orders, hidden friends, conversions,
// printing through operator<<, indexing, and pointers compared with nullptr.
#pragma once

#include <ostream>
#include <string>

namespace ops {

// Member operators of every kind, with an object or an int on the right.
class Number {
 public:
  Number() = default;
  explicit Number(int value) : value_(value) {}
  int value() const { return value_; }
  static Number* none() { return nullptr; }

  Number operator+(const Number& n) const { return Number(value_ + n.value_); }
  Number operator+(int n) const { return Number(value_ + n); }
  Number operator-(const Number& n) const { return Number(value_ - n.value_); }
  Number operator-(int n) const { return Number(value_ - n); }
  Number operator*(const Number& n) const { return Number(value_ * n.value_); }
  Number operator*(int n) const { return Number(value_ * n); }
  Number operator/(const Number& n) const { return Number(value_ / n.value_); }  // C++'s integer division
  Number operator/(int n) const { return Number(value_ / n); }
  Number operator%(const Number& n) const { return Number(value_ % n.value_); }
  Number operator%(int n) const { return Number(value_ % n); }
  Number operator&(const Number& n) const { return Number(value_ & n.value_); }
  Number operator|(const Number& n) const { return Number(value_ | n.value_); }
  Number operator^(const Number& n) const { return Number(value_ ^ n.value_); }
  Number operator<<(int bits) const { return Number(value_ << bits); }
  Number operator>>(int bits) const { return Number(value_ >> bits); }

  Number& operator+=(const Number& n) {
    value_ += n.value_;
    return *this;
  }
  Number& operator+=(int n) {
    value_ += n;
    return *this;
  }
  Number& operator-=(const Number& n) {
    value_ -= n.value_;
    return *this;
  }
  Number& operator*=(const Number& n) {
    value_ *= n.value_;
    return *this;
  }
  Number& operator/=(const Number& n) {
    value_ /= n.value_;
    return *this;
  }
  Number& operator/=(int n) {
    value_ /= n;
    return *this;
  }
  Number& operator%=(const Number& n) {
    value_ %= n.value_;
    return *this;
  }
  Number& operator&=(const Number& n) {
    value_ &= n.value_;
    return *this;
  }
  Number& operator|=(const Number& n) {
    value_ |= n.value_;
    return *this;
  }
  Number& operator^=(const Number& n) {
    value_ ^= n.value_;
    return *this;
  }
  Number& operator<<=(int bits) {
    value_ <<= bits;
    return *this;
  }
  Number& operator>>=(int bits) {
    value_ >>= bits;
    return *this;
  }

  Number operator-() const { return Number(-value_); }
  Number operator+() const { return Number(value_ + 1000); }  // (not the identity: shows it is called)
  Number operator~() const { return Number(~value_); }

  bool operator<(const Number& n) const { return value_ < n.value_; }
  bool operator<=(const Number& n) const { return value_ <= n.value_; }
  bool operator>(const Number& n) const { return value_ > n.value_; }
  bool operator>=(const Number& n) const { return value_ >= n.value_; }
  bool operator==(const Number& n) const { return value_ == n.value_; }
  bool operator!=(const Number& n) const { return value_ != n.value_; }

  explicit operator bool() const { return value_ != 0; }

 private:
  int value_ = 0;
};

// Free operators only, with the class on either side: the operand order shows
// in operator-(double, const Vec&) and operator<(double, const Vec&).
struct Vec {
  Vec(double x_, double y_) : x(x_), y(y_) {}
  double x, y;
};

inline Vec operator+(const Vec& a, const Vec& b) { return Vec(a.x + b.x, a.y + b.y); }
inline Vec operator-(const Vec& a, const Vec& b) { return Vec(a.x - b.x, a.y - b.y); }
inline Vec operator-(double s, const Vec& a) { return Vec(s - a.x, s - a.y); }
inline Vec operator-(const Vec& a) { return Vec(-a.x, -a.y); }
inline Vec operator+(const Vec& a) { return Vec(a.x + 0.5, a.y + 0.5); }  // (shows it is called)
inline Vec operator*(const Vec& a, double s) { return Vec(a.x * s, a.y * s); }
inline Vec operator*(double s, const Vec& a) { return Vec(s * a.x, s * a.y + 1); }  // (which one ran)
inline double operator*(const Vec& a, const Vec& b) { return a.x * b.x + a.y * b.y; }
inline Vec operator/(const Vec& a, double s) { return Vec(a.x / s, a.y / s); }
inline Vec& operator+=(Vec& a, const Vec& b) {
  a.x += b.x;
  a.y += b.y;
  return a;
}
inline Vec& operator/=(Vec& a, double s) {
  a.x /= s;
  a.y /= s;
  return a;
}
inline bool operator==(const Vec& a, const Vec& b) { return a.x == b.x && a.y == b.y; }
inline bool operator!=(const Vec& a, const Vec& b) { return !(a == b); }
inline bool operator<(const Vec& a, const Vec& b) { return a.x * a.x + a.y * a.y < b.x * b.x + b.y * b.y; }
inline bool operator<(double length, const Vec& a) { return length * length < a.x * a.x + a.y * a.y; }
inline std::ostream& operator<<(std::ostream& out, const Vec& v) {
  return out << "(" << v.x << ", " << v.y << ")";
}

// A derived class: Vec's free operators and printing apply to it as C++ applies them.
struct NamedVec : Vec {
  NamedVec(double x_, double y_, const std::string& name_) : Vec(x_, y_), name(name_) {}
  std::string name;
};

// Operators declared only inside the class (hidden friends), which C++ finds
// by argument-dependent lookup alone; and one a friend declaration names first.
class Money {
 public:
  explicit Money(long cents) : cents_(cents) {}
  long cents() const { return cents_; }

  friend Money operator+(const Money& a, const Money& b) { return Money(a.cents_ + b.cents_); }
  friend Money operator-(const Money& a) { return Money(-a.cents_); }
  friend Money operator*(const Money& a, int n) { return Money(a.cents_ * n); }
  friend Money operator*(int n, const Money& a) { return Money(n * a.cents_ + 1); }  // (which one ran)
  friend bool operator==(const Money& a, const Money& b) { return a.cents_ == b.cents_; }
  friend bool operator<(const Money& a, const Money& b);
  friend std::ostream& operator<<(std::ostream& out, const Money& m) {
    return out << m.cents_ / 100 << "." << (m.cents_ % 100 < 10 ? "0" : "") << m.cents_ % 100 << " EUR";
  }

 private:
  long cents_;
};

inline bool operator<(const Money& a, const Money& b) { return a.cents_ < b.cents_; }

// Conversion operators.
struct Flag {
  explicit Flag(bool on_) : on(on_) {}
  explicit operator bool() const { return on; }
  bool on;
};

struct Switch {
  explicit Switch(bool on_) : on(on_) {}
  operator bool() const { return on; }
  bool on;
};

struct Count {
  explicit Count(long n_) : n(n_) {}
  operator long() const { return n; }
  long n;
};

struct Small {
  explicit Small(short n_) : n(n_) {}
  operator short() const { return n; }
  short n;
};

struct Huge {
  explicit Huge(unsigned long long n_) : n(n_) {}
  operator unsigned long long() const { return n; }
  unsigned long long n;
};

struct Ratio {
  explicit Ratio(double r_) : r(r_) {}
  operator double() const { return r; }
  double r;
};

struct Label {
  operator const char*() const { return "a label"; }
};

struct Title {
  explicit Title(const std::string& text_) : text(text_) {}
  operator std::string() const { return "title: " + text; }
  std::string text;
};

// Both printable and convertible to text: str() is what it prints.
struct Printed {
  explicit Printed(int n_) : n(n_) {}
  operator const char*() const { return "converted"; }
  int n;
};

inline std::ostream& operator<<(std::ostream& out, const Printed& p) { return out << "printed " << p.n; }

// No operator at all: Python's defaults (== is identity).
struct Plain {
  int n = 0;
};

// A matrix: m[i] is a row (a class with operator[] of its own), m[i][j] a
// cell; m[i, j] is operator()(i, j), as cppyy maps it.
class Grid {
 public:
  class Row {
   public:
    explicit Row(double* cells) : cells_(cells) {}
    double& operator[](int j) { return cells_[j]; }

   private:
    double* cells_;
  };

  Grid() {
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) cells_[i][j] = 10 * i + j;
  }
  Row operator[](int i) { return Row(cells_[i]); }
  double& operator()(int i, int j) { return cells_[i][j]; }
  double operator()(int i, int j) const { return cells_[i][j]; }

 private:
  double cells_[3][3];
};

// Pointer results, null or not.
struct Link {
  Link* next() const { return next_; }
  Link* self() { return this; }
  void* handle() const { return nullptr; }
  Link* next_ = nullptr;
};

}  // namespace ops

// The global namespace's free operators, for a class of the global namespace.
struct OpsGlobal {
  explicit OpsGlobal(int n_) : n(n_) {}
  int n;
};

inline OpsGlobal operator-(const OpsGlobal& a) { return OpsGlobal(-a.n); }
inline OpsGlobal operator~(const OpsGlobal& a) { return OpsGlobal(~a.n); }
inline bool operator==(const OpsGlobal& a, const OpsGlobal& b) { return a.n == b.n; }
inline OpsGlobal operator%(const OpsGlobal& a, int m) { return OpsGlobal(a.n % m); }
