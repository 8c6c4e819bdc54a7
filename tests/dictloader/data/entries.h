// entries.h - what the entries test (entries_test.cpp) calls through
// dictloader_function_entry and the classes whose object operations it uses.
// Out-of-line bodies are in entries.cpp, a library of its own; the counters
// say how often a body ran.
#pragma once

#include <stdexcept>
#include <string>

namespace entries {

extern int calls;        // bumped by every body that should run once per call
extern int destroyed;    // destructors of Counted that ran
extern int liveCounted;  // Counted objects alive

enum class Color : unsigned char { Red = 1, Green = 2, Blue = 250 };
enum Level { Low = -1, High = 1000 };

// A custom exception type: its qualified name is what a client sees.
struct BadInput : std::logic_error {
  explicit BadInput(const std::string& what) : std::logic_error(what) {}
};

class Counted {
 public:
  Counted() : value(0) { ++liveCounted; }
  explicit Counted(int v) : value(v) { ++liveCounted; }
  Counted(const Counted& other) : value(other.value) { ++liveCounted; }
  Counted(Counted&& other) noexcept : value(other.value) {
    other.value = -1;
    ++liveCounted;
  }
  ~Counted() {
    ++destroyed;
    --liveCounted;
  }
  int value;
};

class Calc {
 public:
  Calc() = default;
  explicit Calc(int base);                   // out of line
  Calc(int base, const std::string& label);  // may throw (empty label)
  Calc(double) noexcept : base_(7) {}

  int add(int x, int y) const { return base_ + x + y; }  // inline, cannot throw
  int addOutOfLine(int x) const;                         // own symbol, may throw: checked
  int addNoexcept(int x) const noexcept;                 // own symbol, plain
  double scaled(double factor = 2.0) const { return base_ * factor; }
  long long widened(short s, unsigned char c, bool flag) const noexcept;
  void setBase(int base) { base_ = base; }
  int base() const { return base_; }
  int& baseRef() { return base_; }
  const int& baseConstRef() const noexcept { return base_; }
  const Calc* self() const noexcept { return this; }

  std::string label() const { return label_; }                     // 'o' result
  std::string join(const std::string& a, std::string b) const;     // strings by reference and value
  Counted makeCounted(int v) const { return Counted(v + base_); }  // class result by value
  int readCounted(Counted c) const { return c.value; }             // class argument by value
  int readCountedRef(const Counted& c) const { return c.value; }

  // Out-parameter: a non-const reference to a builtin is a pointer.
  void split(int value, int& quotient, int& remainder) const;
  int divide(int a, int b) const;  // throws std::runtime_error for b == 0
  int checkedDivide(int a, int b) const noexcept(false) {
    if (b == 0) throw BadInput("divide by zero: " + std::to_string(a));
    ++calls;
    return a / b;
  }
  int throwsInt(int x) const {
    ++calls;
    if (x < 0) throw 42;
    return x;
  }
  int countsCall(int x) {
    ++calls;
    return x + 1;
  }

  Color shade(Color c) const noexcept { return c == Color::Red ? Color::Blue : Color::Red; }
  int levelValue(Level level) const { return static_cast<int>(level); }
  Level levelOf(int x) const noexcept { return x > 0 ? High : Low; }
  int colorValue(const Color& c) const noexcept { return static_cast<int>(c); }

  virtual int kind() const { return 1; }
  virtual ~Calc() = default;

  static int twice(int x) noexcept { return 2 * x; }
  static int outOfLineStatic(int x);  // own symbol, may throw

 protected:
  int hidden() const { return base_; }

 private:
  int base_ = 0;
  std::string label_;
};

class DerivedCalc : public Calc {
 public:
  explicit DerivedCalc(int base) : Calc(base) {}
  int kind() const override { return 2; }
};

// The destructor flags.
struct Plain {
  int a = 1;
  double b = 2;
};
struct EmptyInline {
  ~EmptyInline() {}
  int x = 3;
};
struct EmptyOverEmpty {
  virtual ~EmptyOverEmpty() {}
  EmptyInline inner[2];
  Plain plain;
  int* pointer = nullptr;
  Color color = Color::Red;
};
struct WithString {
  ~WithString() {}
  std::string text = "text";
};
struct DeclaredOnly {
  ~DeclaredOnly();  // defined in the library: may do anything
  int x = 0;
};
struct WithStatement {
  ~WithStatement() { ++destroyed; }
  int x = 0;
};
struct OverEmptyBase : EmptyInline {
  int y = 4;
};

class Shape {
 public:
  virtual ~Shape() = default;
  virtual double area() const = 0;
  double twiceArea() const { return 2 * area(); }
};

struct alignas(32) Aligned {
  Aligned() = default;
  explicit Aligned(double v) : value(v) {}
  double value = 0;
};

struct NoCopy {
  NoCopy() = default;
  NoCopy(const NoCopy&) = delete;
  NoCopy& operator=(const NoCopy&) = delete;
  int x = 5;
};

class PrivateDestructor {
 public:
  static PrivateDestructor* make() { return new PrivateDestructor; }
  void release() { delete this; }

 private:
  ~PrivateDestructor() = default;
};

namespace util {
int sum(int a, int b, int c = 10);  // out of line; default argument
inline std::string repeat(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}
void fill(int& out, long long value) noexcept;  // out-parameter, own symbol
double mean(const double* values, int count);
inline int largest(const int& a, const int& b) noexcept { return a > b ? a : b; }
// An array parameter: no entry passes it (the stub does not either, so it
// is left out of the dictionary entirely; a reference to an array is too).
inline void fail(const char* what) { throw std::runtime_error(what); }
inline long double precise(long double x) noexcept { return x * 2; }
}  // namespace util

}  // namespace entries
