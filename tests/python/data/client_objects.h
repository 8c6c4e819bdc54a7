// client_objects.h - pytest subject: where objects that Python makes live
// (results by value, constructors) and handing them over to C++.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace clientobj {

struct Vec3 {  // trivially destructible
  double x, y, z;
};

struct Quiet {  // an inline empty destructor, over members whose destructors do nothing
  Quiet() {}
  ~Quiet() {}
  double v = 1.0;
  Vec3 position{0.0, 0.0, 0.0};
};

// Counts live objects made in several threads at once (calls leave the GIL).
inline void count_live(int& live, int change) { __atomic_add_fetch(&live, change, __ATOMIC_RELAXED); }

struct Labelled {  // owns heap memory, counts its live objects
  Labelled(int number) : label("label number " + std::to_string(number) + ", past the small buffer"), n(number) {
    count_live(live, 1);
  }
  Labelled(const Labelled& other) : label(other.label), n(other.n) { count_live(live, 1); }
  Labelled(Labelled&& other) : label(std::move(other.label)), n(other.n) { count_live(live, 1); }
  ~Labelled() { count_live(live, -1); }
  std::string label;
  int n;
  inline static int live = 0;
};

struct Fragile {  // its constructor may throw; its destructor has an effect
  explicit Fragile(int number) : text(std::to_string(number)) {
    if (number < 0) throw std::invalid_argument("Fragile: a negative number");
    ++live;
  }
  Fragile(const Fragile& other) : text(other.text) { ++live; }
  ~Fragile() { --live; }
  std::string text;
  inline static int live = 0;
};

struct Bulky {  // small itself, owns much: what a GC that sees only sizeof misses
  std::vector<double> values;
  double first() const { return values.empty() ? 0.0 : values.front(); }
};

class Factory {
 public:
  Bulky bulky(int megabytes, double value) const {
    return Bulky{std::vector<double>(static_cast<std::size_t>(megabytes) * 131072, value)};
  }
  Vec3 vec(double a) const { return Vec3{a, 2 * a, 3 * a}; }
  Quiet quiet(double v) const {
    Quiet q;
    q.v = v;
    return q;
  }
  Labelled labelled(int n) const { return Labelled(n); }
  Labelled failing(int n) const {
    if (n < 0) throw std::invalid_argument("Factory::failing: a negative number");
    return Labelled(n);
  }
  static int liveLabelled() { return Labelled::live; }
  static int liveFragile() { return Fragile::live; }
};

// Takes ownership of what it is given, and deletes it.
class Keeper {
 public:
  Keeper() {}
  Keeper(const Keeper&) = delete;
  ~Keeper() {
    delete held;
    delete heldVec;
  }
  void adopt(Labelled* l) {
    delete held;
    held = l;
  }
  void adoptVec(Vec3* v) {
    delete heldVec;
    heldVec = v;
  }
  int heldNumber() const { return held ? held->n : -1; }
  double heldX() const { return heldVec ? heldVec->x : -1.0; }

 private:
  Labelled* held = nullptr;
  Vec3* heldVec = nullptr;
};

}  // namespace clientobj
