// capi_internal.h - what the units of the cppyy C API share: handle
// conversions and the malloc'd strings handed to clients.
//
// The C API is split along its seams: capi_scopes.cpp (names, scopes, class
// hierarchy, dynamic types), capi_calls.cpp (objects, calls, argument
// buffers: the hot path), capi_members.cpp (functions, data, enums, helpers).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include "dictloader/cppyy_capi.h"
#include "registry.h"

namespace dictloader::capi {

inline Method* method(cppyy_method_t handle) { return reinterpret_cast<Method*>(handle); }
inline Scope* scope(cppyy_scope_t handle) { return reinterpret_cast<Scope*>(handle); }
inline cppyy_scope_t handle(Scope* s) { return reinterpret_cast<cppyy_scope_t>(s); }

// A copy the client releases with cppyy_free.
inline char* copy(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out) std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

// A type recorded as a builtin spelling ("int", "const unsigned int&",
// "int[4]") written with the enum it stands for ("const ns::E&", "ns::E[4]");
// builtin itself when enumName is null.
inline std::string spelledWithEnum(const char* builtin, const char* enumName) {
  std::string text = builtin;
  if (enumName == nullptr) return text;
  bool isConst = text.rfind("const ", 0) == 0;
  size_t end = text.find_first_of("&[");
  std::string suffix = end == std::string::npos ? "" : text.substr(end);
  return (isConst ? "const " : "") + std::string(enumName) + suffix;
}

// Scope lookups that tolerate a null or namespace handle.
inline Scope* classScope(cppyy_scope_t h) {
  Scope* s = scope(h);
  return s && s->isClass() ? s : nullptr;
}

// Offset from a derived object to its base subobject (capi_scopes.cpp); false
// if base is not a base of derived. A virtual base needs the object.
bool upcast(Scope* derived, Scope* base, char* object, std::ptrdiff_t& offset);

// Smart pointers (smart_pointers.cpp): may raw _cppyy pass an object of smart
// pointer `from` where smart pointer `to` is expected, as it passes a derived
// object for a base (the same address)? Only shared_ptr<D> for shared_ptr<B>
// with B at offset 0 of D (the two then have one layout), const kept.
bool smartPointerPassesAs(Scope* from, Scope* to);

// The exception the calling thread's last failed stub call caught (capi_calls.cpp),
// handed over (the caller deletes it); null if none is held.
std::exception_ptr* takeCallException();

}  // namespace dictloader::capi
