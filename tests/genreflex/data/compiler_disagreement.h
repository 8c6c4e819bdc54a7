// compiler_disagreement.h - genreflex test subject: a declaration that clang
// accepts and g++ rejects, only once a stub uses it. Passing a Tally by value
// instantiates its copy constructor, which calls a builtin that clang has and
// g++ does not. genreflex leaves Counter::add out and compiles again.
#pragma once

namespace disagreement {

template <class T>
struct Tally {
  T count{};
  Tally() = default;
  Tally(const Tally& other) : count(__builtin_elementwise_abs(other.count)) {}
};

struct Counter {
  int value = 4;
  int get() const { return value; }
  int add(Tally<int> extra) const { return value + extra.count; }  // g++ rejects its stub
};

}  // namespace disagreement
