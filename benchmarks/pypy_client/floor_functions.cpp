// floor_functions.cpp - the cffi floor of the PyPy client's benchmark: the
// C++ functions the benchmark calls through `import cppyy`, as plain C
// functions cffi calls with nothing around them (no type checks, no error
// channel, no proxies). What any PyPy binding can reach on this machine.
#include <new>
#include <vector>

#include "../seed/MyClass.h"
#include "CLHEP/Vector/LorentzVector.h"
#include "Objects.h"
#include "fastjet/PseudoJet.hh"

namespace {

template <class T>
void* allocateObject() noexcept {
  return ::operator new(sizeof(T), std::nothrow);
}
template <class T>
void destroyObject(void* self) noexcept {
  static_cast<T*>(self)->~T();
  ::operator delete(self);
}

using Jets = std::vector<fastjet::PseudoJet>;

}  // namespace

extern "C" {

// The seed's calls on MyClass (inline bodies); MyClassLib's are its own symbols.
void floor_MyClass_new(void* out, int data) noexcept { new (out) MyClass(data); }
int floor_MyClass_MyFunc(void* self) noexcept { return static_cast<MyClass*>(self)->MyFunc(); }
int floor_MyClass_AddInt(void* self, int a) noexcept { return static_cast<MyClass*>(self)->AddInt(a); }
double floor_MyClass_Sum(void* self, double a, double b) noexcept {
  return static_cast<MyClass*>(self)->Sum(a, b);
}

// Results by value, constructed into storage the caller gives.
void floor_Factory_vec(void* self, void* out, double a) noexcept {
  new (out) objects::Vec3(static_cast<const objects::Factory*>(self)->vec(a));
}
void floor_Factory_label(void* self, void* out, double w) noexcept {
  new (out) objects::Label(static_cast<const objects::Factory*>(self)->label(w));
}
void* floor_Label_allocate() noexcept { return allocateObject<objects::Label>(); }
void floor_Label_destroy(void* self) noexcept { destroyObject<objects::Label>(self); }

// The candle's inner loop.
void floor_PseudoJet_new(void* out, double px, double py, double pz, double e) noexcept {
  new (out) fastjet::PseudoJet(px, py, pz, e);
}
void* floor_PseudoJet_allocate() noexcept { return allocateObject<fastjet::PseudoJet>(); }
void floor_PseudoJet_destroy(void* self) noexcept { destroyObject<fastjet::PseudoJet>(self); }
void floor_Jets_new(void* out) noexcept { new (out) Jets(); }
void floor_Jets_push_back(void* self, void* jet) noexcept {
  static_cast<Jets*>(self)->push_back(*static_cast<const fastjet::PseudoJet*>(jet));
}
void floor_Jets_clear(void* self) noexcept { static_cast<Jets*>(self)->clear(); }
void floor_Lorentz_new(void* out, double x, double y, double z, double t) noexcept {
  new (out) CLHEP::HepLorentzVector(x, y, z, t);
}
void floor_Lorentz_add(void* self, void* out, void* other) noexcept {
  new (out) CLHEP::HepLorentzVector(*static_cast<const CLHEP::HepLorentzVector*>(self) +
                                    *static_cast<const CLHEP::HepLorentzVector*>(other));
}
double floor_Lorentz_m(void* self) noexcept { return static_cast<const CLHEP::HepLorentzVector*>(self)->m(); }

}  // extern "C"
