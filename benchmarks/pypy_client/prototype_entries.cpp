// prototype_entries.cpp - entries of the dictionary ABI 1.4 shape, written by
// hand for the PyPy client's prototype (issue 13, item 1), before genreflex
// emits them: what the prototype measures is the client, so the entries are
// the ones genreflex is specified to make (dictionary_abi.h, "entries").
//
//   [void* self,] [void* out,] args..., [DlError* error]
//
// Plain entries (functions that cannot throw) have no error parameter.
#include <cxxabi.h>
#include <dictloader/dictionary_abi.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <vector>

#include "../seed/MyClass.h"
#include "../seed/MyClassLib.h"
#include "CLHEP/Vector/LorentzVector.h"
#include "Objects.h"
#include "fastjet/PseudoJet.hh"

namespace {

void copyText(char* to, size_t size, const char* text) {
  size_t length = std::strlen(text);
  if (length >= size) length = size - 1;
  std::memcpy(to, text, length);
  to[length] = '\0';
}

// Called in a catch block: stores the exception in flight.
void storeError(DlError* error) noexcept {
  std::type_info* type = abi::__cxa_current_exception_type();
  int status = 0;
  char* name = type ? abi::__cxa_demangle(type->name(), nullptr, nullptr, &status) : nullptr;
  copyText(error->type_name, sizeof error->type_name, name ? name : "unknown");
  std::free(name);
  try {
    throw;
  } catch (const std::exception& e) {
    error->kind = DL_ERROR_EXCEPTION;
    copyText(error->what, sizeof error->what, e.what());
  } catch (...) {
    error->kind = DL_ERROR_OTHER;
    copyText(error->what, sizeof error->what, "unknown C++ exception");
  }
  error->exception = new (std::nothrow) std::exception_ptr(std::current_exception());
}

template <class T> void* allocateObject() noexcept {
  return ::operator new(sizeof(T), std::align_val_t(alignof(T)), std::nothrow);
}
template <class T> void destroyObject(void* self) noexcept {
  static_cast<T*>(self)->~T();
  ::operator delete(self, std::align_val_t(alignof(T)));
}

using Jets = std::vector<fastjet::PseudoJet>;

}  // namespace

extern "C" {

// --- the seed's class: inline bodies that cannot throw (plain entries)
void proto_MyClass_new(void* out, int data, DlError* error) noexcept {
  try {
    new (out) MyClass(data);
  } catch (...) {
    storeError(error);
  }
}
int proto_MyClass_MyFunc(void* self) noexcept { return static_cast<MyClass*>(self)->MyFunc(); }
int proto_MyClass_AddInt(void* self, int a) noexcept { return static_cast<MyClass*>(self)->AddInt(a); }
double proto_MyClass_Sum(void* self, double a, double b) noexcept {
  return static_cast<MyClass*>(self)->Sum(a, b);
}
int proto_MyClass_CheckedDivide(void* self, int divisor, DlError* error) noexcept {
  try {
    return static_cast<MyClass*>(self)->CheckedDivide(divisor);
  } catch (...) {
    storeError(error);
    return 0;
  }
}

// --- the same class with its methods in libMyClassLib.so: checked entries
void proto_MyClassLib_new(void* out, int data, DlError* error) noexcept {
  try {
    new (out) MyClassLib(data);
  } catch (...) {
    storeError(error);
  }
}
int proto_MyClassLib_MyFunc(void* self, DlError* error) noexcept {
  try {
    return static_cast<MyClassLib*>(self)->MyFunc();
  } catch (...) {
    storeError(error);
    return 0;
  }
}
int proto_MyClassLib_AddInt(void* self, int a, DlError* error) noexcept {
  try {
    return static_cast<MyClassLib*>(self)->AddInt(a);
  } catch (...) {
    storeError(error);
    return 0;
  }
}
double proto_MyClassLib_Sum(void* self, double a, double b, DlError* error) noexcept {
  try {
    return static_cast<MyClassLib*>(self)->Sum(a, b);
  } catch (...) {
    storeError(error);
    return 0;
  }
}
void proto_MyClassLib_destroy(void* self) noexcept { destroyObject<MyClassLib>(self); }
void* proto_MyClassLib_allocate() noexcept { return allocateObject<MyClassLib>(); }

// --- results by value (checked: a copy may throw)
void proto_Factory_new(void* out, DlError* error) noexcept {
  try {
    new (out) objects::Factory();
  } catch (...) {
    storeError(error);
  }
}
void proto_Factory_vec(void* self, void* out, double a, DlError* error) noexcept {
  try {
    new (out) objects::Vec3(static_cast<const objects::Factory*>(self)->vec(a));
  } catch (...) {
    storeError(error);
  }
}
void proto_Factory_label(void* self, void* out, double w, DlError* error) noexcept {
  try {
    new (out) objects::Label(static_cast<const objects::Factory*>(self)->label(w));
  } catch (...) {
    storeError(error);
  }
}
double proto_Vec3_x(void* self) noexcept { return static_cast<objects::Vec3*>(self)->x; }
void* proto_Label_allocate() noexcept { return allocateObject<objects::Label>(); }
void proto_Label_destroy(void* self) noexcept { destroyObject<objects::Label>(self); }
// The cffi floor: the same functions with no error channel.
void floor_Factory_vec(void* self, void* out, double a) noexcept {
  new (out) objects::Vec3(static_cast<const objects::Factory*>(self)->vec(a));
}
void floor_Factory_label(void* self, void* out, double w) noexcept {
  new (out) objects::Label(static_cast<const objects::Factory*>(self)->label(w));
}

// --- the candle's inner loop: PseudoJet(px, py, pz, E), vector push_back,
// HepLorentzVector(px, py, pz, E), operator+ and m()
void proto_PseudoJet_new(void* out, double px, double py, double pz, double e, DlError* error) noexcept {
  try {
    new (out) fastjet::PseudoJet(px, py, pz, e);
  } catch (...) {
    storeError(error);
  }
}
void* proto_PseudoJet_allocate() noexcept { return allocateObject<fastjet::PseudoJet>(); }
void proto_PseudoJet_destroy(void* self) noexcept { destroyObject<fastjet::PseudoJet>(self); }
double proto_PseudoJet_px(void* self) noexcept { return static_cast<fastjet::PseudoJet*>(self)->px(); }
void proto_Jets_new(void* out, DlError* error) noexcept {
  try {
    new (out) Jets();
  } catch (...) {
    storeError(error);
  }
}
void* proto_Jets_allocate() noexcept { return allocateObject<Jets>(); }
void proto_Jets_destroy(void* self) noexcept { destroyObject<Jets>(self); }
void proto_Jets_push_back(void* self, void* jet, DlError* error) noexcept {
  try {
    static_cast<Jets*>(self)->push_back(*static_cast<const fastjet::PseudoJet*>(jet));
  } catch (...) {
    storeError(error);
  }
}
void proto_Jets_clear(void* self) noexcept { static_cast<Jets*>(self)->clear(); }
unsigned long proto_Jets_size(void* self) noexcept { return static_cast<Jets*>(self)->size(); }
void proto_Lorentz_new(void* out, double x, double y, double z, double t, DlError* error) noexcept {
  try {
    new (out) CLHEP::HepLorentzVector(x, y, z, t);
  } catch (...) {
    storeError(error);
  }
}
void proto_Lorentz_add(void* self, void* out, void* other, DlError* error) noexcept {
  try {
    new (out) CLHEP::HepLorentzVector(*static_cast<const CLHEP::HepLorentzVector*>(self) +
                                      *static_cast<const CLHEP::HepLorentzVector*>(other));
  } catch (...) {
    storeError(error);
  }
}
double proto_Lorentz_m(void* self, DlError* error) noexcept {
  try {
    return static_cast<const CLHEP::HepLorentzVector*>(self)->m();
  } catch (...) {
    storeError(error);
    return 0;
  }
}
// The cffi floor of the candle loop: the same calls, no error channel.
void floor_PseudoJet_new(void* out, double px, double py, double pz, double e) noexcept {
  new (out) fastjet::PseudoJet(px, py, pz, e);
}
void floor_Jets_push_back(void* self, void* jet) noexcept {
  static_cast<Jets*>(self)->push_back(*static_cast<const fastjet::PseudoJet*>(jet));
}

void proto_error_release(DlError* error) noexcept {
  delete static_cast<std::exception_ptr*>(error->exception);
  error->exception = nullptr;
  error->kind = DL_ERROR_NONE;
}

}  // extern "C"
