// cppyy_capi.cpp - the cppyy C API over the registry.
//
// The call functions are the hot path: the method handle is the Method's
// address (no lookup), the argument buffer comes from a per-thread free list,
// and the call jumps straight into the generated stub.
#include "dictloader/cppyy_capi.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "registry.h"

namespace dictloader {
namespace {

// --- argument buffers -------------------------------------------------------
// A slot holds the value at offset 0 (up to a 16-byte long double) and the
// client's type code at kTypeOffset.
constexpr size_t kSlotSize = 32;
constexpr size_t kTypeOffset = 24;
constexpr size_t kStatusSize = 2 * sizeof(unsigned long);
constexpr size_t kHeaderSize = 16;  // keeps slots 16-byte aligned
constexpr int kPooledArgs = 8;
constexpr size_t kPooledBytes = kHeaderSize + kPooledArgs * kSlotSize + kStatusSize;

// Per-thread free list of argument buffers. Plain data in initial-exec TLS, so
// the hot path costs no TLS lookup call and no init guard; the releaser (with a
// destructor, hence a guard) is touched only when a buffer is first made.
struct BufferPool {
  static constexpr int kCapacity = 16;
  void* blocks[kCapacity];
  int count;
};
__attribute__((tls_model("initial-exec"))) thread_local BufferPool tlsPool;

struct PoolReleaser {
  ~PoolReleaser() {
    for (int i = 0; i < tlsPool.count; ++i) std::free(tlsPool.blocks[i]);
    tlsPool.count = 0;
  }
};
thread_local PoolReleaser tlsReleaser;

Method* method(cppyy_method_t handle) { return reinterpret_cast<Method*>(handle); }
Scope* scope(cppyy_scope_t handle) { return reinterpret_cast<Scope*>(handle); }
cppyy_scope_t handle(Scope* s) { return reinterpret_cast<cppyy_scope_t>(s); }

char* copy(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out) std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

// Hands a failure to the client: into the status area that follows the
// arguments (PyPy raises it as an exception), and into the thread's last error.
void report(void* args, int nargs, const std::string& message) {
  setLastError(message);
  if (args == nullptr) {
    std::fprintf(stderr, "dictloader: %s\n", message.c_str());
    return;
  }
  auto* status = reinterpret_cast<unsigned long*>(static_cast<char*>(args) + nargs * kSlotSize);
  status[0] = 1;
  status[1] = reinterpret_cast<unsigned long>(copy(message));
}

union Result {
  bool b;
  char c;
  signed char sc;
  unsigned char uc;
  short s;
  unsigned short us;
  int i;
  unsigned int ui;
  long l;
  unsigned long ul;
  long long ll;
  unsigned long long ull;
  float f;
  double d;
  long double ld;
  wchar_t w;
  char16_t c16;
  char32_t c32;
  void* p;
};

bool invoke(const Method* m, void* self, int nargs, void* args, Result& result) {
  if (m == nullptr) {
    report(args, nargs, "call through a null method handle");
    return false;
  }
  if (nargs < static_cast<int>(m->requiredArgs) || nargs > static_cast<int>(m->numArgs) ||
      (nargs > 0 && args == nullptr)) {
    report(args, nargs < 0 ? 0 : nargs,
           std::string(m->name()) + "() takes " + std::to_string(m->requiredArgs) + " to " +
               std::to_string(m->numArgs) + " arguments (" + std::to_string(nargs) + " given)");
    return false;
  }
  // Each slot holds what the stub expects at args[i]: the value itself, or
  // for objects passed by address (DL_PASS_INDIRECT) the object's address.
  void* argv[64];
  char* slots = static_cast<char*>(args);
  for (int i = 0; i < nargs; ++i) argv[i] = slots + i * kSlotSize;
  char error[512];
  error[0] = '\0';
  if (m->stub(self, nargs, argv, &result, error, sizeof error) == 0) return true;
  std::string message(error);
  report(args, nargs, message.empty() ? std::string("C++ exception in ") + m->name() : message);
  return false;
}

template <class T>
T convert(const Result& r, std::uint32_t kind) {
  switch (kind) {
    case DL_RESULT_BOOL:
      return static_cast<T>(r.b);
    case DL_RESULT_CHAR:
      return static_cast<T>(r.c);
    case DL_RESULT_SCHAR:
      return static_cast<T>(r.sc);
    case DL_RESULT_UCHAR:
      return static_cast<T>(r.uc);
    case DL_RESULT_SHORT:
      return static_cast<T>(r.s);
    case DL_RESULT_USHORT:
      return static_cast<T>(r.us);
    case DL_RESULT_INT:
      return static_cast<T>(r.i);
    case DL_RESULT_UINT:
      return static_cast<T>(r.ui);
    case DL_RESULT_LONG:
      return static_cast<T>(r.l);
    case DL_RESULT_ULONG:
      return static_cast<T>(r.ul);
    case DL_RESULT_LLONG:
      return static_cast<T>(r.ll);
    case DL_RESULT_ULLONG:
      return static_cast<T>(r.ull);
    case DL_RESULT_FLOAT:
      return static_cast<T>(r.f);
    case DL_RESULT_DOUBLE:
      return static_cast<T>(r.d);
    case DL_RESULT_LDOUBLE:
      return static_cast<T>(r.ld);
    case DL_RESULT_WCHAR:
      return static_cast<T>(r.w);
    case DL_RESULT_CHAR16:
      return static_cast<T>(r.c16);
    case DL_RESULT_CHAR32:
      return static_cast<T>(r.c32);
    case DL_RESULT_POINTER:
    case DL_RESULT_NEW_OBJECT:
    case DL_RESULT_STRING:
      return static_cast<T>(reinterpret_cast<std::intptr_t>(r.p));
    default:
      return T{};
  }
}

template <class T>
T callAs(cppyy_method_t m, void* self, int nargs, void* args) {
  Result r;
  r.ull = 0;
  if (!invoke(method(m), self, nargs, args, r)) return T{};
  return convert<T>(r, method(m)->resultKind);
}

void* callForPointer(cppyy_method_t m, void* self, int nargs, void* args) {
  Result r;
  r.p = nullptr;
  if (!invoke(method(m), self, nargs, args, r)) return nullptr;
  return r.p;
}

// Scope lookups that tolerate a null or namespace handle.
Scope* classScope(cppyy_scope_t h) {
  Scope* s = scope(h);
  return s && s->isClass() ? s : nullptr;
}

const DataMember* dataAt(cppyy_scope_t h, int index) {
  Scope* s = scope(h);
  if (s == nullptr || index < 0) return nullptr;
  Registry::instance().built(*s);
  return static_cast<size_t>(index) < s->data.size() ? &s->data[index] : nullptr;
}

std::string signature(const Method* m, bool formal, int maxArgs) {
  std::string out = "(";
  std::uint32_t n = maxArgs < 0 ? m->numArgs : std::min<std::uint32_t>(m->numArgs, maxArgs);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    out += m->argType(i);
    if (formal) {
      const char* name = m->dict->str(m->args[i].name);
      if (*name) out += std::string(" ") + name;
      const char* def = m->dict->str(m->args[i].default_value);
      if (*def) out += std::string(" = ") + def;
    }
  }
  out += ")";
  return out;  // no " const": PyPy's __overload__ compares this with "(" + types + ")"
}

// Offset from a derived object to its base subobject along the first path
// found; false if base is not a base of derived.
bool upcastOffset(Registry& reg, Scope* derived, Scope* base, char* object, std::ptrdiff_t& offset) {
  if (derived == base) {
    offset = 0;
    return true;
  }
  reg.built(*derived);
  for (BaseClass& b : derived->bases) {
    Scope* next = reg.baseScope(b);
    if (next == nullptr) continue;
    std::ptrdiff_t step = b.base->offset;
    if (b.base->is_virtual) step = object ? b.base->offset_fn(object) : 0;
    std::ptrdiff_t rest = 0;
    if (upcastOffset(reg, next, base, object ? object + step : nullptr, rest)) {
      offset = step + rest;
      return true;
    }
  }
  return false;
}

std::vector<Scope*> knownBases(Registry& reg, Scope& scope) {
  std::vector<Scope*> known;
  for (BaseClass& b : reg.built(scope).bases)
    if (Scope* base = reg.baseScope(b); base != nullptr && base->isClass()) known.push_back(base);
  return known;
}

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

}  // namespace
}  // namespace dictloader

using namespace dictloader;

extern "C" {

// --- names and scopes ---------------------------------------------------------
char* cppyy_resolve_name(const char* name) {
  if (name == nullptr) return copy("");
  auto lock = Registry::instance().lock();
  return copy(Registry::instance().resolveTypedef(name));
}

char* cppyy_resolve_enum(const char* name) {
  // Enum types reach clients as their underlying builtin already.
  return copy(name ? name : "");
}

cppyy_scope_t cppyy_get_scope(const char* name) {
  if (name == nullptr || isBuiltinName(name)) return 0;
  auto lock = Registry::instance().lock();
  return handle(Registry::instance().findScope(name));
}

cppyy_type_t cppyy_actual_class(cppyy_type_t klass, cppyy_object_t) { return klass; }

size_t cppyy_size_of_klass(cppyy_type_t klass) {
  Scope* s = classScope(klass);
  return s ? s->size : 0;
}

size_t cppyy_size_of_type(const char* name) {
  if (name == nullptr) return 0;
  if (size_t size = builtinSize(name)) return size;
  auto lock = Registry::instance().lock();
  Scope* s = Registry::instance().findScope(name);
  return s && s->isClass() ? s->size : 0;
}

int cppyy_is_builtin(const char* name) { return name && isBuiltinName(name); }

int cppyy_is_complete(const char* name) {
  if (name == nullptr) return 0;
  if (isBuiltinName(name)) return 1;
  auto lock = Registry::instance().lock();
  return Registry::instance().findScope(name) != nullptr;
}

// --- objects ------------------------------------------------------------------
void cppyy_destruct(cppyy_type_t type, cppyy_object_t obj) {
  Scope* s = classScope(type);
  if (s == nullptr || obj == nullptr) return;
  if (s->deleteObject == nullptr) {
    setLastError("cannot destroy an object of class '" + s->qualifiedName +
                 "': its destructor is not public");
    return;
  }
  char error[512];
  if (s->deleteObject(obj, 0, nullptr, nullptr, error, sizeof error) != 0)
    std::fprintf(stderr, "dictloader: exception in the destructor of '%s': %s\n", s->qualifiedName.c_str(),
                 error);
}

cppyy_object_t cppyy_allocate(cppyy_type_t type) {
  Scope* s = classScope(type);
  return s ? ::operator new(s->size, std::nothrow) : nullptr;
}

void cppyy_deallocate(cppyy_type_t, cppyy_object_t obj) { ::operator delete(obj); }

cppyy_object_t cppyy_construct(cppyy_type_t type) {
  Scope* s = classScope(type);
  if (s == nullptr) return nullptr;
  auto lock = Registry::instance().lock();
  const std::vector<size_t>* ctors = Registry::instance().findMethods(*s, s->name);
  if (ctors == nullptr) return nullptr;
  for (size_t i : *ctors) {
    Method* m = s->methods[i].get();
    if (m->kind == DL_FUNC_CONSTRUCTOR && m->requiredArgs == 0)
      return callForPointer(reinterpret_cast<cppyy_method_t>(m), nullptr, 0, nullptr);
  }
  return nullptr;
}

void cppyy_destructor(cppyy_type_t type, cppyy_object_t obj) { cppyy_destruct(type, obj); }

// --- calls ----------------------------------------------------------------------
void cppyy_call_v(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  Result r;
  invoke(method(m), self, nargs, args, r);
}
unsigned char cppyy_call_b(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<bool>(m, self, nargs, args);
}
char cppyy_call_c(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<char>(m, self, nargs, args);
}
short cppyy_call_h(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<short>(m, self, nargs, args);
}
int cppyy_call_i(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<int>(m, self, nargs, args);
}
long cppyy_call_l(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<long>(m, self, nargs, args);
}
long long cppyy_call_ll(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<long long>(m, self, nargs, args);
}
float cppyy_call_f(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<float>(m, self, nargs, args);
}
double cppyy_call_d(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<double>(m, self, nargs, args);
}
long double cppyy_call_ld(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<long double>(m, self, nargs, args);
}
double cppyy_call_nld(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return static_cast<double>(callAs<long double>(m, self, nargs, args));
}
void* cppyy_call_r(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callForPointer(m, self, nargs, args);
}

char* cppyy_call_s(cppyy_method_t m, cppyy_object_t self, int nargs, void* args, size_t* length) {
  if (length) *length = 0;
  void* result = callForPointer(m, self, nargs, args);
  if (result == nullptr || method(m)->resultKind != DL_RESULT_STRING) return copy("");
  auto* text = static_cast<std::string*>(result);
  char* out = static_cast<char*>(std::malloc(text->size() + 1));
  if (out) {
    std::memcpy(out, text->data(), text->size());
    out[text->size()] = '\0';
    if (length) *length = text->size();
  }
  delete text;
  return out ? out : copy("");
}

cppyy_object_t cppyy_constructor(cppyy_method_t m, cppyy_type_t, int nargs, void* args) {
  return callForPointer(m, nullptr, nargs, args);
}

cppyy_object_t cppyy_call_o(cppyy_method_t m, cppyy_object_t self, int nargs, void* args, cppyy_type_t) {
  return callForPointer(m, self, nargs, args);
}

cppyy_funcaddr_t cppyy_function_address(cppyy_method_t m) { return m ? method(m)->fastAddress : nullptr; }

// --- argument buffers -------------------------------------------------------------
void* cppyy_allocate_function_args(int nargs) {
  if (nargs < 0) nargs = 0;
  char* block = nullptr;
  if (nargs <= kPooledArgs) {
    BufferPool& pool = tlsPool;
    if (pool.count > 0) {
      block = static_cast<char*>(pool.blocks[--pool.count]);
    } else {
      (void)&tlsReleaser;  // frees this thread's pool when the thread ends
      block = static_cast<char*>(std::malloc(kPooledBytes));
    }
    if (block == nullptr) return nullptr;
    *reinterpret_cast<int*>(block) = kPooledArgs;
  } else {
    block = static_cast<char*>(std::malloc(kHeaderSize + nargs * kSlotSize + kStatusSize));
    if (block == nullptr) return nullptr;
    *reinterpret_cast<int*>(block) = nargs;
  }
  return block + kHeaderSize;
}

void cppyy_deallocate_function_args(void* args) {
  if (args == nullptr) return;
  char* block = static_cast<char*>(args) - kHeaderSize;
  BufferPool& pool = tlsPool;
  if (*reinterpret_cast<int*>(block) == kPooledArgs && pool.count < BufferPool::kCapacity) {
    pool.blocks[pool.count++] = block;
    return;
  }
  std::free(block);
}

size_t cppyy_function_arg_sizeof(void) { return kSlotSize; }
size_t cppyy_function_arg_typeoffset(void) { return kTypeOffset; }

// --- scope reflection ----------------------------------------------------------------
int cppyy_is_namespace(cppyy_scope_t h) {
  Scope* s = scope(h);
  return s && !s->isClass();
}

int cppyy_is_template(const char*) { return 0; }

int cppyy_is_abstract(cppyy_type_t type) {
  Scope* s = classScope(type);
  return s && (s->flags & DL_SCOPE_ABSTRACT);
}

int cppyy_is_enum(const char* name) {
  if (name == nullptr) return 0;
  auto lock = Registry::instance().lock();
  Scope* s = Registry::instance().findScope(name);
  return s && s->kind == ScopeKind::Enum;
}

int cppyy_is_aggregate(const char* name) {
  if (name == nullptr) return 0;
  auto lock = Registry::instance().lock();
  Scope* s = Registry::instance().findScope(name);
  return s && s->isClass() && (s->flags & DL_SCOPE_AGGREGATE);
}

int cppyy_is_default_constructable(const char* name) {
  if (name == nullptr) return 0;
  if (isBuiltinName(name)) return 1;
  auto lock = Registry::instance().lock();
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
  auto lock = Registry::instance().lock();
  return static_cast<int>(knownBases(Registry::instance(), *s).size());
}

char* cppyy_base_name(cppyy_type_t type, int index) {
  Scope* s = classScope(type);
  if (s == nullptr || index < 0) return copy("");
  auto lock = Registry::instance().lock();
  std::vector<Scope*> bases = knownBases(Registry::instance(), *s);
  return copy(static_cast<size_t>(index) < bases.size() ? bases[index]->qualifiedName : "");
}

int cppyy_is_subtype(cppyy_type_t derived, cppyy_type_t base) {
  if (derived == base) return derived != 0;  // 0 is "no such scope", a subtype of nothing
  Scope* d = classScope(derived);
  Scope* b = classScope(base);
  if (d == nullptr || b == nullptr) return 0;
  auto lock = Registry::instance().lock();
  std::ptrdiff_t offset = 0;
  return upcastOffset(Registry::instance(), d, b, nullptr, offset);
}

int cppyy_is_smartptr(cppyy_type_t) { return 0; }
int cppyy_smartptr_info(const char*, cppyy_type_t*, cppyy_method_t*) { return 0; }
void cppyy_add_smartptr_type(const char*) {}
void cppyy_add_type_reducer(const char*, const char*) {}

ptrdiff_t cppyy_base_offset(cppyy_type_t derived, cppyy_type_t base, cppyy_object_t address, int direction) {
  Scope* d = classScope(derived);
  Scope* b = classScope(base);
  if (d == nullptr || b == nullptr || d == b) return 0;
  auto lock = Registry::instance().lock();
  std::ptrdiff_t offset = 0;
  if (direction > 0) {
    upcastOffset(Registry::instance(), d, b, static_cast<char*>(address), offset);
    return offset;
  }
  // Down-cast: only non-virtual paths can be undone without the derived object.
  upcastOffset(Registry::instance(), d, b, nullptr, offset);
  return -offset;
}

// --- functions --------------------------------------------------------------------------
int cppyy_num_methods(cppyy_scope_t h) {
  Scope* s = scope(h);
  if (s == nullptr) return 0;
  auto lock = Registry::instance().lock();
  return static_cast<int>(Registry::instance().built(*s).methods.size());
}

cppyy_index_t* cppyy_method_indices_from_name(cppyy_scope_t h, const char* name) {
  Scope* s = scope(h);
  if (s == nullptr || name == nullptr) return nullptr;
  auto lock = Registry::instance().lock();
  const std::vector<size_t>* indices = Registry::instance().findMethods(*s, name);
  if (indices == nullptr || indices->empty()) return nullptr;
  auto* out = static_cast<cppyy_index_t*>(std::malloc((indices->size() + 1) * sizeof(cppyy_index_t)));
  if (out == nullptr) return nullptr;
  for (size_t i = 0; i < indices->size(); ++i) out[i] = (*indices)[i];
  out[indices->size()] = static_cast<cppyy_index_t>(-1);
  return out;
}

cppyy_method_t cppyy_get_method(cppyy_scope_t h, cppyy_index_t index) {
  Scope* s = scope(h);
  if (s == nullptr) return 0;
  auto lock = Registry::instance().lock();
  Registry::instance().built(*s);
  return index < s->methods.size() ? reinterpret_cast<cppyy_method_t>(s->methods[index].get()) : 0;
}

char* cppyy_method_name(cppyy_method_t m) { return copy(m ? method(m)->name() : ""); }

char* cppyy_method_full_name(cppyy_method_t m) {
  if (!m) return copy("");
  const std::string& owner = method(m)->scope->qualifiedName;
  return copy(owner.empty() ? std::string(method(m)->name()) : owner + "::" + method(m)->name());
}

char* cppyy_method_mangled_name(cppyy_method_t m) { return cppyy_method_full_name(m); }

char* cppyy_method_result_type(cppyy_method_t m) {
  if (!m) return copy("");
  if (method(m)->kind == DL_FUNC_CONSTRUCTOR) return copy("constructor");
  return copy(method(m)->dict->str(method(m)->fn->result_type));
}

int cppyy_method_num_args(cppyy_method_t m) { return m ? static_cast<int>(method(m)->numArgs) : 0; }
int cppyy_method_req_args(cppyy_method_t m) { return m ? static_cast<int>(method(m)->requiredArgs) : 0; }

char* cppyy_method_arg_name(cppyy_method_t m, int i) {
  if (!m || i < 0 || static_cast<std::uint32_t>(i) >= method(m)->numArgs) return copy("");
  return copy(method(m)->dict->str(method(m)->args[i].name));
}

char* cppyy_method_arg_type(cppyy_method_t m, int i) {
  if (!m || i < 0 || static_cast<std::uint32_t>(i) >= method(m)->numArgs) return copy("");
  return copy(method(m)->argType(i));
}

char* cppyy_method_arg_default(cppyy_method_t m, int i) {
  if (!m || i < 0 || static_cast<std::uint32_t>(i) >= method(m)->numArgs) return copy("");
  return copy(method(m)->dict->str(method(m)->args[i].default_value));
}

char* cppyy_method_signature(cppyy_method_t m, int formal) {
  return m ? copy(signature(method(m), formal != 0, -1)) : copy("()");
}

char* cppyy_method_signature_max(cppyy_method_t m, int formal, int maxArgs) {
  return m ? copy(signature(method(m), formal != 0, maxArgs)) : copy("()");
}

char* cppyy_method_prototype(cppyy_scope_t, cppyy_method_t m, int formal) {
  if (!m) return copy("");
  const Method* fn = method(m);
  std::string owner = fn->scope->qualifiedName;
  std::string name = owner.empty() ? fn->name() : owner + "::" + fn->name();
  std::string result =
      fn->kind == DL_FUNC_CONSTRUCTOR ? "" : std::string(fn->dict->str(fn->fn->result_type)) + " ";
  if (fn->kind == DL_FUNC_STATIC && fn->scope->isClass()) result = "static " + result;
  std::string qualifier = (fn->flags & DL_FUNC_CONST) ? " const" : "";
  return copy(result + name + signature(fn, formal != 0, -1) + qualifier);
}

int cppyy_is_const_method(cppyy_method_t m) { return m && (method(m)->flags & DL_FUNC_CONST); }

int cppyy_get_num_templated_methods(cppyy_scope_t) { return 0; }
char* cppyy_get_templated_method_name(cppyy_scope_t, cppyy_index_t) { return copy(""); }
int cppyy_is_templated_constructor(cppyy_scope_t, cppyy_index_t) { return 0; }
int cppyy_exists_method_template(cppyy_scope_t, const char*) { return 0; }
int cppyy_method_is_template(cppyy_scope_t, cppyy_index_t) { return 0; }
cppyy_method_t cppyy_get_method_template(cppyy_scope_t, const char*, const char*) { return 0; }
cppyy_index_t cppyy_get_global_operator(cppyy_scope_t, cppyy_scope_t, cppyy_scope_t, const char*) {
  return static_cast<cppyy_index_t>(-1);
}

int cppyy_is_public_method(cppyy_method_t m) { return m && !(method(m)->flags & DL_FUNC_PROTECTED); }
int cppyy_is_protected_method(cppyy_method_t m) { return m && (method(m)->flags & DL_FUNC_PROTECTED); }
int cppyy_is_constructor(cppyy_method_t m) { return m && method(m)->kind == DL_FUNC_CONSTRUCTOR; }
int cppyy_is_destructor(cppyy_method_t m) { return m && method(m)->kind == DL_FUNC_DESTRUCTOR; }
int cppyy_is_staticmethod(cppyy_method_t m) { return m && method(m)->kind == DL_FUNC_STATIC; }

// --- data ------------------------------------------------------------------------------
int cppyy_num_datamembers(cppyy_scope_t h) {
  Scope* s = scope(h);
  if (s == nullptr) return 0;
  auto lock = Registry::instance().lock();
  return static_cast<int>(Registry::instance().built(*s).data.size());
}

char* cppyy_datamember_name(cppyy_scope_t h, int i) {
  auto lock = Registry::instance().lock();
  const DataMember* d = dataAt(h, i);
  return copy(d ? d->name : "");
}

char* cppyy_datamember_type(cppyy_scope_t h, int i) {
  auto lock = Registry::instance().lock();
  const DataMember* d = dataAt(h, i);
  return copy(d ? d->type : "");
}

intptr_t cppyy_datamember_offset(cppyy_scope_t h, int i) {
  auto lock = Registry::instance().lock();
  const DataMember* d = dataAt(h, i);
  return d ? d->offset : -1;
}

int cppyy_datamember_index(cppyy_scope_t h, const char* name) {
  Scope* s = scope(h);
  if (s == nullptr || name == nullptr) return -1;
  auto lock = Registry::instance().lock();
  return static_cast<int>(Registry::instance().findData(*s, name));
}

int cppyy_is_publicdata(cppyy_scope_t h, int i) {
  auto lock = Registry::instance().lock();
  const DataMember* d = dataAt(h, i);
  return d && !(d->flags & DL_DATA_PROTECTED);
}

int cppyy_is_protecteddata(cppyy_scope_t h, int i) {
  auto lock = Registry::instance().lock();
  const DataMember* d = dataAt(h, i);
  return d && (d->flags & DL_DATA_PROTECTED);
}

int cppyy_is_staticdata(cppyy_scope_t h, int i) {
  auto lock = Registry::instance().lock();
  const DataMember* d = dataAt(h, i);
  return d && (d->flags & DL_DATA_STATIC);
}

int cppyy_is_const_data(cppyy_scope_t h, int i) {
  auto lock = Registry::instance().lock();
  const DataMember* d = dataAt(h, i);
  return d && (d->flags & DL_DATA_CONST);
}

int cppyy_is_enum_data(cppyy_scope_t h, int i) {
  auto lock = Registry::instance().lock();
  const DataMember* d = dataAt(h, i);
  return d && (d->flags & DL_DATA_ENUM);
}

int cppyy_get_dimension_size(cppyy_scope_t h, int i, int dimension) {
  auto lock = Registry::instance().lock();
  const DataMember* d = dataAt(h, i);
  if (d == nullptr || dimension < 0 || static_cast<std::uint32_t>(dimension) >= d->numDims) return -1;
  return static_cast<int>(d->dims[dimension]);
}

// --- enums -------------------------------------------------------------------------------
// An enum handle is its scope: the values are that scope's data.
cppyy_enum_t cppyy_get_enum(cppyy_scope_t h, const char* name) {
  Scope* s = scope(h);
  if (s == nullptr || name == nullptr) return nullptr;
  auto lock = Registry::instance().lock();
  std::string qualified = s->qualifiedName.empty() ? name : s->qualifiedName + "::" + name;
  Scope* e = Registry::instance().findScope(qualified);
  return e && e->kind == ScopeKind::Enum ? e : nullptr;
}

cppyy_index_t cppyy_get_num_enum_data(cppyy_enum_t e) {
  if (e == nullptr) return 0;
  auto lock = Registry::instance().lock();
  return Registry::instance().built(*static_cast<Scope*>(e)).data.size();
}

char* cppyy_get_enum_data_name(cppyy_enum_t e, cppyy_index_t i) {
  if (e == nullptr) return copy("");
  auto lock = Registry::instance().lock();
  Scope& s = Registry::instance().built(*static_cast<Scope*>(e));
  return copy(i < s.data.size() ? s.data[i].name : "");
}

long long cppyy_get_enum_data_value(cppyy_enum_t e, cppyy_index_t i) {
  if (e == nullptr) return 0;
  auto lock = Registry::instance().lock();
  Scope& s = Registry::instance().built(*static_cast<Scope*>(e));
  return i < s.data.size() ? *reinterpret_cast<const std::int64_t*>(s.data[i].offset) : 0;
}

// --- helpers ------------------------------------------------------------------------------
long long cppyy_strtoll(const char* text) { return text ? std::strtoll(text, nullptr, 0) : 0; }
unsigned long long cppyy_strtoull(const char* text) { return text ? std::strtoull(text, nullptr, 0) : 0; }
void cppyy_free(void* ptr) { std::free(ptr); }

cppyy_object_t cppyy_charp2stdstring(const char* text, size_t size) {
  if (text == nullptr) size = 0;
  // PyPy 7.3.11 passes a str's UTF-8 bytes (NUL-terminated) with its length
  // in code points, which is short for non-ASCII text; a byte count is never
  // below strlen, so taking the larger one is right for both.
  if (text != nullptr) size = std::max(size, std::strlen(text));
  try {
    return new std::string(text ? text : "", size);
  } catch (...) {
    return nullptr;
  }
}

const char* cppyy_stdstring2charp(cppyy_object_t str, size_t* size) {
  if (str == nullptr) {
    if (size) *size = 0;
    return "";
  }
  auto* s = static_cast<std::string*>(str);
  if (size) *size = s->size();
  return s->data();
}

cppyy_object_t cppyy_stdstring2stdstring(cppyy_object_t str) {
  try {
    return new std::string(str ? *static_cast<std::string*>(str) : std::string());
  } catch (...) {
    return nullptr;
  }
}

double cppyy_longdouble2double(void* address) {
  return address ? static_cast<double>(*static_cast<long double*>(address)) : 0.0;
}

void cppyy_double2longdouble(double value, void* address) {
  if (address) *static_cast<long double*>(address) = value;
}

}  // extern "C"
