// template_rejection.h - genreflex test subject: a member of a class template
// that does not compile for one instantiation. Box<Unordered>::before needs
// an operator< that Unordered lacks; clang does not instantiate the body while
// parsing the headers, genreflex has it instantiated before writing the
// source, and leaves out that member alone (in source mode as in library
// mode: the source compiles as written).
//
// std::pair<int, Forward> of a declared-only Forward cannot even be
// instantiated, and std::vector<Forward> (FastJet's headers hold one beside
// `class PseudoJet;`) fails deep inside the standard library once its members
// are compiled; the headers never need them, so they are left out, not the
// whole dictionary. std::vector<Forward*> is fine.
#pragma once

#include <utility>
#include <vector>

namespace rejection {

struct Forward;

template <class T>
struct Box {
  T value{};
  T get() const { return value; }
  bool before(const Box& other) const { return value < other.value; }
};

struct Unordered {
  int id = 0;
};

struct Shelf {
  Box<int> ordered() const { return {}; }
  Box<Unordered> unordered() const { return {}; }
  int count(const std::pair<int, Forward>& entry) const;  // never defined: left out as well
  int all(const std::vector<Forward>& entries) const;      // never defined: left out as well
  std::vector<Forward*> pointers() const { return {}; }
};

}  // namespace rejection
