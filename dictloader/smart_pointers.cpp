// smart_pointers.cpp - std::shared_ptr<T> and std::unique_ptr<T> as clients
// see them (dictionary ABI 1.6, DlSmartPointer): the cppyy C API's
// is_smartptr/smartptr_info (raw _cppyy), and the native API's
// dictloader_smart_* (direct_calls.h) for our own clients.
//
// A smart pointer of one dictionary is passed where another smart pointer is
// expected (shared_ptr<Derived> of dictionary A for shared_ptr<Base> of
// dictionary B) through std::shared_ptr<void>, which the loader itself owns:
// A's to_void shares ownership untyped, B's from_void makes a shared_ptr<Base>
// with the aliasing constructor, pointing at the Base subobject the loader
// finds. Neither dictionary needs to know the other's types.
#include <cstddef>
#include <memory>
#include <string>

#include "capi_internal.h"
#include "dictloader/direct_calls.h"

namespace dictloader {
namespace {
using namespace capi;

Scope* smartScope(cppyy_scope_t h) {
  Scope* s = classScope(h);
  return s && s->smart ? s : nullptr;
}

bool pointeeIsConst(const Scope& smart) { return std::string(smart.pointeeName).rfind("const ", 0) == 0; }

// T's class, const dropped; null if no dictionary describes it.
Scope* pointeeScope(const Scope& smart) {
  std::string name = smart.pointeeName;
  if (name.rfind("const ", 0) == 0) name.erase(0, 6);
  Scope* s = Registry::instance().findScope(name);
  return s && s->isClass() ? s : nullptr;
}

// The base-class step from `from`'s pointee to `to`'s, applied to raw (null
// stays null); false if to's pointee is neither from's nor one of its bases,
// or the conversion would drop const.
bool pointeeUpcast(const Scope& from, const Scope& to, char* raw, char*& out) {
  if (pointeeIsConst(from) && !pointeeIsConst(to)) return false;
  Scope* f = pointeeScope(from);
  Scope* t = pointeeScope(to);
  if (f == nullptr || t == nullptr) return false;
  std::ptrdiff_t offset = 0;
  if (f != t && !upcast(f, t, raw, offset)) return false;
  out = raw ? raw + offset : nullptr;
  return true;
}

}  // namespace

namespace capi {
bool smartPointerPassesAs(Scope* from, Scope* to) {
  if (from->smart->kind != DL_SMART_SHARED || to->smart->kind != DL_SMART_SHARED) return false;
  if (pointeeIsConst(*from) && !pointeeIsConst(*to)) return false;
  Scope* f = pointeeScope(*from);
  Scope* t = pointeeScope(*to);
  if (f == nullptr || t == nullptr || (f->flags & DL_SCOPE_COMPLEX_HIERARCHY)) return false;
  std::ptrdiff_t offset = 0;
  return f == t || (upcast(f, t, nullptr, offset) && offset == 0);
}
}  // namespace capi
}  // namespace dictloader

using namespace dictloader;
using namespace dictloader::capi;

extern "C" {

int cppyy_is_smartptr(cppyy_type_t type) { return smartScope(type) != nullptr; }

// raw _cppyy: a smart pointer is a class whose objects it shows as the class
// `raw`, reached by calling `deref` (get(), no arguments) on the smart object.
int cppyy_smartptr_info(const char* name, cppyy_type_t* raw, cppyy_method_t* deref) {
  if (name == nullptr) return 0;
  Scope* s = Registry::instance().findScope(name);
  if (s == nullptr || !s->isClass() || s->smart == nullptr) return 0;
  Scope* pointee = pointeeScope(*s);
  if (pointee == nullptr) return 0;
  Method* get = nullptr;
  for (Method* m : Registry::instance().findMethods(*s, "get"))
    if (m->numArgs == 0 && m->kind == DL_FUNC_METHOD) get = m;
  if (get == nullptr) return 0;
  if (raw) *raw = handle(pointee);
  if (deref) *deref = reinterpret_cast<cppyy_method_t>(get);
  return 1;
}

int dictloader_smart_pointer(cppyy_scope_t type, struct dictloader_smart_pointer* out) {
  Scope* s = smartScope(type);
  if (s == nullptr || out == nullptr) return 0;
  const DlSmartPointer& sp = *s->smart;
  out->kind = static_cast<int>(sp.kind);
  out->pointee_const = pointeeIsConst(*s) ? 1 : 0;
  out->pointee = handle(pointeeScope(*s));
  out->get = sp.get;
  out->copy = sp.kind == DL_SMART_SHARED ? sp.copy : nullptr;
  out->adopt = sp.adopt;
  return 1;
}

cppyy_scope_t dictloader_smart_pointer_of(cppyy_scope_t klass, int kind, int pointee_const) {
  Scope* s = classScope(klass);
  if (s == nullptr || (kind != DL_SMART_SHARED && kind != DL_SMART_UNIQUE)) return 0;
  std::string name = std::string(kind == DL_SMART_SHARED ? "std::shared_ptr<" : "std::unique_ptr<") +
                     (pointee_const ? "const " : "") + s->qualifiedName + ">";
  Scope* smart = Registry::instance().findScope(name);
  return smart && smart->isClass() && smart->smart && static_cast<int>(smart->smart->kind) == kind
             ? handle(smart)
             : 0;
}

int dictloader_smart_convert(cppyy_scope_t from, const void* smart, cppyy_scope_t to, void* out) {
  Scope* f = smartScope(from);
  Scope* t = smartScope(to);
  if (f == nullptr || t == nullptr || smart == nullptr || out == nullptr) return 0;
  if (f->smart->kind != DL_SMART_SHARED || t->smart->kind != DL_SMART_SHARED) return 0;
  char* raw = static_cast<char*>(f->smart->get(smart));
  char* target = nullptr;
  if (!pointeeUpcast(*f, *t, raw, target)) return 0;
  if (f == t) {
    f->smart->copy(smart, out);
    return 1;
  }
  std::shared_ptr<void> shared;
  {
    alignas(std::shared_ptr<void>) unsigned char storage[sizeof(std::shared_ptr<void>)];
    f->smart->to_void(smart, storage);
    auto* made = std::launder(reinterpret_cast<std::shared_ptr<void>*>(storage));
    shared = std::move(*made);
    made->~shared_ptr();
  }
  t->smart->from_void(&shared, target, out);
  return 1;
}

}  // extern "C"
