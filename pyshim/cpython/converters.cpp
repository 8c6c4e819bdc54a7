// converters.cpp - what each C++ type name means for a call: how a Python
// value becomes an argument and how a result becomes a Python value. Decided
// once per function, when its overload set is made, by libdictloader
// (dictloader_converter_for), which decides it for every client alike.
#include "dictloader/direct_calls.h"
#include "proxies.h"

namespace cppyy_cpython {
namespace {

Kind kindOf(int converterKind) {
  switch (converterKind) {
    case DICTLOADER_CONVERT_VOID:
      return Kind::Void;
    case DICTLOADER_CONVERT_BOOL:
      return Kind::Bool;
    case DICTLOADER_CONVERT_CHAR:
      return Kind::Char;
    case DICTLOADER_CONVERT_SCHAR:
      return Kind::SChar;
    case DICTLOADER_CONVERT_UCHAR:
      return Kind::UChar;
    case DICTLOADER_CONVERT_SHORT:
      return Kind::Short;
    case DICTLOADER_CONVERT_USHORT:
      return Kind::UShort;
    case DICTLOADER_CONVERT_INT:
      return Kind::Int;
    case DICTLOADER_CONVERT_UINT:
      return Kind::UInt;
    case DICTLOADER_CONVERT_LONG:
      return Kind::Long;
    case DICTLOADER_CONVERT_ULONG:
      return Kind::ULong;
    case DICTLOADER_CONVERT_LLONG:
      return Kind::LLong;
    case DICTLOADER_CONVERT_ULLONG:
      return Kind::ULLong;
    case DICTLOADER_CONVERT_FLOAT:
      return Kind::Float;
    case DICTLOADER_CONVERT_DOUBLE:
      return Kind::Double;
    case DICTLOADER_CONVERT_LDOUBLE:
      return Kind::LongDouble;
    case DICTLOADER_CONVERT_CHARP:
      return Kind::CharPtr;
    case DICTLOADER_CONVERT_STRING:
      return Kind::StdString;
    case DICTLOADER_CONVERT_CLASS_REF:
      return Kind::ClassRef;
    case DICTLOADER_CONVERT_CLASS_PTR:
      return Kind::ClassPtr;
    case DICTLOADER_CONVERT_CLASS_VALUE:
      return Kind::ClassValue;
    case DICTLOADER_CONVERT_VOIDP:
      return Kind::VoidPtr;
    case DICTLOADER_CONVERT_SMART_VALUE:
      return Kind::SmartValue;
    case DICTLOADER_CONVERT_SMART_REF:
      return Kind::SmartRef;
    default:
      return Kind::Unsupported;
  }
}

}  // namespace

cppyy_scope_t stringScope() {
  static cppyy_scope_t scope = cppyy_get_scope("std::string");
  return scope;
}

Converter converterFor(const std::string& written, bool isResult) {
  Converter c;
  c.typeName = written;
  dictloader_converter decided{};
  if (!dictloader_converter_for(written.c_str(), isResult ? 1 : 0, &decided)) return c;
  c.kind = kindOf(decided.kind);
  c.klass = decided.klass;
  c.constRefBuiltin = (decided.flags & DICTLOADER_CONVERT_CONST_REF) != 0;
  c.refResult = (decided.flags & DICTLOADER_CONVERT_REF_RESULT) != 0;
  c.takesSequence = (decided.flags & DICTLOADER_CONVERT_TAKES_SEQUENCE) != 0;
  return c;
}

}  // namespace cppyy_cpython
