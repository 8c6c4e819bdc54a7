// converters.cpp - what each C++ type name means for a call: how a Python
// value becomes an argument and how a result becomes a Python value. Decided
// once per function, when its overload set is made, by libdictloader
// (dictloader_converter_for), which decides it for every client alike.
#include <cstring>

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

// Why written has no conversion: a class that no loaded dictionary describes
// (a header the user did not give genreflex) is named.
static std::string noConversion(const std::string& written) {
  std::string bare = written;
  for (const char* qualifier : {"const ", "volatile "})
    for (size_t at; (at = bare.find(qualifier)) != std::string::npos;) bare.erase(at, std::strlen(qualifier));
  while (!bare.empty() && std::strchr("&*[]0123456789 ", bare.back()) != nullptr) bare.pop_back();
  while (!bare.empty() && bare.front() == ' ') bare.erase(0, 1);
  if (!bare.empty() && bare.find('(') == std::string::npos && !cppyy_is_builtin(bare.c_str()) &&
      cppyy_get_scope(bare.c_str()) == 0)
    return "no loaded dictionary describes " + bare +
           ": give genreflex the header that declares it too, or load a dictionary that describes it";
  return "no conversion for the C++ type " + written;
}

Converter converterFor(const std::string& written, int isResult) {
  Converter c;
  c.typeName = written;
  dictloader_converter decided{};
  if (!dictloader_converter_for(written.c_str(), isResult, &decided)) return c;
  c.kind = kindOf(decided.kind);
  c.klass = decided.klass;
  if (decided.kind == DICTLOADER_CONVERT_ENUM) {
    int valueKind = static_cast<int>(decided.flags >> 8);
    c.kind = valueKind >= DICTLOADER_CONVERT_BOOL && valueKind <= DICTLOADER_CONVERT_ULLONG
                 ? kindOf(valueKind)
                 : Kind::Unsupported;
    c.klass = 0;
    c.enumScope = decided.klass;
    c.scopedEnum = (decided.flags & DICTLOADER_CONVERT_SCOPED_ENUM) != 0;
  }
  c.constRefBuiltin = (decided.flags & DICTLOADER_CONVERT_CONST_REF) != 0;
  c.refResult = (decided.flags & DICTLOADER_CONVERT_REF_RESULT) != 0;
  c.takesSequence = (decided.flags & DICTLOADER_CONVERT_TAKES_SEQUENCE) != 0;
  c.constObject = (decided.flags & DICTLOADER_CONVERT_CONST_OBJECT) != 0;
  if (c.kind == Kind::Unsupported) c.unsupportedWhy = noConversion(written);
  return c;
}

PyObject* enumClassFactory = nullptr;  // Python: enum scope handle -> its class (set by the package)

cppyy_scope_t enumOfValue(PyObject* value, bool& scoped) {
  scoped = false;
  if (PyLong_CheckExact(value) || !PyLong_Check(value) || PyBool_Check(value)) return 0;
  PyObject* type = reinterpret_cast<PyObject*>(Py_TYPE(value));
  PyObject* scope = PyObject_GetAttrString(type, "_cpp_enum");
  if (scope == nullptr) {
    PyErr_Clear();
    return 0;
  }
  auto handle = static_cast<cppyy_scope_t>(PyLong_AsSize_t(scope));
  Py_DECREF(scope);
  if (PyErr_Occurred()) {
    PyErr_Clear();
    return 0;
  }
  PyObject* isScoped = PyObject_GetAttrString(type, "_cpp_scoped_enum");
  if (isScoped == nullptr)
    PyErr_Clear();
  else
    scoped = PyObject_IsTrue(isScoped) == 1;
  Py_XDECREF(isScoped);
  return handle;
}

PyObject* asEnumValue(const Converter& c, PyObject* value) {
  if (value == nullptr) return nullptr;
  if (PyBytes_Check(value) && PyBytes_GET_SIZE(value) == 1) {  // a one-byte enum read in place
    char byte = PyBytes_AS_STRING(value)[0];
    Py_SETREF(value, PyLong_FromLong(c.kind == Kind::UChar ? static_cast<unsigned char>(byte)
                                                           : static_cast<signed char>(byte)));
    if (value == nullptr) return nullptr;
  }
  if (enumClassFactory == nullptr) return value;
  PyObject* cls = PyObject_CallFunction(enumClassFactory, "n", static_cast<Py_ssize_t>(c.enumScope));
  if (cls == nullptr) {
    Py_DECREF(value);
    return nullptr;
  }
  PyObject* out = PyObject_CallOneArg(cls, value);
  Py_DECREF(cls);
  Py_DECREF(value);
  return out;
}

}  // namespace cppyy_cpython
