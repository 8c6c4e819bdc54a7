// converters.cpp - dictloader_converter_for (direct_calls.h): what a C++ type
// name means for a call, decided here once for every client of the C API.
#include <cstdlib>
#include <map>
#include <string>

#include "capi_internal.h"
#include "dictloader/direct_calls.h"

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  return s;
}

std::string taken(char* text) {
  std::string out = text ? text : "";
  std::free(text);
  return out;
}

std::string resolved(const std::string& name) { return trimmed(taken(cppyy_resolve_name(name.c_str()))); }

const std::map<std::string, int>& builtinKinds() {
  static const std::map<std::string, int> kinds = {
      {"void", DICTLOADER_CONVERT_VOID},
      {"bool", DICTLOADER_CONVERT_BOOL},
      {"char", DICTLOADER_CONVERT_CHAR},
      {"signed char", DICTLOADER_CONVERT_SCHAR},
      {"unsigned char", DICTLOADER_CONVERT_UCHAR},
      {"short", DICTLOADER_CONVERT_SHORT},
      {"short int", DICTLOADER_CONVERT_SHORT},
      {"unsigned short", DICTLOADER_CONVERT_USHORT},
      {"unsigned short int", DICTLOADER_CONVERT_USHORT},
      {"int", DICTLOADER_CONVERT_INT},
      {"unsigned int", DICTLOADER_CONVERT_UINT},
      {"unsigned", DICTLOADER_CONVERT_UINT},
      {"long", DICTLOADER_CONVERT_LONG},
      {"long int", DICTLOADER_CONVERT_LONG},
      {"unsigned long", DICTLOADER_CONVERT_ULONG},
      {"unsigned long int", DICTLOADER_CONVERT_ULONG},
      {"size_t", DICTLOADER_CONVERT_ULONG},
      {"std::size_t", DICTLOADER_CONVERT_ULONG},
      {"long long", DICTLOADER_CONVERT_LLONG},
      {"long long int", DICTLOADER_CONVERT_LLONG},
      {"unsigned long long", DICTLOADER_CONVERT_ULLONG},
      {"float", DICTLOADER_CONVERT_FLOAT},
      {"double", DICTLOADER_CONVERT_DOUBLE},
      {"long double", DICTLOADER_CONVERT_LDOUBLE},
      {"std::string", DICTLOADER_CONVERT_STRING},
  };
  return kinds;
}

// C++ promotes the narrow integer types to int (char32_t to unsigned int):
// what an enum of that underlying type crosses a call as by value.
int promoted(int kind) {
  switch (kind) {
    case DICTLOADER_CONVERT_BOOL:
    case DICTLOADER_CONVERT_CHAR:
    case DICTLOADER_CONVERT_SCHAR:
    case DICTLOADER_CONVERT_UCHAR:
    case DICTLOADER_CONVERT_SHORT:
    case DICTLOADER_CONVERT_USHORT:
      return DICTLOADER_CONVERT_INT;
    default:
      return kind;
  }
}

// The integer kind of the same width as an enum's underlying type (character
// types as numbers).
int underlyingKind(const std::string& underlying) {
  if (underlying == "wchar_t") return DICTLOADER_CONVERT_INT;
  if (underlying == "char16_t") return DICTLOADER_CONVERT_USHORT;
  if (underlying == "char32_t") return DICTLOADER_CONVERT_UINT;
  auto found = builtinKinds().find(underlying);
  return found != builtinKinds().end() ? found->second : DICTLOADER_CONVERT_INT;
}

bool isScopedEnum(cppyy_scope_t handle) {
  const dictloader::Scope* s = dictloader::capi::scope(handle);
  if (s == nullptr || s->kind != dictloader::ScopeKind::Enum || s->parts.empty()) return false;
  const dictloader::ScopePart& part = s->parts.front();
  return (part.dict->abi->enums[part.index].flags & DL_ENUM_SCOPED) != 0;
}

// An enum's values cross as integers: by value (also `const E&` arguments,
// which stubs and entries take by value) as the promoted underlying type; a
// reference result and data in place as the underlying type itself (one-byte
// ones as signed or unsigned char: numbers, not characters).
dictloader_converter enumConverter(const std::string& name, char compound, bool isConst, bool isResult,
                                   bool inPlace) {
  dictloader_converter c{DICTLOADER_CONVERT_UNSUPPORTED, 0, 0};
  if (compound == '*' || (compound == '&' && !isConst && !isResult)) return c;  // E*, E& arguments: not yet
  c.klass = cppyy_get_scope(name.c_str());
  if (c.klass == 0) return c;
  int underlying = underlyingKind(taken(cppyy_resolve_enum(name.c_str())));
  if (underlying == DICTLOADER_CONVERT_CHAR) underlying = DICTLOADER_CONVERT_SCHAR;
  int kind = inPlace && compound == 0 ? underlying : promoted(underlying);
  if (compound == '&') {
    c.flags |= DICTLOADER_CONVERT_CONST_REF;
    if (isResult) {
      kind = underlying;
      if (!isConst) c.flags |= DICTLOADER_CONVERT_REF_RESULT;
    }
  }
  c.kind = DICTLOADER_CONVERT_ENUM;
  c.flags |= static_cast<unsigned>(kind) << 8;
  if (isScopedEnum(c.klass)) c.flags |= DICTLOADER_CONVERT_SCOPED_ENUM;
  return c;
}

dictloader_converter decide(const std::string& written, bool isResult, bool inPlace) {
  dictloader_converter c{DICTLOADER_CONVERT_UNSUPPORTED, 0, 0};
  std::string name = resolved(written);
  bool isConst = false;
  if (name.rfind("const ", 0) == 0) {
    isConst = true;
    name = trimmed(name.substr(6));
  }
  char compound = 0;
  if (!name.empty() && (name.back() == '&' || name.back() == '*')) {
    compound = name.back();
    name = trimmed(name.substr(0, name.size() - 1));
    if (!name.empty() && (name.back() == '&' || name.back() == '*')) return c;  // T**, T&&: not yet
    if (name.size() > 6 && name.compare(name.size() - 6, 6, " const") == 0) {   // `T const&`
      isConst = true;
      name = trimmed(name.substr(0, name.size() - 6));
    }
  }
  name = resolved(name);
  if (name == "std::basic_string<char>" || name == "string") name = "std::string";
  auto builtin = builtinKinds().find(name);
  if (builtin != builtinKinds().end()) {
    int kind = builtin->second;
    if (kind == DICTLOADER_CONVERT_STRING) {
      if (compound == 0 || (compound == '&' && isConst)) {
        c.kind = DICTLOADER_CONVERT_STRING;
        if (compound == '&') c.flags |= DICTLOADER_CONVERT_CONST_REF;  // a result read through its address
      } else if ((c.klass = cppyy_get_scope("std::string")) != 0) {
        c.kind = compound == '*' ? DICTLOADER_CONVERT_CLASS_PTR : DICTLOADER_CONVERT_CLASS_REF;
        if (isConst) c.flags |= DICTLOADER_CONVERT_CONST_OBJECT;
      }
      return c;
    }
    if (compound == 0) {
      c.kind = kind;
    } else if (compound == '*' && kind == DICTLOADER_CONVERT_CHAR) {
      c.kind = DICTLOADER_CONVERT_CHARP;
    } else if (compound == '*' && kind == DICTLOADER_CONVERT_VOID) {
      c.kind = DICTLOADER_CONVERT_VOIDP;
    } else if (compound == '*') {  // a buffer of builtins (C arrays and out-parameters)
      c.kind = DICTLOADER_CONVERT_BUILTIN_PTR;
      c.flags |= static_cast<unsigned>(kind) << 8;
    } else if (compound == '&' && kind != DICTLOADER_CONVERT_VOID && (isConst || isResult)) {
      c.kind = kind;  // const int& takes the value; an int& result is read (and written) through it
      c.flags |= DICTLOADER_CONVERT_CONST_REF;
      if (isResult && !isConst) c.flags |= DICTLOADER_CONVERT_REF_RESULT;
    }
    return c;
  }
  if (cppyy_is_enum(name.c_str())) return enumConverter(name, compound, isConst, isResult, inPlace);
  cppyy_scope_t scope = cppyy_get_scope(name.c_str());
  if (scope == 0 || cppyy_is_namespace(scope)) return c;
  c.klass = scope;
  if (compound != '*' && cppyy_is_smartptr(scope)) {
    c.kind = compound == '&' ? DICTLOADER_CONVERT_SMART_REF : DICTLOADER_CONVERT_SMART_VALUE;
    return c;
  }
  c.kind = compound == '*'   ? DICTLOADER_CONVERT_CLASS_PTR
           : compound == '&' ? DICTLOADER_CONVERT_CLASS_REF
                             : DICTLOADER_CONVERT_CLASS_VALUE;
  if (!isResult && name.rfind("std::vector<", 0) == 0 && (compound == 0 || (compound == '&' && isConst)))
    c.flags |= DICTLOADER_CONVERT_TAKES_SEQUENCE;
  if (compound != 0 && isConst) c.flags |= DICTLOADER_CONVERT_CONST_OBJECT;
  return c;
}

}  // namespace

extern "C" int dictloader_converter_for(const char* type_name, int is_result, dictloader_converter* out) {
  if (type_name == nullptr || out == nullptr) return 0;
  *out = decide(type_name, is_result != 0, is_result == 2);
  return 1;
}
