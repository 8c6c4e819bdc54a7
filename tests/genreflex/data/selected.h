// selected.h - declarations of which a selection file (selected.xml) picks
// some: each kind of rule, patterns, exclusions, member exclusions, a base
// class that comes along because a selected class needs it, and template
// instantiations named in the file or matched by a pattern.
#pragma once

#include <string>
#include <vector>

namespace sel {

class Base {
 public:
  virtual ~Base() = default;
  int baseValue() const { return 7; }
};

class Track : public Base {  // selected by name; Base is needed
 public:
  int size() const { return 3; }
  void debug() const {}                          // excluded by name
  int fit(int x) const { return x + 1; }         // kept
  double fit(double x) const { return x / 2; }   // excluded by proto_name
  int hits = 1;
  int raw = 2;        // excluded field
  double cache = 0;   // transient="true": still there (an I/O attribute)
  struct Fit {        // nested: no rule of its own, so not selected
    int chi2 = 0;
  };
};

class Helper {  // pattern sel::H*
 public:
  int help() const { return 11; }
};
class Holder {  // pattern sel::H*
 public:
  int hold() const { return 12; }
};
class Internal {  // pattern sel::Int*, but excluded
 public:
  int x = 0;
};
class Unselected {
 public:
  int y = 0;
};

template <class T>
struct Box {
  T value{};
  T get() const { return value; }
};
// The headers use these two instantiations; the pattern sel::Box<*> picks them.
inline int boxCount(const Box<float>*, const Box<long>*) { return 2; }

enum Color { Red, Green };  // selected
enum Shape { Round };       // not

typedef double Real;  // selected
typedef int Integer;  // not

class Pointee {  // no rule of its own: the typedef naming it brings it
 public:
  int point() const { return 4; }
};
typedef Pointee PointeeAlias;  // selected

class Classed {  // no rule of its own: a class rule naming its typedef brings it, as in ROOT's files
 public:
  int classed() const { return 7; }
};
typedef Classed ClassedAlias;  // selected by <class name="sel::ClassedAlias"/>

template <class T>
T twice(T t) { return t + t; }
template int twice<int>(int);        // selected by <function pattern="sel::twice<*>"/>
template double twice<double>(double);

inline int counter = 5;  // selected
inline int hidden = 6;   // not

inline int make(int x) { return 2 * x; }              // selected by name
inline int build(double x) { return int(x) + 100; }  // selected by proto_name
inline int build(int x) { return x + 200; }          // the other overload: not
inline int other() { return 0; }                     // not

namespace inner {
class Deep {};  // not: sel::H* does not match it, nothing else does
}  // namespace inner

class Declared;  // never defined: a rule naming it matches nothing

}  // namespace sel

namespace other {  // <namespace name="other"/>: the namespace, not its classes
class Elsewhere {};
inline int elsewhere() { return 1; }
}  // namespace other
