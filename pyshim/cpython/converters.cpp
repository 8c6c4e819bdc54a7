// converters.cpp - what each C++ type name means for a call: how a Python
// value becomes an argument and how a result becomes a Python value. Decided
// once per function, when its overload set is made.
#include <cstring>
#include <map>

#include "proxies.h"

namespace cppyy_cpython {
namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  return s;
}

const std::map<std::string, Kind>& builtinKinds() {
  static const std::map<std::string, Kind> kinds = {
      {"void", Kind::Void},
      {"bool", Kind::Bool},
      {"char", Kind::Char},
      {"signed char", Kind::SChar},
      {"unsigned char", Kind::UChar},
      {"short", Kind::Short},
      {"short int", Kind::Short},
      {"unsigned short", Kind::UShort},
      {"unsigned short int", Kind::UShort},
      {"int", Kind::Int},
      {"unsigned int", Kind::UInt},
      {"unsigned", Kind::UInt},
      {"long", Kind::Long},
      {"long int", Kind::Long},
      {"unsigned long", Kind::ULong},
      {"unsigned long int", Kind::ULong},
      {"size_t", Kind::ULong},
      {"long long", Kind::LLong},
      {"unsigned long long", Kind::ULLong},
      {"float", Kind::Float},
      {"double", Kind::Double},
      {"long double", Kind::LongDouble},
      {"std::string", Kind::StdString},
  };
  return kinds;
}

}  // namespace

cppyy_scope_t stringScope() {
  static cppyy_scope_t scope = cppyy_get_scope("std::string");
  return scope;
}

Converter converterFor(const std::string& written, bool isResult) {
  Converter c;
  c.typeName = written;
  std::string name = trimmed(take(cppyy_resolve_name(written.c_str())));
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
    if (name.size() > 6 && name.compare(name.size() - 6, 6, " const") == 0)
      name = trimmed(name.substr(0, name.size() - 6));
  }
  name = trimmed(take(cppyy_resolve_name(name.c_str())));
  if (name == "std::basic_string<char>" || name == "string") name = "std::string";
  auto builtin = builtinKinds().find(name);
  if (builtin != builtinKinds().end()) {
    Kind kind = builtin->second;
    if (kind == Kind::StdString) {
      if (compound == 0 || (compound == '&' && isConst)) {
        c.kind = Kind::StdString;
        c.constRefBuiltin = compound == '&';  // a result read through the returned address
      } else if ((c.klass = cppyy_get_scope("std::string")) != 0)
        c.kind = compound == '*' ? Kind::ClassPtr : Kind::ClassRef;
      return c;
    }
    if (compound == 0) {
      c.kind = kind;
    } else if (compound == '*' && kind == Kind::Char) {
      c.kind = Kind::CharPtr;
    } else if (compound == '*' && kind == Kind::Void) {
      c.kind = Kind::VoidPtr;
    } else if (compound == '&' && isConst && kind != Kind::Void && !isResult) {
      c.kind = kind;  // the loader takes the address of the slot's value
      c.constRefBuiltin = true;
    } else if (compound == '&' && isConst && isResult) {
      c.kind = kind;
      c.constRefBuiltin = true;  // read through the returned address
    } else if (compound == '&' && isResult && kind != Kind::Void) {
      c.kind = kind;  // int&, double&: the value, and writable through __setitem__
      c.constRefBuiltin = true;
      c.refResult = true;
    }
    return c;
  }
  // enums: their values cross as the underlying integer type
  if (cppyy_is_enum(name.c_str()) && compound == 0) {
    std::string underlying = take(cppyy_resolve_enum(name.c_str()));
    auto e = builtinKinds().find(underlying);
    c.kind = e != builtinKinds().end() ? e->second : Kind::Int;
    return c;
  }
  cppyy_scope_t scope = cppyy_get_scope(name.c_str());
  if (scope == 0 || cppyy_is_namespace(scope)) return c;
  c.klass = scope;
  c.kind = compound == '*' ? Kind::ClassPtr : compound == '&' ? Kind::ClassRef : Kind::ClassValue;
  c.takesSequence =
      !isResult && name.rfind("std::vector<", 0) == 0 && (compound == 0 || (compound == '&' && isConst));
  return c;
}

}  // namespace cppyy_cpython
