// function_templates.h - member and free function templates: the
// specializations a dictionary describes are those the header makes and
// those the dictionary's own types deduce.
#pragma once

#include <vector>

namespace ftmpl {

struct Particle {
  explicit Particle(double energy = 0.0) : e(energy) {}
  double e;
};

struct Event {
  // describes std::vector<ftmpl::Particle> and std::vector<double>, which
  // deduce the templates below
  std::vector<Particle> particles() const { return {Particle(1.0), Particle(2.5)}; }
  std::vector<double> energies() const { return {1.0, 5.0, 2.0}; }
};

inline double energyOf(const Particle& p) { return p.e; }
inline double energyOf(double e) { return e; }

struct Summer {
  Summer() = default;
  // deduced: a constructor template from std::vector<Particle> and std::vector<double>
  template <class T>
  explicit Summer(const std::vector<T>& items) {
    for (const T& item : items) total += energyOf(item);
  }
  template <class T>
  double sum(const std::vector<T>& items) const {
    double s = 0;
    for (const T& item : items) s += energyOf(item);
    return s;
  }
  // a bare T: only what the header instantiates (useTwice below)
  template <class T>
  T twice(T x) const {
    return x + x;
  }
  // not deducible from arguments: reached by template arguments only
  template <class T>
  static int width();
  double total = 0;
};

template <>
inline int Summer::width<int>() {
  return sizeof(int);
}
template <>
inline int Summer::width<double>() {
  return sizeof(double);
}

inline int useTwice() { return Summer().twice(21); }

// deduced from std::vector<double>; for std::vector<Particle> its body does not
// compile (no operator<), so that one is left out, not the dictionary
template <class T>
T largest(const std::vector<T>& items) {
  T best = items.front();
  for (const T& item : items)
    if (best < item) best = item;
  return best;
}

// a non-type template argument, instantiated by the header's inline code
template <int N>
inline int scaled(int x) {
  return N * x;
}
inline int tripled(int x) { return scaled<3>(x); }

// a template the header never instantiates and nothing deduces
template <class T>
T unused(T x) {
  return x;
}

}  // namespace ftmpl
