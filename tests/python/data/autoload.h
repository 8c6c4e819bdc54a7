// autoload.h - pytest subject that no test loads by name: test_autoload.py
// reaches it through a catalog (DICTLOADER_CATALOG) on first use.
#pragma once

class AutoGadget {
 public:
  explicit AutoGadget(int v = 0) : value(v) {}
  int Twice() const { return 2 * value; }
  int value;
};

inline int autoTriple(int x) { return 3 * x; }
enum AutoShade { kAutoLight = 1, kAutoDark = 7 };
enum class AutoMode : short { Off = 0, On = 3 };
typedef AutoGadget AutoGadgetAlias;
inline int g_autoCounter = 31;

// A class template known only by its instantiations: cppyy.gbl.AutoBox autoloads too.
template <class T>
struct AutoBox {
  T item;
  T get() const { return item; }
};
inline AutoBox<int> autoBoxOf(int x) { return AutoBox<int>{x}; }

namespace autons {
inline int quadruple(int x) { return 4 * x; }
}  // namespace autons
