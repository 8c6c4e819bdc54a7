// scopes.h - genreflex test subject: namespaces, nested classes, enums and typedefs.
#pragma once

#include <cstddef>
#include <string>

typedef int GlobalInt;

namespace scopes {

namespace outer::inner {
struct Leaf {
  int value = 7;
  int get() const { return value; }
};
int depth();
extern long g_depth;
}  // namespace outer::inner

class Outer {
 public:
  struct Inner {
    enum Kind { First = 1, Second = 2 };
    int x = 1;
  };
  class Deep {
   public:
    struct Deeper {
      double d = 0.5;
    };
  };
  typedef Inner InnerAlias;
  Inner make() const { return Inner{}; }

 private:
  struct Hidden {
    int secret;
  };
};

enum Color { Red, Green = 5, Blue };
enum Sign : int { Minus = -1, Zero = 0, Plus = 1 };
enum class Mode : unsigned char { Off = 0, On = 1, Auto = 200 };
enum class Big : long long { Negative = -(1LL << 40), Huge = 1LL << 40 };

typedef unsigned long Size;
typedef double Real;
typedef Real RealAgain;
using Text = std::string;
using Index = std::size_t;
using LeafAlias = outer::inner::Leaf;
using ModeAlias = Mode;

Color next(Color c);
Mode toggle(Mode m);
Real half(Real value);

}  // namespace scopes
