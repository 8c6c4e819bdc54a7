// capi_members.cpp - the cppyy C API: functions, data members, enum values
// and the small helpers (strings, numbers, memory).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "capi_internal.h"

namespace dictloader {
namespace {
using namespace capi;

// Is name an enum some dictionary describes (so clients can convert its values)?
bool knownEnum(const char* name) {
  if (name == nullptr) return false;
  Scope* s = Registry::instance().findScope(name);
  return s && s->kind == ScopeKind::Enum;
}

// The value's type name as a client converts it: the enum's if it is a known
// enum, else the builtin spelling the dictionary records.
std::string typeForClients(const char* builtin, const char* enumName) {
  return knownEnum(enumName) ? spelledWithEnum(builtin, enumName) : std::string(builtin);
}

// Call with the registry lock held.
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
    out += spelledWithEnum(m->argType(i), m->argEnum(i));
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

}  // namespace
}  // namespace dictloader

using namespace dictloader;
using namespace dictloader::capi;

extern "C" {

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
  std::vector<Method*> found = Registry::instance().findMethods(*s, name);
  if (found.empty()) return nullptr;
  auto* out = static_cast<cppyy_index_t*>(std::malloc((found.size() + 1) * sizeof(cppyy_index_t)));
  if (out == nullptr) return nullptr;
  for (size_t i = 0; i < found.size(); ++i) out[i] = found[i]->index;
  out[found.size()] = static_cast<cppyy_index_t>(-1);
  return out;
}

cppyy_method_t cppyy_get_method(cppyy_scope_t h, cppyy_index_t index) {
  Scope* s = scope(h);
  if (s == nullptr) return 0;
  auto lock = Registry::instance().lock();
  Registry::instance().built(*s);
  return index < s->methods.size() ? reinterpret_cast<cppyy_method_t>(s->methods[index].get()) : 0;
}

// A function template instance is named without its template arguments, so
// it joins the overloads of its name (PyPy groups methods by this name).
char* cppyy_method_name(cppyy_method_t m) { return copy(m ? std::string(method(m)->baseName()) : ""); }

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

// An enum parameter is its promoted builtin here: PyPy's _cppyy picks a
// converter by this name from its table of builtins, and a name that
// cppyy_get_scope knows must be a class to it (an enum's scope is not).
// dictloader_method_arg_type names the enum.
char* cppyy_method_arg_type(cppyy_method_t m, int i) {
  if (!m || i < 0 || static_cast<std::uint32_t>(i) >= method(m)->numArgs) return copy("");
  return copy(method(m)->argType(i));
}

char* dictloader_method_arg_type(cppyy_method_t m, int i) {
  if (!m || i < 0 || static_cast<std::uint32_t>(i) >= method(m)->numArgs) return copy("");
  return copy(typeForClients(method(m)->argType(i), method(m)->argEnum(i)));
}

char* dictloader_method_result_type(cppyy_method_t m) {
  if (!m) return copy("");
  if (method(m)->kind == DL_FUNC_CONSTRUCTOR) return copy("constructor");
  return copy(typeForClients(method(m)->dict->str(method(m)->fn->result_type), method(m)->resultEnumName()));
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
  std::string result = fn->kind == DL_FUNC_CONSTRUCTOR
                           ? ""
                           : spelledWithEnum(fn->dict->str(fn->fn->result_type), fn->resultEnumName()) + " ";
  if (fn->kind == DL_FUNC_STATIC && fn->scope->isClass()) result = "static " + result;
  std::string qualifier = (fn->flags & DL_FUNC_CONST) ? " const" : "";
  return copy(result + name + signature(fn, formal != 0, -1) + qualifier);
}

int cppyy_is_const_method(cppyy_method_t m) { return m && (method(m)->flags & DL_FUNC_CONST); }

int cppyy_get_num_templated_methods(cppyy_scope_t h) {
  Scope* s = scope(h);
  if (s == nullptr) return 0;
  auto lock = Registry::instance().lock();
  return static_cast<int>(Registry::instance().built(*s).templatePlaceholders.size());
}

char* cppyy_get_templated_method_name(cppyy_scope_t h, cppyy_index_t index) {
  Scope* s = scope(h);
  if (s == nullptr) return copy("");
  auto lock = Registry::instance().lock();
  const auto& names = Registry::instance().built(*s).templatePlaceholders;
  return copy(index < names.size() ? names[index] : std::string());
}
int cppyy_is_templated_constructor(cppyy_scope_t, cppyy_index_t) { return 0; }
// Function templates are in a dictionary as the instances genreflex made
// (DL_FUNC_TEMPLATE_INSTANCE); nothing is instantiated at run time.
int cppyy_exists_method_template(cppyy_scope_t h, const char* name) {
  Scope* s = scope(h);
  if (s == nullptr || name == nullptr) return 0;
  for (const Method* m : Registry::instance().findMethods(*s, name))
    if ((m->flags & DL_FUNC_TEMPLATE_INSTANCE) && m->kind == DL_FUNC_METHOD) return 1;
  auto lock = Registry::instance().lock();
  const auto& names = s->templatePlaceholders;  // built by findMethods
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Only member functions are reported as template instances: PyPy 7.3.11 calls
// a static or free function's template overload with a null `this` as its
// first argument, so those stay ordinary overloads, still chosen by the
// call's arguments (and reached by full name, getattr(ns, "f<double>")).
int cppyy_method_is_template(cppyy_scope_t h, cppyy_index_t index) {
  Scope* s = scope(h);
  if (s == nullptr) return 0;
  auto lock = Registry::instance().lock();
  Registry::instance().built(*s);
  if (index >= s->methods.size()) return 0;
  const Method& m = *s->methods[index];
  return (m.flags & DL_FUNC_TEMPLATE_INSTANCE) && m.kind == DL_FUNC_METHOD;
}

// name: "f<double>" (obj.f['double'] in PyPy); proto: the call's argument
// types, which pick among instances of one name with different parameters.
cppyy_method_t cppyy_get_method_template(cppyy_scope_t h, const char* name, const char* proto) {
  Scope* s = scope(h);
  if (s == nullptr || name == nullptr || std::strchr(name, '<') == nullptr) return 0;
  std::vector<Method*> found = Registry::instance().findTemplateInstances(*s, name);
  if (found.empty()) return 0;
  size_t given = 0;
  if (proto != nullptr && *proto != '\0') given = 1 + std::count(proto, proto + std::strlen(proto), ',');
  for (const Method* m : found)
    if (given >= m->requiredArgs && given <= m->numArgs) return reinterpret_cast<cppyy_method_t>(m);
  return reinterpret_cast<cppyy_method_t>(found.front());
}
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

char* dictloader_datamember_type(cppyy_scope_t h, int i) {
  std::string builtin;
  const char* enumName = nullptr;
  {
    auto lock = Registry::instance().lock();
    const DataMember* d = dataAt(h, i);
    if (d == nullptr) return copy("");
    builtin = d->type;
    enumName = d->enumName;  // in a dictionary's pool: valid for ever
  }
  return copy(typeForClients(builtin.c_str(), enumName));  // may look names up: without the lock
}

intptr_t cppyy_datamember_offset(cppyy_scope_t h, int i) {
  auto lock = Registry::instance().lock();
  const DataMember* d = dataAt(h, i);
  return d ? d->offset : -1;
}

int cppyy_datamember_index(cppyy_scope_t h, const char* name) {
  Scope* s = scope(h);
  if (s == nullptr || name == nullptr) return -1;
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

// PyPy's _cppyy indexes a std::vector<bool> through these (it has no
// addressable elements); the dictionaries' std::vector<bool> is this one.
int cppyy_vectorbool_getitem(cppyy_object_t vbool, int idx) {
  return vbool != nullptr && (*static_cast<std::vector<bool>*>(vbool))[static_cast<size_t>(idx)];
}

void cppyy_vectorbool_setitem(cppyy_object_t vbool, int idx, int value) {
  if (vbool != nullptr) (*static_cast<std::vector<bool>*>(vbool))[static_cast<size_t>(idx)] = value != 0;
}

}  // extern "C"
