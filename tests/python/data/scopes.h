// scopes.h - pytest subject: namespaces, free functions, global variables,
// enums and typedefs.
#pragma once

#include <string>

inline int g_global = 123;
inline const double g_constGlobal = 0.25;

inline int freeAdd(int a, int b) { return a + b; }
inline int readGlobal() { return g_global; }

namespace outer {
inline double g_ratio = 0.5;
inline int add(int a, int b) { return a + b; }

namespace inner {
inline int g_inner = 11;
inline int triple(int x) { return 3 * x; }
inline int readInner() { return g_inner; }
class Thing {
 public:
  int id() const { return 4; }
};
}  // namespace inner

enum class Level { Low = 1, High = 9 };
enum Flags { kFlagA = 1, kFlagB = 2 };
inline int levelValue(Level l) { return static_cast<int>(l); }
inline Level promote(Level) { return Level::High; }
}  // namespace outer

enum Color { kRed, kGreen = 5, kBlue };
enum class Mode : short { Off = 0, On = 3, Big = -300 };

inline int colorValue(Color c) { return c; }
inline Color nextColor(Color c) { return static_cast<Color>(c + 1); }
inline Mode toggle(Mode m) { return m == Mode::Off ? Mode::On : Mode::Off; }

class WithEnum {
 public:
  enum Kind { kOne = 1, kTwo = 2 };
  WithEnum() : m_kind(kTwo) {}
  Kind kind() const { return m_kind; }
  Kind m_kind;
};

typedef int MyInt;
using Real = double;
typedef outer::inner::Thing ThingAlias;
using Name = std::string;

inline MyInt addMyInt(MyInt a, MyInt b) { return a + b; }
inline Real halve(Real r) { return r / 2; }
inline Name greet(const Name& who) { return "hello " + who; }
