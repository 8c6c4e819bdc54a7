// capi_scopes.cpp - the cppyy C API: names, scopes, the class hierarchy and
// the dynamic type of objects.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "capi_internal.h"

namespace dictloader {
namespace {
using namespace capi;

bool isBuiltinName(std::string_view name) {
  static const char* const kBuiltins[] = {"bool",
                                          "char",
                                          "signed char",
                                          "unsigned char",
                                          "short",
                                          "short int",
                                          "unsigned short",
                                          "unsigned short int",
                                          "int",
                                          "unsigned",
                                          "unsigned int",
                                          "long",
                                          "long int",
                                          "unsigned long",
                                          "unsigned long int",
                                          "long long",
                                          "long long int",
                                          "unsigned long long",
                                          "unsigned long long int",
                                          "float",
                                          "double",
                                          "long double",
                                          "wchar_t",
                                          "char16_t",
                                          "char32_t",
                                          "void"};
  for (const char* b : kBuiltins)
    if (name == b) return true;
  return false;
}

size_t builtinSize(std::string_view name) {
  if (name == "bool" || name == "char" || name == "signed char" || name == "unsigned char") return 1;
  if (name == "short" || name == "unsigned short" || name == "char16_t") return 2;
  if (name == "int" || name == "unsigned" || name == "unsigned int" || name == "float" || name == "wchar_t" ||
      name == "char32_t")
    return 4;
  if (name == "long" || name == "unsigned long" || name == "long long" || name == "unsigned long long" ||
      name == "double")
    return 8;
  if (name == "long double") return sizeof(long double);
  if (!name.empty() && name.back() == '*') return sizeof(void*);
  return 0;
}

// Offset from a derived object to its base subobject along the first path
// found; false if base is not a base of derived. A virtual base's offset needs
// the object (0 without one). Runs without the registry lock: the offset
// functions are dictionary code.
bool upcastOffset(Scope* derived, Scope* base, char* object, std::ptrdiff_t& offset) {
  if (derived == base) {
    offset = 0;
    return true;
  }
  for (const BaseStep& step : Registry::instance().knownBases(*derived)) {
    std::ptrdiff_t here = step.base->offset;
    if (step.base->is_virtual) here = object ? step.base->offset_fn(object) : 0;
    std::ptrdiff_t rest = 0;
    if (upcastOffset(step.scope, base, object ? object + here : nullptr, rest)) {
      offset = here + rest;
      return true;
    }
  }
  return false;
}

// The dynamic type of a polymorphic object, read from its virtual table as the
// Itanium C++ ABI lays it out: the type_info pointer just before the address
// point, and before it the offset from this subobject to the complete object.
struct DynamicType {
  const std::type_info* type;
  std::ptrdiff_t offsetToTop;
};

DynamicType dynamicTypeOf(const void* object) {
  auto* vtable = *static_cast<const std::ptrdiff_t* const*>(object);
  return {reinterpret_cast<const std::type_info*>(vtable[-1]), vtable[-2]};
}

// The described class of a polymorphic object's dynamic type, when it is
// derived from declared; null otherwise. Found answers are kept per thread
// (direct-mapped, no lock): PyPy asks for every pointer or reference result.
struct DynamicScopeEntry {
  const std::type_info* type;
  const Scope* declared;
  Scope* actual;
};
struct DynamicScopeCache {
  DynamicScopeEntry entries[64] = {};
};
// On the heap: libdictloader's TLS must stay small, since the argument-buffer
// pool's initial-exec access puts all of it in the static TLS that every
// dlopen'ed library shares.
thread_local std::unique_ptr<DynamicScopeCache> tlsDynamicScopes;

Scope* dynamicScope(Scope* declared, const void* object) {
  if (declared == nullptr || object == nullptr || !(declared->flags & DL_SCOPE_POLYMORPHIC)) return nullptr;
  const std::type_info* type = dynamicTypeOf(object).type;
  if (!tlsDynamicScopes) tlsDynamicScopes = std::make_unique<DynamicScopeCache>();
  auto slot =
      (reinterpret_cast<std::uintptr_t>(type) >> 4 ^ reinterpret_cast<std::uintptr_t>(declared) >> 6) % 64;
  DynamicScopeEntry& entry = tlsDynamicScopes->entries[slot];
  // The name check guards against a type_info freed with its library and its
  // address reused by another type.
  if (entry.type == type && entry.declared == declared &&
      std::strcmp(entry.actual->rttiName.c_str(), type->name()) == 0)
    return entry.actual == declared ? nullptr : entry.actual;
  Scope* actual = Registry::instance().scopeOfDynamicType(*type);
  std::ptrdiff_t unused = 0;
  if (actual == nullptr || (actual != declared && !upcastOffset(actual, declared, nullptr, unused)))
    return nullptr;
  entry = {type, declared, actual};  // also when the object is of exactly the declared class
  return actual == declared ? nullptr : actual;
}

}  // namespace
}  // namespace dictloader

using namespace dictloader;
using namespace dictloader::capi;

extern "C" {

// --- names and scopes ---------------------------------------------------------
char* cppyy_resolve_name(const char* name) {
  if (name == nullptr) return copy("");
  return copy(Registry::instance().resolveTypedef(name));
}

// PyPy's _cppyy asks this only for enum values in namespaces, with the
// builtin type cppyy_datamember_type gives them: that comes back unchanged.
char* cppyy_resolve_enum(const char* name) {
  if (name == nullptr) return copy("");
  Scope* s = Registry::instance().findScope(name);
  if (s == nullptr || s->kind != ScopeKind::Enum || s->parts.empty()) return copy(name);
  const ScopePart& part = s->parts.front();
  return copy(part.dict->str(part.dict->abi->enums[part.index].underlying_type));
}

cppyy_scope_t cppyy_get_scope(const char* name) {
  if (name == nullptr || isBuiltinName(name)) return 0;
  return handle(Registry::instance().findScope(name));
}

// The proxy of an object returned through a base pointer or reference is the
// class of its dynamic type when some dictionary describes that class.
cppyy_type_t cppyy_actual_class(cppyy_type_t klass, cppyy_object_t obj) {
  Scope* actual = dynamicScope(classScope(klass), obj);
  return actual ? handle(actual) : klass;
}

size_t cppyy_size_of_klass(cppyy_type_t klass) {
  Scope* s = classScope(klass);
  return s ? s->size : 0;
}

size_t cppyy_size_of_type(const char* name) {
  if (name == nullptr) return 0;
  if (size_t size = builtinSize(name)) return size;
  Scope* s = Registry::instance().findScope(name);
  return s && s->isClass() ? s->size : 0;
}

int cppyy_is_builtin(const char* name) { return name && isBuiltinName(name); }

int cppyy_is_complete(const char* name) {
  if (name == nullptr) return 0;
  if (isBuiltinName(name)) return 1;
  return Registry::instance().findScope(name) != nullptr;
}

// --- scope reflection ----------------------------------------------------------------
int cppyy_is_namespace(cppyy_scope_t h) {
  Scope* s = scope(h);
  return s && !s->isClass();
}

int cppyy_is_template(const char* name) { return name && Registry::instance().isTemplate(name); }

int cppyy_is_abstract(cppyy_type_t type) {
  Scope* s = classScope(type);
  return s && (s->flags & DL_SCOPE_ABSTRACT);
}

int cppyy_is_enum(const char* name) {
  if (name == nullptr) return 0;
  Scope* s = Registry::instance().findScope(name);
  return s && s->kind == ScopeKind::Enum;
}

int cppyy_is_aggregate(const char* name) {
  if (name == nullptr) return 0;
  Scope* s = Registry::instance().findScope(name);
  return s && s->isClass() && (s->flags & DL_SCOPE_AGGREGATE);
}

int cppyy_is_default_constructable(const char* name) {
  if (name == nullptr) return 0;
  if (isBuiltinName(name)) return 1;
  Scope* s = Registry::instance().findScope(name);
  return s && s->isClass() && (s->flags & DL_SCOPE_DEFAULT_CONSTRUCTIBLE);
}

const char** cppyy_get_all_cpp_names(cppyy_scope_t h, size_t* count) {
  std::vector<std::string> names;
  if (Scope* s = scope(h)) {
    auto lock = Registry::instance().lock();
    Registry::instance().built(*s);
    names = s->childNames;
    for (const auto& [name, indices] : s->methodsByName) names.push_back(name);
    for (const DataMember& d : s->data) names.push_back(d.name);
  }
  auto** out = static_cast<const char**>(std::malloc((names.size() + 1) * sizeof(char*)));
  if (out == nullptr) {
    if (count) *count = 0;
    return nullptr;
  }
  for (size_t i = 0; i < names.size(); ++i) out[i] = copy(names[i]);
  out[names.size()] = nullptr;
  if (count) *count = names.size();
  return out;
}

size_t cppyy_get_using_namespaces(cppyy_scope_t) { return 0; }

// --- classes -------------------------------------------------------------------------
char* cppyy_final_name(cppyy_type_t type) {
  Scope* s = scope(type);
  return copy(s ? s->name : "");
}

char* cppyy_scoped_final_name(cppyy_type_t type) {
  Scope* s = scope(type);
  return copy(s ? s->qualifiedName : "");
}

int cppyy_has_virtual_destructor(cppyy_type_t type) {
  Scope* s = classScope(type);
  return s && (s->flags & DL_SCOPE_VIRTUAL_DTOR);
}

int cppyy_has_complex_hierarchy(cppyy_type_t type) {
  Scope* s = classScope(type);
  return s && (s->flags & DL_SCOPE_COMPLEX_HIERARCHY);
}

// Only bases some dictionary describes: a client builds a class's bases before
// the class, so an unknown base would make the class itself unusable.
int cppyy_num_bases(cppyy_type_t type) {
  Scope* s = classScope(type);
  if (s == nullptr) return 0;
  return static_cast<int>(Registry::instance().knownBases(*s).size());
}

char* cppyy_base_name(cppyy_type_t type, int index) {
  Scope* s = classScope(type);
  if (s == nullptr || index < 0) return copy("");
  std::vector<BaseStep> bases = Registry::instance().knownBases(*s);
  return copy(static_cast<size_t>(index) < bases.size() ? bases[index].scope->qualifiedName : "");
}

int cppyy_is_subtype(cppyy_type_t derived, cppyy_type_t base) {
  if (derived == base) return derived != 0;  // 0 is "no such scope", a subtype of nothing
  Scope* d = classScope(derived);
  Scope* b = classScope(base);
  if (d == nullptr || b == nullptr) return 0;
  if (d->smart && b->smart) return smartPointerPassesAs(d, b);
  std::ptrdiff_t offset = 0;
  return upcastOffset(d, b, nullptr, offset);
}

void cppyy_add_smartptr_type(const char*) {}
void cppyy_add_type_reducer(const char*, const char*) {}

ptrdiff_t cppyy_base_offset(cppyy_type_t derived, cppyy_type_t base, cppyy_object_t address, int direction) {
  Scope* d = classScope(derived);
  Scope* b = classScope(base);
  if (d == nullptr || b == nullptr || d == b) return 0;
  std::ptrdiff_t offset = 0;
  if (direction > 0) {
    upcastOffset(d, b, static_cast<char*>(address), offset);
    return offset;
  }
  // Down-cast of a polymorphic object: from its complete object, found through
  // the virtual table, back up to the derived class (exact for virtual and
  // multiple inheritance).
  if (Scope* actual = address ? dynamicScope(b, address) : nullptr) {
    std::ptrdiff_t toComplete = dynamicTypeOf(address).offsetToTop;
    if (actual == d) return toComplete;  // what PyPy asks after cppyy_actual_class
    char* complete = static_cast<char*>(address) + toComplete;
    if (upcastOffset(actual, d, complete, offset)) return complete + offset - static_cast<char*>(address);
  }
  // Otherwise only non-virtual paths can be undone without the derived object.
  upcastOffset(d, b, nullptr, offset);
  return -offset;
}

}  // extern "C"

namespace dictloader::capi {
bool upcast(Scope* derived, Scope* base, char* object, std::ptrdiff_t& offset) {
  return upcastOffset(derived, base, object, offset);
}
}  // namespace dictloader::capi
