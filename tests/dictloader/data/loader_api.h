// loader_api.h - dictloader test subject: what PyPy's _cppyy reaches through the C API.
#pragma once

#include <stdexcept>
#include <string>

namespace api {

enum Color { Red = 1, Green = 2, Blue = 4 };             // unscoped: values are also names of api
enum class Mode : short { Off = 0, On = 7, Auto = -3 };  // scoped, narrower than the int64 table slot

typedef int Count;

// Overloads that differ only by enum type (the HepMC3::Units::name case), and
// enum-typed results and data (enums_test.cpp; dictionary ABI 1.5).
struct Palette {
  static int Code(Color c) { return 100 + c; }
  static int Code(Mode m) { return 200 + static_cast<int>(m); }
  static Mode Flip(const Mode& m) { return m == Mode::On ? Mode::Off : Mode::On; }
  static const Color& Favourite() { return favourite; }
  static inline Color favourite = Green;
  Mode mode = Mode::Auto;
  Color colors[2] = {Red, Blue};
};

// Counts its live instances, so a test can see that cppyy_destruct ran the destructor.
class Widget {
 public:
  Widget() : value(0) { ++instances; }
  explicit Widget(int v) : value(v) { ++instances; }
  Widget(const Widget& other) : value(other.value), ratio(other.ratio) { ++instances; }
  ~Widget() { --instances; }

  int Scale(int x, int factor = 3) const { return x * factor; }
  int Add(int x) const { return value + x; }  // provably non-throwing: gets a fast-path address
  double Add(double x) const { return value + x; }
  static int Twice(int x) { return 2 * x; }
  int Fail(int code) const {
    if (code >= 0) throw std::runtime_error("known text");
    return code;
  }
  bool IsPositive() const { return value > 0; }
  int Pick(bool first, int a, int b) const { return first ? a : b; }
  double Mix(int a, double b) const { return a * b; }
  std::string Greet(std::string name) const { return "hello " + name; }
  std::string Join(const std::string& a, const std::string& b) const { return a + "+" + b; }
  const char* Label() const { return "widget"; }
  Widget Plus(const Widget& other) const { return Widget(value + other.value); }
  int SumWith(Widget other) const { return value + other.value; }
  void Set(int v) { value = v; }

  int value;
  double ratio = 0.5;
  int table[4] = {1, 2, 3, 4};
  short grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
  static int instances;  // defined in subjects.cpp, as are the other variables
  static double scale;
};

typedef Widget WidgetAlias;

namespace util {
int Sum(int a, int b);
int Sum(int a, int b, int c);
double Half(double x);
// Throws std::out_of_range("api::util::Checked: negative") for x < 0 (the fast-path guard's subject).
int Checked(int x);
extern int counter;
}  // namespace util

// Single, multiple (second base at a non-zero offset) and virtual inheritance.
struct Base {
  virtual ~Base() = default;
  int BaseValue() const { return b; }
  int b = 11;
};
struct Derived : Base {
  int d = 22;
};
struct Other {
  virtual ~Other() = default;
  double o = 33.0;
};
struct Multi : Base, Other {
  int m = 44;
};
struct VBase {
  virtual ~VBase() = default;
  int v = 55;
};
struct VLeft : virtual VBase {
  int l = 1;
};
struct VRight : virtual VBase {
  int r = 2;
};
struct VDiamond : VLeft, VRight {
  int bottom = 3;
};

struct Abstract {
  virtual ~Abstract() = default;
  virtual int Area() const = 0;
};
struct Concrete : Abstract {
  int Area() const override { return 42; }
};

}  // namespace api
