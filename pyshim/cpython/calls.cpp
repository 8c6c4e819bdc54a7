// calls.cpp - overload sets: choosing a C++ function for a Python call,
// converting its arguments, calling it, converting its result.
//
// The hot path (one overload whose arguments convert) touches no name, no
// lock and no heap: arguments go into a stack buffer laid out as the C API's
// argument buffer, and the function is called in registers (x86-64 System V)
// where it can be, else through its stub.
//
// Called in registers, through shims compiled here for each count of
// integer-class and of floating arguments (Registers, shapeEntry):
//  - methods, static member functions and free functions that have an entry
//    (dictionary ABI 1.4, plain or checked) whose arguments are all integers
//    (bool, char, short, int, long, long long, signed or not, enums), float,
//    double or pointers (T*, T&, classes and std::string by value or
//    reference, const char*, void*; const T& of a builtin as its value), at
//    most 6 integer-class words (self and a checked entry's DlError* count)
//    and 8 floating; whose result is void, an integer, float, double or a
//    pointer ('p': T*, T& of a class, borrowed through fromPointer; const T&
//    and T& of a builtin or std::string, read through the address); and
//    that the call gives every argument (C++ default arguments take the stub).
//    A checked entry's C++ exception becomes cppyy.CppException with its
//    what(), as from the stub.
//  - else (no entry: DICTLOADER_FASTPATH=none hands out none, dictionaries
//    older than ABI 1.4) the fast-path address where the dictionary gives
//    one, for arguments and results of those kinds but classes by value,
//    std::string and const T&.
// Stubs: everything else, among them class and std::string results by value
// ('o', which need storage of their own), long double, and constructors that
// may throw (those that cannot are called in registers through their
// `new T(args...)`, construct()).
// A call that reached C++ is never repeated, whatever it threw.
#include <algorithm>
#include <array>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>

#include "dictloader/direct_calls.h"
#include "proxies.h"

namespace cppyy_cpython {

PyObject* nullptrObject = nullptr;
PyObject* sequenceToVector = nullptr;

namespace {

constexpr const char kOutOfRange[] = "integer out of range for this C++ type";
constexpr const char kUnsignedOutOfRange[] = "integer out of range for this unsigned C++ type";
constexpr const char kNotABool[] = "a bool (or 0 or 1) is required";

constexpr size_t kSlot = 32;  // checked against cppyy_function_arg_sizeof() at import

template <class T>
bool storeInteger(PyObject* arg, char* slot, const char*& why) {
  if (!PyLong_Check(arg)) {
    why = "an integer is required";
    return false;
  }
  if constexpr (std::numeric_limits<T>::is_signed) {
    int overflow = 0;
    long long value = PyLong_AsLongLongAndOverflow(arg, &overflow);
    if (overflow || value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max()) {
      why = kOutOfRange;
      return false;
    }
    *reinterpret_cast<long long*>(slot) = value;  // sign-extended: registers read it whole
    return true;
  } else {
    unsigned long long value = PyLong_AsUnsignedLongLong(arg);
    if ((value == static_cast<unsigned long long>(-1) && PyErr_Occurred()) ||
        value > std::numeric_limits<T>::max()) {
      PyErr_Clear();
      why = kUnsignedOutOfRange;
      return false;
    }
    *reinterpret_cast<unsigned long long*>(slot) = value;
    return true;
  }
}

// The instance a C++ exception of a class of its own carries (the package's
// _exceptions: the C++ object is in its _cpp_object), borrowed: the exception
// holds it. Null for anything else.
PyObject* carriedObject(PyObject* arg) {
  if (CppException == nullptr || !PyObject_TypeCheck(arg, reinterpret_cast<PyTypeObject*>(CppException)))
    return nullptr;
  PyObject* carried = PyObject_GetAttrString(arg, "_cpp_object");
  if (carried == nullptr) {
    PyErr_Clear();
    return nullptr;
  }
  Py_DECREF(carried);
  return isInstance(carried) ? carried : nullptr;
}

// The C++ object of an instance argument as klass (adjusted to the base), or
// false with why set.
bool objectAs(PyObject* arg, cppyy_scope_t klass, bool nullable, void*& out, const char*& why) {
  if (nullable && (arg == Py_None || arg == nullptrObject ||
                   (PyLong_CheckExact(arg) && PyLong_AsLong(arg) == 0))) {  // 0 is a null pointer, as in C++
    out = nullptr;
    return true;
  }
  if (!isInstance(arg)) {
    arg = carriedObject(arg);
    if (arg == nullptr) {
      why = "a C++ object of the parameter's class is required";
      return false;
    }
  }
  void* object = reinterpret_cast<Instance*>(arg)->object;
  cppyy_scope_t actual = scopeOf(Py_TYPE(arg));
  if (actual != klass) {
    if (actual == 0 || !cppyy_is_subtype(actual, klass)) {
      why = "an object of another class";
      return false;
    }
    if (object) object = static_cast<char*>(object) + cppyy_base_offset(actual, klass, object, 1);
  }
  if (object == nullptr && !nullable) {
    why = "a null or destroyed object cannot be passed by reference";
    return false;
  }
  out = object;
  return true;
}

}  // namespace

// The text of the last sequence that did not become a vector ("a list,
// cannot become std::vector<double>: item 1, 'x' (str), is not a float").
thread_local std::string sequenceFailure;

bool isSequenceFailure(const char* why) { return why == sequenceFailure.c_str(); }

namespace {

// A list or tuple given for a std::vector parameter: a temporary vector
// made by the package's Python side, released after the call.
bool sequenceToSlot(const Converter& c, PyObject* arg, char* slot, Temporaries& temps, const char*& why) {
  PyObject* vector = PyObject_CallFunction(sequenceToVector, "nO", static_cast<Py_ssize_t>(c.klass), arg);
  if (vector == nullptr || !isInstance(vector)) {
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    PyObject* text = value ? PyObject_Str(value) : nullptr;
    const char* utf8 = text ? PyUnicode_AsUTF8(text) : nullptr;
    sequenceFailure =
        std::string(PyList_Check(arg) ? "a list, " : "a tuple, ") + (utf8 ? utf8 : "cannot become a vector");
    PyErr_Clear();
    Py_XDECREF(text);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(traceback);
    Py_XDECREF(vector);
    why = sequenceFailure.c_str();
    return false;
  }
  temps.objects[temps.objectCount++] = vector;
  *reinterpret_cast<void**>(slot) = reinterpret_cast<Instance*>(vector)->object;
  return true;
}

}  // namespace

constexpr const char kOtherEnum[] = "a value of another C++ enum (C++ converts no enum to another)";
constexpr const char kScopedEnum[] =
    "a value of a scoped enum (C++ enum class) does not convert to this type: pass int(value)";
constexpr const char kNotAnEnum[] = "a value of the parameter's C++ enum, or an int, is required";

bool toSlot(const Converter& c, PyObject* arg, char* slot, Temporaries& temps, const char*& why) {
  std::memset(slot, 0, 16);
  if (!PyLong_CheckExact(arg)) {  // enum values: of this enum only, and a scoped one's to no integer
    bool scoped = false;
    if (cppyy_scope_t e = enumOfValue(arg, scoped); e != 0 && (c.enumScope ? e != c.enumScope : scoped)) {
      why = c.enumScope ? kOtherEnum : kScopedEnum;
      return false;
    }
    if (c.enumScope && !PyLong_Check(arg)) {
      why = kNotAnEnum;
      return false;
    }
  }
  switch (c.kind) {
    case Kind::Bool:
      if (arg == Py_True || arg == Py_False || (PyLong_Check(arg) && !PyBool_Check(arg))) {
        int truth = PyObject_IsTrue(arg);
        if (PyLong_Check(arg) && !PyBool_Check(arg)) {
          long v = PyLong_AsLong(arg);
          if (v != 0 && v != 1) {
            PyErr_Clear();
            why = kNotABool;
            return false;
          }
        }
        *reinterpret_cast<long*>(slot) = truth;
        return true;
      }
      why = "a bool is required";
      return false;
    case Kind::Char:
    case Kind::SChar:
    case Kind::UChar:
      if (PyBytes_Check(arg) && PyBytes_GET_SIZE(arg) == 1) {
        *reinterpret_cast<long*>(slot) = PyBytes_AS_STRING(arg)[0];
        return true;
      }
      if (PyUnicode_Check(arg) && PyUnicode_GetLength(arg) == 1) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(arg, 0);
        if (ch > 255) {
          why = "a character that fits in a C++ char is required";
          return false;
        }
        *reinterpret_cast<long*>(slot) = static_cast<char>(ch);
        return true;
      }
      return c.kind == Kind::UChar ? storeInteger<unsigned char>(arg, slot, why)
                                   : storeInteger<signed char>(arg, slot, why);
    case Kind::Short:
      return storeInteger<short>(arg, slot, why);
    case Kind::UShort:
      return storeInteger<unsigned short>(arg, slot, why);
    case Kind::Int:
      return storeInteger<int>(arg, slot, why);
    case Kind::UInt:
      return storeInteger<unsigned int>(arg, slot, why);
    case Kind::Long:
      return storeInteger<long>(arg, slot, why);
    case Kind::ULong:
      return storeInteger<unsigned long>(arg, slot, why);
    case Kind::LLong:
      return storeInteger<long long>(arg, slot, why);
    case Kind::ULLong:
      return storeInteger<unsigned long long>(arg, slot, why);
    case Kind::Float:
    case Kind::Double: {
      double value;
      if (PyFloat_CheckExact(arg)) {
        value = PyFloat_AS_DOUBLE(arg);
      } else if (PyFloat_Check(arg) || PyLong_Check(arg)) {
        value = PyFloat_AsDouble(arg);
        if (value == -1.0 && PyErr_Occurred()) {
          PyErr_Clear();
          why = "a number that fits in a C++ double is required";
          return false;
        }
      } else {
        why = "a float is required";
        return false;
      }
      if (c.kind == Kind::Float)
        *reinterpret_cast<float*>(slot) = static_cast<float>(value);
      else
        *reinterpret_cast<double*>(slot) = value;
      return true;
    }
    case Kind::LongDouble: {
      if (!PyFloat_Check(arg) && !PyLong_Check(arg)) {
        why = "a float is required";
        return false;
      }
      double value = PyFloat_AsDouble(arg);
      if (value == -1.0 && PyErr_Occurred()) {
        PyErr_Clear();
        why = "a number that fits in a C++ double is required";
        return false;
      }
      cppyy_double2longdouble(value, slot);
      return true;
    }
    case Kind::CharPtr:
      if (arg == Py_None || arg == nullptrObject) return true;
      if (PyUnicode_Check(arg)) {
        const char* text = PyUnicode_AsUTF8(arg);  // kept by the str, which outlives the call
        if (text == nullptr) {
          PyErr_Clear();
          why = "text that cannot be encoded as UTF-8";
          return false;
        }
        *reinterpret_cast<const char**>(slot) = text;
        return true;
      }
      if (PyBytes_Check(arg)) {
        *reinterpret_cast<const char**>(slot) = PyBytes_AS_STRING(arg);
        return true;
      }
      why = "a str is required";
      return false;
    case Kind::StdString:
      if (PyUnicode_Check(arg)) {
        Py_ssize_t size = 0;
        const char* text = PyUnicode_AsUTF8AndSize(arg, &size);
        if (text == nullptr) {
          PyErr_Clear();
          why = "text that cannot be encoded as UTF-8";
          return false;
        }
        void* temporary = cppyy_charp2stdstring(text, static_cast<size_t>(size));
        temps.strings[temps.count++] = temporary;
        *reinterpret_cast<void**>(slot) = temporary;
        return true;
      }
      if (isInstance(arg) && scopeOf(Py_TYPE(arg)) == stringScope()) {
        *reinterpret_cast<void**>(slot) = reinterpret_cast<Instance*>(arg)->object;
        return true;
      }
      why = "a str is required";
      return false;
    case Kind::ClassRef:
    case Kind::ClassValue:
      if (c.takesSequence && (PyList_Check(arg) || PyTuple_Check(arg)) && sequenceToVector != nullptr)
        return sequenceToSlot(c, arg, slot, temps, why);
      [[fallthrough]];
    case Kind::ClassPtr:
      return objectAs(arg, c.klass, c.kind == Kind::ClassPtr, *reinterpret_cast<void**>(slot), why);
    case Kind::VoidPtr:
      if (arg == Py_None || arg == nullptrObject) return true;
      if (isInstance(arg)) {
        *reinterpret_cast<void**>(slot) = reinterpret_cast<Instance*>(arg)->object;
        return true;
      }
      if (PyLong_Check(arg)) {
        *reinterpret_cast<void**>(slot) = PyLong_AsVoidPtr(arg);
        if (PyErr_Occurred()) {
          PyErr_Clear();
          why = "an address out of range";
          return false;
        }
        return true;
      }
      why = "a C++ object, an address or None is required";
      return false;
    case Kind::SmartValue:
    case Kind::SmartRef:
      return smartToSlot(c, arg, slot, temps, why);
    case Kind::Void:
      break;
    case Kind::Unsupported:
      why = c.unsupportedWhy.c_str();
      return false;
  }
  why = "no conversion for this C++ type";
  return false;
}

bool isValueError(const char* why) {
  return why == kOutOfRange || why == kUnsignedOutOfRange || why == kNotABool;
}

namespace {

// The integer kinds: an integer register holds the value, sign- or
// zero-extended to 64 bits by toSlot and loadRegisters.
bool isIntegerValue(Kind k) {
  switch (k) {
    case Kind::Bool:
    case Kind::Char:
    case Kind::SChar:
    case Kind::UChar:
    case Kind::Short:
    case Kind::UShort:
    case Kind::Int:
    case Kind::UInt:
    case Kind::Long:
    case Kind::ULong:
    case Kind::LLong:
    case Kind::ULLong:
      return true;
    default:
      return false;
  }
}

bool isIntegerClass(Kind k) {
  return isIntegerValue(k) || k == Kind::CharPtr || k == Kind::ClassRef || k == Kind::ClassPtr ||
         k == Kind::VoidPtr;
}

// Can the function be called through its fast-path address with its
// arguments in registers?
bool fastPathCallable(const Function& fn) {
#if defined(__x86_64__) && defined(__linux__)
  if (fn.callAddress == nullptr || fn.kind == FunctionKind::Constructor) return false;
  int ints = fn.kind == FunctionKind::Method ? 1 : 0, doubles = 0;
  for (const Converter& c : fn.args) {
    if (c.constRefBuiltin) return false;
    if (isIntegerClass(c.kind))
      ++ints;
    else if (c.kind == Kind::Double || c.kind == Kind::Float)
      ++doubles;
    else
      return false;
  }
  if (ints > 6 || doubles > 8) return false;
  const Converter& r = fn.result;
  if (r.constRefBuiltin) return false;
  return r.kind == Kind::Void || r.kind == Kind::Double || r.kind == Kind::Float || isIntegerClass(r.kind);
#else
  (void)fn;
  return false;
#endif
}

// The entry's signature letters (dictionary_abi.h) that pass in an integer register.
bool isIntegerLetter(char letter) { return letter != '\0' && std::strchr("?cbBhHiIlLqQ", letter) != nullptr; }

// Does an argument slot that toSlot fills for c hold what the entry takes
// for this letter? (Enums arrive as their promoted builtin, so any integer
// letter takes any integer kind: the register holds the whole value.)
bool entryTakesArgument(const Converter& c, char letter) {
  switch (c.kind) {
    case Kind::Float:
      return letter == 'f';
    case Kind::Double:
      return letter == 'd';
    case Kind::CharPtr:
    case Kind::VoidPtr:
    case Kind::ClassPtr:
    case Kind::ClassRef:
    case Kind::ClassValue:  // the slot holds the object's address; the entry copies it
    case Kind::StdString:   // the address of the str's temporary std::string, or of a proxy's
      return letter == 'p';
    default:
      return isIntegerValue(c.kind) && isIntegerLetter(letter);
  }
}

// Can callRegisters turn what the entry returns for this letter into r?
bool entryGivesResult(const Converter& r, char letter) {
  if (letter == 'p')  // an address: borrowed object, C string, or a reference read through it
    return r.constRefBuiltin ? r.kind != Kind::Void : isIntegerClass(r.kind) && !isIntegerValue(r.kind);
  if (r.constRefBuiltin) return false;
  if (letter == 'v') return r.kind == Kind::Void;
  if (letter == 'f') return r.kind == Kind::Float;
  if (letter == 'd') return r.kind == Kind::Double;
  return isIntegerLetter(letter) && isIntegerValue(r.kind);
}

// Takes the function's entry for its register calls if its signature is
// one of those listed at the top of this file.
bool takeEntry(Function& fn) {
#if defined(__x86_64__) && defined(__linux__)
  dictloader_entry entry;
  if (fn.kind == FunctionKind::Constructor || !dictloader_function_entry(fn.method, &entry) ||
      entry.kind == DL_ENTRY_NONE || entry.address == nullptr)
    return false;
  bool checked = entry.kind == DL_ENTRY_CHECKED;
  if (!checked && entry.kind != DL_ENTRY_PLAIN) return false;
  const char* signature = entry.signature;
  if (std::strlen(signature) != fn.args.size() + 1) return false;
  int ints = (fn.kind == FunctionKind::Method ? 1 : 0) + (checked ? 1 : 0), doubles = 0;
  for (size_t a = 0; a < fn.args.size(); ++a) {
    const Converter& c = fn.args[a];
    if (!entryTakesArgument(c, signature[a + 1])) return false;
    if (c.kind == Kind::Float || c.kind == Kind::Double)
      ++doubles;
    else
      ++ints;
  }
  if (ints > 6 || doubles > 8 || !entryGivesResult(fn.result, signature[0])) return false;
  fn.callAddress = entry.address;
  fn.checked = checked;
  return true;
#else
  (void)fn;
  return false;
#endif
}

// The System V ABI puts the integer-class arguments in six registers and the
// floating ones in eight, independently of their order: a function taking
// NI integer-class and ND floating arguments (in any order) is called as one
// taking the NI first and then the ND, through one of these instantiations.
struct Registers {
  long i[6];
  double d[8];
};

template <class R, size_t... I, size_t... J>
R callShape(void* f, const Registers& r, std::index_sequence<I...>, std::index_sequence<J...>) {
  using Fn = R (*)(decltype(I, 0L)..., decltype(J, 0.0)...);
  return reinterpret_cast<Fn>(f)(r.i[I]..., r.d[J]...);
}

template <class R, int NI, int ND>
R callShaped(void* f, const Registers& r) {
  return callShape<R>(f, r, std::make_index_sequence<NI>(), std::make_index_sequence<ND>());
}

// Up to 6 integer-class arguments (with `this` and a checked entry's
// DlError*: all the registers) and 4 floating ones are dispatched to an
// exact shape; more floating ones take all registers.
constexpr int kShapedInts = 7, kShapedDoubles = 5;

template <class R>
using ShapedCall = R (*)(void*, const Registers&);

template <class R, int... NI>
constexpr auto shapeRow(std::integer_sequence<int, NI...>, auto nd) {
  return std::array<ShapedCall<R>, sizeof...(NI)>{&callShaped<R, NI, decltype(nd)::value>...};
}

template <class R, int... ND>
constexpr auto shapeTable(std::integer_sequence<int, ND...>) {
  return std::array<std::array<ShapedCall<R>, kShapedInts>, sizeof...(ND)>{
      shapeRow<R>(std::make_integer_sequence<int, kShapedInts>(), std::integral_constant<int, ND>())...};
}

template <class R>
ShapedCall<R> shapeEntry(int ni, int nd) {
  static constexpr auto table = shapeTable<R>(std::make_integer_sequence<int, kShapedDoubles>());
  return ni < kShapedInts && nd < kShapedDoubles ? table[nd][ni] : &callShaped<R, 6, 8>;
}

template <class R>
R callInRegisters(void* f, const Registers& r, int ni, int nd) {
  return shapeEntry<R>(ni, nd)(f, r);
}

PyObject* fromInteger(Kind kind, long long v) {
  switch (kind) {
    case Kind::Bool:
      return PyBool_FromLong(static_cast<unsigned char>(v));
    case Kind::Char:  // one byte, as PyPy's _cppyy gives it
    case Kind::SChar:
    case Kind::UChar: {
      char c = static_cast<char>(v);
      return PyBytes_FromStringAndSize(&c, 1);
    }
    case Kind::Short:
      return PyLong_FromLong(static_cast<short>(v));
    case Kind::UShort:
      return PyLong_FromLong(static_cast<unsigned short>(v));
    case Kind::Int:
      return PyLong_FromLong(static_cast<int>(v));
    case Kind::UInt:
      return PyLong_FromUnsignedLong(static_cast<unsigned int>(v));
    case Kind::Long:
      return PyLong_FromLong(static_cast<long>(v));
    case Kind::LLong:
      return PyLong_FromLongLong(v);
    case Kind::ULong:
      return PyLong_FromUnsignedLong(static_cast<unsigned long>(v));
    case Kind::ULLong:
      return PyLong_FromUnsignedLongLong(static_cast<unsigned long long>(v));
    default:
      return nullptr;
  }
}

PyObject* fromPointer(const Converter& r, void* p, PyObject* owner) {
  switch (r.kind) {
    case Kind::CharPtr:
      if (p == nullptr) Py_RETURN_NONE;
      return PyUnicode_DecodeUTF8(static_cast<const char*>(p), std::strlen(static_cast<const char*>(p)),
                                  nullptr);
    case Kind::VoidPtr:
      if (p == nullptr) Py_RETURN_NONE;
      return PyLong_FromVoidPtr(p);
    case Kind::ClassRef:
    case Kind::ClassPtr: {
      // a borrowed object, of its dynamic class where a dictionary knows it
      cppyy_scope_t actual = p ? cppyy_actual_class(r.klass, p) : r.klass;
      if (actual != r.klass && p) p = static_cast<char*>(p) + cppyy_base_offset(actual, r.klass, p, -1);
      PyObject* cls = classFor(actual);
      if (cls == nullptr) return nullptr;
      PyObject* out = bindObject(cls, p, false, r.constObject);
      Py_DECREF(cls);
      if (out != nullptr && owner != nullptr && owner != out) setOwner(out, owner);
      return out;
    }
    default:
      return nullptr;
  }
}

}  // namespace

PyObject* borrowedObject(const Converter& c, void* object) {
  Converter pointer = c;
  pointer.kind = Kind::ClassPtr;
  return fromPointer(pointer, object, nullptr);
}

// Reads a `const T&` result of a builtin or std::string through its address.
PyObject* readValue(const Converter& r, void* p) {
  if (p == nullptr) {
    PyErr_SetString(PyExc_ReferenceError, "a C++ reference result is null");
    return nullptr;
  }
  switch (r.kind) {
    case Kind::Bool:
      return PyBool_FromLong(*static_cast<bool*>(p));
    case Kind::Char:
      return fromInteger(r.kind, *static_cast<char*>(p));
    case Kind::SChar:
      return fromInteger(r.kind, *static_cast<signed char*>(p));
    case Kind::UChar:
      return fromInteger(r.kind, *static_cast<unsigned char*>(p));
    case Kind::Short:
      return fromInteger(r.kind, *static_cast<short*>(p));
    case Kind::UShort:
      return fromInteger(r.kind, *static_cast<unsigned short*>(p));
    case Kind::Int:
      return fromInteger(r.kind, *static_cast<int*>(p));
    case Kind::UInt:
      return fromInteger(r.kind, *static_cast<unsigned int*>(p));
    case Kind::Long:
      return fromInteger(r.kind, *static_cast<long*>(p));
    case Kind::ULong:
      return PyLong_FromUnsignedLong(*static_cast<unsigned long*>(p));
    case Kind::LLong:
      return fromInteger(r.kind, *static_cast<long long*>(p));
    case Kind::ULLong:
      return PyLong_FromUnsignedLongLong(*static_cast<unsigned long long*>(p));
    case Kind::Float:
      return PyFloat_FromDouble(*static_cast<float*>(p));
    case Kind::Double:
      return PyFloat_FromDouble(*static_cast<double*>(p));
    case Kind::LongDouble:
      return PyFloat_FromDouble(cppyy_longdouble2double(p));
    case Kind::StdString: {
      size_t size = 0;
      const char* text = cppyy_stdstring2charp(p, &size);
      return PyUnicode_DecodeUTF8(text, static_cast<Py_ssize_t>(size), nullptr);
    }
    default:
      PyErr_SetString(PyExc_TypeError, "no conversion for this C++ result type");
      return nullptr;
  }
}

namespace {

// Raises a C++ exception that libdictloader copied as an object of its
// exception class (copy, of class type; dictionary ABI 1.7) as that class's
// Python exception (the package's _exceptions); false, with nothing raised,
// if there is no copy.
bool raiseTyped(void* copy, cppyy_scope_t type, const std::string& what) {
  if (copy == nullptr) return false;
  PyObject* cls = classFor(type);
  PyObject* proxy = cls ? bindObject(cls, copy, /*owned=*/true) : nullptr;
  Py_XDECREF(cls);
  if (proxy == nullptr) {
    cppyy_destruct(type, copy);
    return true;  // what failed is raised
  }
  if (exceptionFactory == nullptr) {
    Py_DECREF(proxy);
    return false;
  }
  PyObject* text = PyUnicode_DecodeUTF8(what.data(), static_cast<Py_ssize_t>(what.size()), "replace");
  PyObject* exception = text ? PyObject_CallFunctionObjArgs(exceptionFactory, proxy, text, nullptr) : nullptr;
  Py_XDECREF(text);
  Py_DECREF(proxy);
  if (exception != nullptr) {
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exception)), exception);
    Py_DECREF(exception);
  }
  return true;
}

PyObject* raiseCppException(char* args, int nargs) {
  auto* status = reinterpret_cast<unsigned long*>(args + nargs * kSlot);
  std::string message = take(reinterpret_cast<char*>(status[1]));
  status[0] = status[1] = 0;
  if (restoreOverrideException(nullptr, message.c_str())) return nullptr;  // a Python override raised it
  cppyy_scope_t type = 0;
  void* copy = dictloader_call_exception_object(&type);
  if (raiseTyped(copy, type, message)) return nullptr;
  PyErr_SetString(CppException, message.c_str());
  return nullptr;
}

bool failed(char* args, int nargs) { return reinterpret_cast<unsigned long*>(args + nargs * kSlot)[0] != 0; }

// Where checked entries store a C++ exception: one DlError per thread (the
// GIL is held around every call, but a thread of its own keeps it clear of
// any other), its kind DL_ERROR_NONE between calls (raiseEntryException
// releases it). The block is on the heap and only its address in TLS,
// initial-exec: the hot path reads it with one instruction, with no init
// guard, where a thread_local of a dlopen'ed module costs a call to
// __tls_get_addr per access (1.5 ns a call), and 1.3 KB is too much for
// initial-exec. The releaser (with a destructor, hence a guard) is touched
// only when a thread's block is made, as libdictloader's argument buffers do.
__attribute__((tls_model("initial-exec"))) thread_local DlError* threadEntryError;

struct EntryErrorReleaser {
  ~EntryErrorReleaser() {
    delete threadEntryError;
    threadEntryError = nullptr;
  }
};
thread_local EntryErrorReleaser entryErrorReleaser;

[[gnu::noinline]] DlError* newThreadEntryError() {
  threadEntryError = new DlError{};  // kind DL_ERROR_NONE
  (void)&entryErrorReleaser;         // frees it when the thread ends
  return threadEntryError;
}

// The DlError a call of fn passes, or null if fn is no checked entry.
inline DlError* entryErrorFor(const Function& fn) {
  if (!fn.checked) return nullptr;
  DlError* error = threadEntryError;
  return __builtin_expect(error != nullptr, 1) ? error : newThreadEntryError();
}

inline bool entryThrew(const DlError* error) {
  return error != nullptr && __builtin_expect(error->kind != DL_ERROR_NONE, 0);
}

// The stub path's exception for what a checked entry caught: of its class
// (raiseTyped), else CppException with its what() (or, if that is empty, the
// text the loader gives a stub's exception).
PyObject* raiseEntryException(const Function& fn, DlError* error) {
  if (restoreOverrideException(error, nullptr)) {  // a Python override raised it
    dictloader_error_release(error);
    return nullptr;
  }
  std::string message =
      error->what[0] ? error->what : "C++ exception in " + take(cppyy_method_name(fn.method));
  cppyy_scope_t type = 0;
  void* copy = dictloader_error_object(fn.method, error, &type);
  dictloader_error_release(error);
  if (raiseTyped(copy, type, message)) return nullptr;
  PyErr_SetString(CppException, message.c_str());
  return nullptr;
}

PyObject* callRegisters(const Function& fn, void* self, char* args, int nargs, PyObject* owner) {
  Registers regs;
  int ni = 0, nd = 0;
  if (fn.kind == FunctionKind::Method) regs.i[ni++] = reinterpret_cast<long>(self);
  for (int a = 0; a < nargs; ++a) {
    const char* slot = args + a * kSlot;
    Kind kind = fn.args[a].kind;
    if (kind == Kind::Double || kind == Kind::Float) {
      std::memcpy(&regs.d[nd++], slot,
                  sizeof(double));  // a float's bits are the low 32: what the callee reads
    } else {
      std::memcpy(&regs.i[ni++], slot, sizeof(long));
    }
  }
  // arguments C++ default-fills are not in the registers: those functions take the stubs
  DlError* error = entryErrorFor(fn);
  if (error) regs.i[ni++] = reinterpret_cast<long>(error);
  const Converter& r = fn.result;
  void* f = fn.callAddress;
  if (!r.constRefBuiltin && (r.kind == Kind::Double || r.kind == Kind::Float)) {
    double v = r.kind == Kind::Double ? callInRegisters<double>(f, regs, ni, nd)
                                      : callInRegisters<float>(f, regs, ni, nd);
    if (entryThrew(error)) return raiseEntryException(fn, error);
    return PyFloat_FromDouble(v);
  }
  long v = callInRegisters<long>(f, regs, ni, nd);
  if (entryThrew(error)) return raiseEntryException(fn, error);
  if (r.kind == Kind::Void) Py_RETURN_NONE;
  if (r.constRefBuiltin) return readValue(r, reinterpret_cast<void*>(v));  // an entry's const T& or T&
  if (isIntegerValue(r.kind)) return fromInteger(r.kind, v);
  return fromPointer(r, reinterpret_cast<void*>(v), owner);
}

PyObject* callStub(const Function& fn, void* self, char* args, int nargs, PyObject* owner) {
  const Converter& r = fn.result;
  cppyy_method_t m = fn.method;
  if (fn.kind == FunctionKind::Constructor) {
    void* made = cppyy_constructor(m, fn.scope, nargs, args);
    if (failed(args, nargs)) return raiseCppException(args, nargs);
    return PyLong_FromVoidPtr(made);  // the caller binds it
  }
  if (r.constRefBuiltin) {
    void* p = cppyy_call_r(m, self, nargs, args);
    if (failed(args, nargs)) return raiseCppException(args, nargs);
    return readValue(r, p);
  }
  switch (r.kind) {
    case Kind::Void:
      cppyy_call_v(m, self, nargs, args);
      if (failed(args, nargs)) return raiseCppException(args, nargs);
      Py_RETURN_NONE;
    case Kind::LongDouble: {
      double v = cppyy_call_nld(m, self, nargs, args);
      if (failed(args, nargs)) return raiseCppException(args, nargs);
      return PyFloat_FromDouble(v);
    }
    case Kind::Float:
    case Kind::Double: {
      double v =
          r.kind == Kind::Float ? cppyy_call_f(m, self, nargs, args) : cppyy_call_d(m, self, nargs, args);
      if (failed(args, nargs)) return raiseCppException(args, nargs);
      return PyFloat_FromDouble(v);
    }
    case Kind::StdString: {
      size_t size = 0;
      char* text = cppyy_call_s(m, self, nargs, args, &size);
      if (failed(args, nargs)) {
        cppyy_free(text);
        return raiseCppException(args, nargs);
      }
      PyObject* out = PyUnicode_DecodeUTF8(text, static_cast<Py_ssize_t>(size), nullptr);
      cppyy_free(text);
      return out;
    }
    case Kind::ClassValue: {
      void* made = cppyy_call_o(m, self, nargs, args, r.klass);
      if (failed(args, nargs)) return raiseCppException(args, nargs);
      PyObject* cls = classFor(r.klass);
      if (cls == nullptr) {
        cppyy_destruct(r.klass, made);
        return nullptr;
      }
      PyObject* out = newObject(cls, made, true);
      Py_DECREF(cls);
      return out;
    }
    case Kind::CharPtr:
    case Kind::VoidPtr:
    case Kind::ClassRef:
    case Kind::ClassPtr: {
      void* p = cppyy_call_r(m, self, nargs, args);
      if (failed(args, nargs)) return raiseCppException(args, nargs);
      return fromPointer(r, p, owner);
    }
    case Kind::SmartValue: {
      void* made = cppyy_call_o(m, self, nargs, args, r.klass);
      if (failed(args, nargs)) return raiseCppException(args, nargs);
      return smartFromHeap(r.klass, made);
    }
    case Kind::SmartRef: {
      void* p = cppyy_call_r(m, self, nargs, args);
      if (failed(args, nargs)) return raiseCppException(args, nargs);
      return smartFromReference(r.klass, p, owner);
    }
    case Kind::Unsupported:
      PyErr_Format(PyExc_TypeError, "%s: its result: %s", fn.prototype.c_str(), r.unsupportedWhy.c_str());
      return nullptr;
    default: {
      long long v = cppyy_call_ll(m, self, nargs, args);
      if (failed(args, nargs)) return raiseCppException(args, nargs);
      return fromInteger(r.kind, v);
    }
  }
}

// Converts the arguments of one candidate; false with why set if one does not fit.
bool convertAll(const Function& fn, PyObject* const* argv, int nargs, char* args, Temporaries& temps,
                std::string& why, bool& valueError, bool& sequence) {
  if (nargs < fn.requiredArgs || nargs > fn.numArgs) {
    why = nargs < fn.requiredArgs ? "takes at least " + std::to_string(fn.requiredArgs) + " arguments ("
                                  : "takes at most " + std::to_string(fn.numArgs) + " arguments (";
    why += std::to_string(nargs) + " given)";
    return false;
  }
  for (int a = 0; a < nargs; ++a) {
    const char* reason = nullptr;
    if (!toSlot(fn.args[a], argv[a], args + a * kSlot, temps, reason)) {
      sequence = isSequenceFailure(reason);
      if (sequence)
        why = "argument " + std::to_string(a + 1) + ", " + reason;
      else
        why = "argument " + std::to_string(a + 1) + " ('" + fn.args[a].typeName + "'): " + reason;
      valueError = isValueError(reason);
      return false;
    }
  }
  return true;
}

// The same test without building a message: the hot path.
bool convertAllQuietly(const Function& fn, PyObject* const* argv, int nargs, char* args, Temporaries& temps) {
  if (nargs < fn.requiredArgs || nargs > fn.numArgs) return false;
  for (int a = 0; a < nargs; ++a) {
    const char* reason = nullptr;
    if (!toSlot(fn.args[a], argv[a], args + a * kSlot, temps, reason)) return false;
  }
  return true;
}

PyObject* callChosen(const Function& fn, PyObject* selfObject, char* args, int nargs) {
  auto* status = reinterpret_cast<unsigned long*>(args + nargs * kSlot);
  status[0] = status[1] = 0;
  void* self = nullptr;
  if (fn.kind == FunctionKind::Method) {
    self = reinterpret_cast<Instance*>(selfObject)->object;
    if (self == nullptr) {
      PyErr_Format(PyExc_ReferenceError, "%s: the C++ object is null or was destroyed", fn.prototype.c_str());
      return nullptr;
    }
    // objects of the declaring class itself need no adjustment (remembered per type)
    PyTypeObject* type = Py_TYPE(selfObject);
    if (type != fn.unadjustedType) {
      cppyy_scope_t actual = scopeOf(type);
      if (actual == fn.scope || actual == 0)
        fn.unadjustedType = type;
      else
        self = static_cast<char*>(self) + cppyy_base_offset(actual, fn.scope, self, 1);
    }
  }
  // a pointer or reference result of a member function may point into the
  // object: its proxy keeps the object's alive (v.data(), v[0] of a temporary v)
  PyObject* owner = fn.kind == FunctionKind::Method ? selfObject : nullptr;
  PyObject* result = fn.registerCall && nargs == fn.numArgs ? callRegisters(fn, self, args, nargs, owner)
                                                            : callStub(fn, self, args, nargs, owner);
  return fn.result.enumScope && result ? asEnumValue(fn.result, result) : result;
}

// self: the instance for member functions (already checked to be one).
// The lane of the commonest calls: a single function whose arguments are
// ints and doubles and whose result is one too, called in registers straight
// from the Python values. False (nothing raised) when a value needs the
// general path (which then converts, or explains, it).
// Python ints and floats straight into the registers of fn's shape, after
// ni integer-class ones already there; false if a value is of another type
// or out of range.
bool loadRegisters(const Function& fn, PyObject* const* argv, int nargs, Registers& regs, int& ni) {
  int nd = 0;
  for (int a = 0; a < nargs; ++a) {
    PyObject* v = argv[a];
    if (fn.args[a].kind == Kind::Double) {
      if (!PyFloat_CheckExact(v)) return false;
      regs.d[nd++] = PyFloat_AS_DOUBLE(v);
    } else {
      if (!PyLong_CheckExact(v)) return false;
      int overflow = 0;
      long x = PyLong_AsLongAndOverflow(v, &overflow);
      if (overflow || (fn.args[a].kind == Kind::Int && (x < INT_MIN || x > INT_MAX))) return false;
      regs.i[ni++] = x;
    }
  }
  return true;
}

bool simpleLane(const Function& fn, PyObject* selfObject, PyObject* const* argv, int nargs,
                PyObject*& result) {
  if (nargs != fn.numArgs) return false;
  Registers regs;
  int ni = 0;
  if (fn.kind == FunctionKind::Method) {
    void* self = reinterpret_cast<Instance*>(selfObject)->object;
    if (self == nullptr || Py_TYPE(selfObject) != fn.unadjustedType) return false;
    regs.i[ni++] = reinterpret_cast<long>(self);
  }
  if (!loadRegisters(fn, argv, nargs, regs, ni)) return false;
  // from here on C++ is called: the general lane must not see this call again
  DlError* error = entryErrorFor(fn);
  if (error) regs.i[ni] = reinterpret_cast<long>(error);
  if (fn.result.kind == Kind::Double) {
    double v = reinterpret_cast<ShapedCall<double>>(fn.shapedCall)(fn.callAddress, regs);
    result = entryThrew(error) ? raiseEntryException(fn, error) : PyFloat_FromDouble(v);
    return true;
  }
  long v = reinterpret_cast<ShapedCall<long>>(fn.shapedCall)(fn.callAddress, regs);
  if (entryThrew(error))
    result = raiseEntryException(fn, error);
  else if (fn.result.kind == Kind::Void)
    result = Py_NewRef(Py_None);
  else
    result = PyLong_FromLong(fn.result.kind == Kind::Int ? static_cast<int>(v) : v);
  return true;
}

// Chooses the lane at makeOverload: the shape's entry, or null.
// Constructors: their `new T(args...)` (construct() takes only this lane).
void* simpleLaneShape(const Function& fn) {
#if defined(__x86_64__) && defined(__linux__)
  bool newInRegisters = fn.kind == FunctionKind::Constructor && fn.callAddress != nullptr;
#else
  bool newInRegisters = false;
#endif
  if (!fn.registerCall && !newInRegisters) return nullptr;
  if (fn.result.enumScope) return nullptr;  // a value of the enum's class: made by callChosen
  int ni = (fn.kind == FunctionKind::Method ? 1 : 0) + (fn.checked ? 1 : 0), nd = 0;
  for (const Converter& c : fn.args) {
    if (c.constRefBuiltin) return nullptr;
    if (c.kind == Kind::Double)
      ++nd;
    else if (c.kind == Kind::Int || c.kind == Kind::Long)
      ++ni;
    else
      return nullptr;
  }
  if (ni >= kShapedInts || nd >= kShapedDoubles || fn.result.constRefBuiltin) return nullptr;
  if (fn.kind == FunctionKind::Constructor) return reinterpret_cast<void*>(shapeEntry<long>(ni, nd));
  switch (fn.result.kind) {
    case Kind::Double:
      return reinterpret_cast<void*>(shapeEntry<double>(ni, nd));
    case Kind::Void:
    case Kind::Int:
    case Kind::Long:
      return reinterpret_cast<void*>(shapeEntry<long>(ni, nd));
    default:
      return nullptr;
  }
}

// The functions in the order C++ prefers them where enums decide: for a
// value of an enum, a parameter of exactly that enum before an integer one
// (a promotion); for a plain int, an integer parameter before an enum one
// (which C++ would not take at all). Otherwise as listed (declaration order):
// a plain int given where overloads differ only by enum type calls the first
// declared. (The same rule as the PyPy client's _enum_ranked.)
std::vector<const Function*> rankedByEnums(const std::vector<Function>& functions, PyObject* const* argv,
                                           int nargs) {
  std::vector<std::pair<int, const Function*>> ranked;
  ranked.reserve(functions.size());
  for (const Function& fn : functions) {
    int rank = 0;
    for (int a = 0; a < nargs && a < fn.numArgs; ++a) {
      cppyy_scope_t wanted = fn.args[a].enumScope;
      bool scoped = false;
      if (PyLong_CheckExact(argv[a]))
        rank += wanted ? 1 : 0;
      else if (cppyy_scope_t given = enumOfValue(argv[a], scoped))
        rank += given == wanted ? 0 : 1;
    }
    ranked.emplace_back(rank, &fn);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Function*> out;
  out.reserve(ranked.size());
  for (const auto& entry : ranked) out.push_back(entry.second);
  return out;
}

PyObject* callOverload(Overload* o, PyObject* selfObject, PyObject* const* argv, int nargs) {
  if (o->hasVirtual && selfObject != nullptr) {
    // Base.f(self) in a Python subclass's override: C++'s own f, not the override again
    PyObject* base = baseOverloadFor(selfObject, *o->name);
    if (base != nullptr && base != reinterpret_cast<PyObject*>(o))
      return callOverload(reinterpret_cast<Overload*>(base), selfObject, argv, nargs);
  }
  const std::vector<Function>& functions = *o->functions;
  if (functions.size() == 1 && functions.front().shapedCall) {
    PyObject* result;
    if (simpleLane(functions.front(), selfObject, argv, nargs, result)) return result;
  }
  if (nargs > kMaxArgs) {
    PyErr_Format(PyExc_TypeError, "%s: at most %d arguments are supported", o->name->c_str(), kMaxArgs);
    return nullptr;
  }
  alignas(16) char args[kMaxArgs * kSlot + 2 * sizeof(unsigned long)];
  bool constSelf = selfObject != nullptr && isInstance(selfObject) &&
                   (reinterpret_cast<Instance*>(selfObject)->flags & kConst);
  if (o->enumRanked) {
    for (const Function* fn : rankedByEnums(functions, argv, nargs)) {
      if (constSelf && fn->constTwin) continue;  // the const twin, later in the set, is the const object's
      Temporaries temps;
      if (convertAllQuietly(*fn, argv, nargs, args, temps)) return callChosen(*fn, selfObject, args, nargs);
    }
  } else {
    for (const Function& fn : functions) {
      if (constSelf && fn.constTwin) continue;
      Temporaries temps;
      if (convertAllQuietly(fn, argv, nargs, args, temps)) return callChosen(fn, selfObject, args, nargs);
    }
  }
  // no candidate takes these arguments: say why for each
  std::string reasons, sequenceReason;
  for (const Function& fn : *o->functions) {
    Temporaries temps;
    std::string why;
    bool valueError = false, sequence = false;
    convertAll(fn, argv, nargs, args, temps, why, valueError, sequence);
    if (sequence && sequenceReason.empty()) {  // "ns::f: argument 1, a list, cannot become ...: item 1, ..."
      std::string owner = take(cppyy_scoped_final_name(fn.scope));
      sequenceReason = (owner.empty() ? "" : owner + "::") + *o->name + ": " + why;
    }
    if (o->functions->size() == 1) {
      if (sequence)
        PyErr_SetString(PyExc_TypeError, sequenceReason.c_str());
      else
        PyErr_Format(valueError ? PyExc_ValueError : PyExc_TypeError, "%s: %s", fn.prototype.c_str(),
                     why.c_str());
      return nullptr;
    }
    reasons += "\n  " + fn.prototype + " =>\n    " + why;
  }
  PyErr_Format(PyExc_TypeError, "%s%snone of the %d overloads of %s takes these arguments:%s",
               sequenceReason.c_str(), sequenceReason.empty() ? "" : "\n",
               static_cast<int>(o->functions->size()), o->name->c_str(), reasons.c_str());
  return nullptr;
}

// An object a member function of scope may be called on: of its class or a
// class derived from it (an unbound call, Point.__add__(counted, p), or
// through an operator protocol, may give any object).
bool isInstanceFor(PyObject* self, cppyy_scope_t scope) {
  if (!isInstance(self)) return false;
  cppyy_scope_t actual = scopeOf(Py_TYPE(self));
  return actual == 0 || actual == scope || cppyy_is_subtype(actual, scope);
}

PyObject* methodVectorcall(PyObject* callable, PyObject* const* argv, size_t nargsf, PyObject* kwnames) {
  auto* o = reinterpret_cast<Overload*>(callable);
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (kwnames && PyTuple_GET_SIZE(kwnames) > 0) {
    PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", o->name->c_str());
    return nullptr;
  }
  if (o->isStatic) return callOverload(o, nullptr, argv, static_cast<int>(nargs));
  if (nargs < 1 ||
      (Py_TYPE(argv[0]) != o->instanceType && !isInstanceFor(argv[0], o->functions->front().scope))) {
    std::string owner = take(cppyy_scoped_final_name(o->functions->front().scope));
    std::string got = nargs < 1 ? "nothing" : std::string(Py_TYPE(argv[0])->tp_name) + " instance";
    PyErr_Format(PyExc_TypeError, "unbound method %s.%s() needs a %s instance as its first argument (got %s)",
                 owner.c_str(), o->name->c_str(), owner.c_str(), got.c_str());
    return nullptr;
  }
  o->instanceType = Py_TYPE(argv[0]);  // the next call skips the subtype walk
  const Function& first = o->functions->front();
  if (first.kind == FunctionKind::Constructor) {
    if (construct(callable, argv[0], argv + 1, nargs - 1) < 0) return nullptr;
    Py_RETURN_NONE;
  }
  return callOverload(o, argv[0], argv + 1, static_cast<int>(nargs - 1));
}

}  // namespace

int construct(PyObject* constructors, PyObject* self, PyObject* const* argv, Py_ssize_t nargs) {
  auto* instance = reinterpret_cast<Instance*>(self);
  if (instance->object) {
    PyErr_SetString(PyExc_TypeError, "the C++ object is already constructed");
    return -1;
  }
  // a Python subclass's object is a dispatcher object (Base.__init__(self) too)
  if (PyObject* dispatcher = dispatcherConstructorsFor(self, constructors))
    return construct(dispatcher, self, argv, nargs);
  auto* o = reinterpret_cast<Overload*>(constructors);
  bool dispatched = !o->functions->empty() && o->functions->front().dispatcher != nullptr;
  if (dispatched && !constructible(self)) return -1;
  if (nargs <= kMaxArgs) {
    alignas(16) char args[kMaxArgs * kSlot + 2 * sizeof(unsigned long)];
    int n = static_cast<int>(nargs);
    for (const Function& fn : *o->functions) {
      void* made;
      Registers regs;
      int ni = 0;
      if (fn.shapedCall && n == fn.numArgs && loadRegisters(fn, argv, n, regs, ni)) {
        // ints and doubles in registers to the dictionary's `new T(args...)`
        made =
            reinterpret_cast<void*>(reinterpret_cast<ShapedCall<long>>(fn.shapedCall)(fn.callAddress, regs));
        if (made == nullptr) {
          PyErr_Format(PyExc_MemoryError, "%s: out of memory for the new object", fn.prototype.c_str());
          return -1;
        }
      } else {
        Temporaries temps;
        if (!convertAllQuietly(fn, argv, n, args, temps)) continue;
        auto* status = reinterpret_cast<unsigned long*>(args + n * kSlot);
        status[0] = status[1] = 0;
        made = cppyy_constructor(fn.method, fn.scope, n, args);
        if (failed(args, n)) {
          raiseCppException(args, n);
          return -1;
        }
      }
      instance->object = made;
      instance->flags |= kOwned;
      remember(instance);
      if (dispatched) attachDispatcher(self, fn);
      return 0;
    }
  }
  Py_XDECREF(callOverload(o, self, argv, static_cast<int>(nargs)));  // no constructor takes them: says why
  return -1;
}

namespace {

PyObject* overloadGet(PyObject* self, PyObject* obj, PyObject*) {
  auto* o = reinterpret_cast<Overload*>(self);
  if (obj == nullptr || obj == Py_None || o->isStatic) {
    Py_INCREF(self);
    return self;
  }
  return PyMethod_New(self, obj);
}

void overloadDealloc(PyObject* self) {
  auto* o = reinterpret_cast<Overload*>(self);
  delete o->functions;
  delete o->name;
  Py_TYPE(self)->tp_free(self);
}

PyObject* overloadRepr(PyObject* self) {
  auto* o = reinterpret_cast<Overload*>(self);
  return PyUnicode_FromFormat("<C++ overload %s (%d)>", o->name->c_str(),
                              static_cast<int>(o->functions->size()));
}

PyObject* overloadDoc(PyObject* self, void*) {
  auto* o = reinterpret_cast<Overload*>(self);
  std::string doc;
  for (const Function& fn : *o->functions) doc += (doc.empty() ? "" : "\n") + fn.prototype;
  return PyUnicode_FromString(doc.c_str());
}

PyGetSetDef overloadGetSet[] = {{"__doc__", overloadDoc, nullptr, nullptr, nullptr}, {}};

// The loader lists a non-const method before its const twin (a non-const
// object calls it, as in C++); a const proxy is to call the twin instead.
void markConstTwins(std::vector<Function>& functions) {
  for (Function& fn : functions) {
    if (fn.kind != FunctionKind::Method || cppyy_is_const_method(fn.method)) continue;
    for (const Function& other : functions) {
      if (other.kind != FunctionKind::Method || !cppyy_is_const_method(other.method) ||
          other.numArgs != fn.numArgs)
        continue;
      bool same = true;
      for (int a = 0; a < fn.numArgs && same; ++a) same = fn.args[a].typeName == other.args[a].typeName;
      if (same) fn.constTwin = true;
    }
  }
}

// The order of an overload set: lower first, as PyPy's _cppyy orders them
// (an int argument tries int before double, and void* comes last). A smart
// pointer parameter comes first: an object a smart pointer holds also
// converts to T* (HepMC3's deprecated add_particle_in(GenParticle*) beside
// add_particle_in(GenParticlePtr)), and C++ must not get a second owner.
int priority(const Function& fn) {
  int p = 0;
  for (const Converter& c : fn.args) {
    if (c.kind == Kind::SmartValue || c.kind == Kind::SmartRef) p -= 1000;
    if (c.kind == Kind::Double) p += 10;
    if (c.kind == Kind::Float) p += 30;
    if (c.kind == Kind::VoidPtr) p += 100;
    if (c.kind == Kind::Bool) p += 1;
  }
  return p;
}

}  // namespace

PyTypeObject MethodOverloadType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "cppyy.CPPOverload",
};
PyTypeObject StaticOverloadType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "cppyy.CPPStaticOverload",
};

bool readyOverloadTypes() {
  for (PyTypeObject* t : {&MethodOverloadType, &StaticOverloadType}) {
    t->tp_basicsize = sizeof(Overload);
    t->tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL;
    t->tp_vectorcall_offset = offsetof(Overload, vectorcall);
    t->tp_call = PyVectorcall_Call;
    t->tp_descr_get = overloadGet;
    t->tp_dealloc = overloadDealloc;
    t->tp_repr = overloadRepr;
    t->tp_getset = overloadGetSet;
  }
  MethodOverloadType.tp_flags |= Py_TPFLAGS_METHOD_DESCRIPTOR;
  if (cppyy_function_arg_sizeof() != kSlot) {
    PyErr_Format(PyExc_ImportError,
                 "cppyy: libdictloader's argument slots are %zu bytes, this module expects %zu",
                 cppyy_function_arg_sizeof(), kSlot);
    return false;
  }
  return PyType_Ready(&MethodOverloadType) == 0 && PyType_Ready(&StaticOverloadType) == 0;
}

PyObject* makeOverload(cppyy_scope_t scope, const std::string& name, std::vector<cppyy_method_t> methods) {
  auto functions = std::make_unique<std::vector<Function>>();
  bool allStatic = true;
  for (cppyy_method_t m : methods) {
    Function fn;
    fn.method = m;
    fn.scope = scope;
    fn.kind = cppyy_is_constructor(m)    ? FunctionKind::Constructor
              : cppyy_is_staticmethod(m) ? FunctionKind::Static
                                         : FunctionKind::Method;
    if (fn.kind != FunctionKind::Static) allStatic = false;
    fn.numArgs = cppyy_method_num_args(m);
    fn.requiredArgs = cppyy_method_req_args(m);
    for (int a = 0; a < fn.numArgs; ++a)
      fn.args.push_back(converterFor(take(dictloader_method_arg_type(m, a)), 0));
    if (fn.kind != FunctionKind::Constructor)
      fn.result = converterFor(take(dictloader_method_result_type(m)), 1);
    // Constructors keep their `new T(args...)` (or the stub): their entries
    // construct into storage of the caller's, which proxies do not have.
    if (fn.kind == FunctionKind::Constructor) {
      fn.callAddress = dictloader_constructor_address(m);
    } else if (takeEntry(fn)) {
      fn.registerCall = true;
    } else {  // no entry, or one of a signature without a shim here
      fn.callAddress = cppyy_function_address(m);
      fn.registerCall = fastPathCallable(fn);
    }
    fn.shapedCall = simpleLaneShape(fn);
    fn.prototype = take(cppyy_method_prototype(scope, m, 1));
    fn.isVirtual = (dictloader_method_flags(m) & DL_FUNC_VIRTUAL) != 0;
    functions->push_back(std::move(fn));
  }
  if (functions->empty()) {
    PyErr_Format(PyExc_AttributeError, "no C++ function %s", name.c_str());
    return nullptr;
  }
  std::stable_sort(functions->begin(), functions->end(),
                   [](const Function& a, const Function& b) { return priority(a) < priority(b); });
  markConstTwins(*functions);
  PyTypeObject* type = allStatic ? &StaticOverloadType : &MethodOverloadType;
  auto* o = PyObject_New(Overload, type);
  if (o == nullptr) return nullptr;
  o->vectorcall = methodVectorcall;
  o->functions = functions.release();
  o->name = new std::string(name);
  o->isStatic = allStatic;
  o->instanceType = nullptr;
  o->enumRanked = false;
  o->hasVirtual = false;
  for (const Function& fn : *o->functions) o->hasVirtual = o->hasVirtual || fn.isVirtual;
  if (o->functions->size() > 1)
    for (const Function& fn : *o->functions)
      for (const Converter& c : fn.args) o->enumRanked = o->enumRanked || c.enumScope != 0;
  return reinterpret_cast<PyObject*>(o);
}

PyObject* assignResult(PyObject*, PyObject* args) {
  PyObject* overloadObject;
  PyObject* self;
  PyObject* callArgs;
  PyObject* value;
  if (!PyArg_ParseTuple(args, "OOO!O", &overloadObject, &self, &PyTuple_Type, &callArgs, &value))
    return nullptr;
  if (Py_TYPE(overloadObject) != &MethodOverloadType || !isInstance(self)) {
    PyErr_SetString(PyExc_TypeError, "assign_result() needs a C++ method overload and an instance");
    return nullptr;
  }
  auto* o = reinterpret_cast<Overload*>(overloadObject);
  int nargs = static_cast<int>(PyTuple_GET_SIZE(callArgs));
  if (nargs > kMaxArgs) return PyErr_Format(PyExc_TypeError, "too many arguments");
  alignas(16) char buffer[kMaxArgs * kSlot + 2 * sizeof(unsigned long)];
  for (const Function& fn : *o->functions) {
    if (!fn.result.refResult) continue;
    Temporaries temps;
    if (!convertAllQuietly(fn, &PyTuple_GET_ITEM(callArgs, 0), nargs, buffer, temps)) continue;
    auto* status = reinterpret_cast<unsigned long*>(buffer + nargs * kSlot);
    status[0] = status[1] = 0;
    void* object = reinterpret_cast<Instance*>(self)->object;
    if (object == nullptr)
      return PyErr_Format(PyExc_ReferenceError, "the C++ object is null or was destroyed");
    cppyy_scope_t actual = scopeOf(Py_TYPE(self));
    if (actual != fn.scope && actual != 0) {
      if (!cppyy_is_subtype(actual, fn.scope))  // Point.__setitem__(counted, 0, 1.0)
        return PyErr_Format(PyExc_TypeError, "%s needs a %s, not a %s", fn.prototype.c_str(),
                            take(cppyy_scoped_final_name(fn.scope)).c_str(), Py_TYPE(self)->tp_name);
      object = static_cast<char*>(object) + cppyy_base_offset(actual, fn.scope, object, 1);
    }
    void* address = cppyy_call_r(fn.method, object, nargs, buffer);
    if (failed(buffer, nargs)) return raiseCppException(buffer, nargs);
    if (address == nullptr)
      return PyErr_Format(PyExc_ReferenceError, "%s returned a null reference", fn.prototype.c_str());
    if (writeValue(fn.result, value, address, fn.prototype.c_str()) < 0) return nullptr;
    Py_RETURN_NONE;
  }
  return PyErr_Format(PyExc_TypeError, "%s: no overload returns a writable reference for these arguments",
                      o->name->c_str());
}

// --- methods as CPython method descriptors -------------------------------
// CPython 3.11 calls a method_descriptor with METH_FASTCALL straight from
// its specialized CALL instruction (no vectorcall object, no bound method);
// its C function gets only (self, args, nargs), so each overload set gets an
// entry function of its own from a pool of instantiations, each knowing its
// slot. When the pool is used up, methods stay overload objects.
namespace {

constexpr int kEntryPool = 4096;
using FastEntry = PyObject* (*)(PyObject*, PyObject* const*, Py_ssize_t);  // METH_FASTCALL
Overload* entrySlots[kEntryPool];
int entriesUsed = 0;

template <int K>
PyObject* entry(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  // the descriptor checked that self is an instance of the class
  return callOverload(entrySlots[K], self, args, static_cast<int>(nargs));
}

template <int... K>
constexpr std::array<FastEntry, sizeof...(K)> entryTable(std::integer_sequence<int, K...>) {
  return {&entry<K>...};
}

constexpr auto entries = entryTable(std::make_integer_sequence<int, kEntryPool>());

}  // namespace

PyObject* methodDescriptor(PyObject*, PyObject* args) {
  PyObject* cls;
  const char* name;
  PyObject* overloadObject;
  if (!PyArg_ParseTuple(args, "O!sO", &PyType_Type, &cls, &name, &overloadObject)) return nullptr;
  if (Py_TYPE(overloadObject) != &MethodOverloadType) {
    PyErr_SetString(PyExc_TypeError, "method_descriptor() needs a C++ member function overload");
    return nullptr;
  }
  auto* o = reinterpret_cast<Overload*>(overloadObject);
  if (entriesUsed == kEntryPool || o->functions->front().kind != FunctionKind::Method) {
    Py_INCREF(overloadObject);
    return overloadObject;
  }
  for (const Function& fn : *o->functions)
    if (fn.kind != FunctionKind::Method) {  // a static overload among them: keep the general object
      Py_INCREF(overloadObject);
      return overloadObject;
    }
  int k = entriesUsed++;
  Py_INCREF(overloadObject);
  entrySlots[k] = o;  // for the life of the process, as the class
  auto* def =
      new PyMethodDef{strdup(name), reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(entries[k])),
                      METH_FASTCALL, nullptr};
  std::string doc;
  for (const Function& fn : *o->functions) doc += (doc.empty() ? "" : "\n") + fn.prototype;
  def->ml_doc = strdup(doc.c_str());
  return PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(cls), def);
}

}  // namespace cppyy_cpython
