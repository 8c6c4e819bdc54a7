// proxies.h - the CPython objects that stand for C++ ones: instances, the
// metaclass of class proxies, overloads and data members.
//
// Everything here is a client of libdictloader's cppyy C API only. The per-call
// path (an overload called with its arguments) resolves nothing by name and
// allocates nothing beyond the Python result: converters are chosen when a
// class is built, and the C++ function is called in registers through its
// entry (or fast-path address) where calls.cpp can, else through its stub.
#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string>
#include <vector>

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictionary_abi.h"

namespace cppyy_cpython {

// Takes ownership of a malloc'ed string from the C API.
inline std::string take(char* text) {
  std::string out = text ? text : "";
  cppyy_free(text);
  return out;
}

// --- instances ----------------------------------------------------------
enum InstanceFlags : unsigned {
  kOwned = 1u << 0,  // Python destroys the C++ object with the last reference
  // A const proxy (a `const T&` or `const T*` result, or const_view): its
  // calls prefer the const twin of a method; nothing is refused for it.
  kConst = 1u << 1,
  kSmart = 1u << 2,  // the object a smart pointer holds: owner is the smart pointer's instance
  // A dispatcher object (a Python subclass's, dispatch.cpp) that knows this
  // instance as its Python self; kKeptByCpp: C++ owns it, and the instance
  // holds a reference to itself until C++ deletes it.
  kDispatched = 1u << 3,
  kKeptByCpp = 1u << 4,
};

// A place in the list of instances not yet in the table of live objects
// (module.cpp, remember); both null when not in it.
struct PendingLink {
  PendingLink* next;
  PendingLink* prev;
};

struct Instance {
  PyObject_HEAD void* object;  // null once destroyed, or for nullptr results
  unsigned flags;
  PyObject* weakrefs;
  PyObject* owner;  // the instance whose C++ object this one points into, kept alive
  PendingLink pending;
};

// Keeps owner alive as long as instance (a borrowed result pointing into it).
// The generated classes' instances are allocated untracked (module.cpp,
// proxyAlloc): one joins the cycle collector when it holds something, an owner.
inline void setOwner(PyObject* instance, PyObject* owner) {
  Py_XSETREF(reinterpret_cast<Instance*>(instance)->owner, Py_NewRef(owner));
  if (PyType_IS_GC(Py_TYPE(instance)) && !PyObject_GC_IsTracked(instance)) PyObject_GC_Track(instance);
}

struct ClassDispatch;  // dispatch.cpp

// The metaclass of every class proxy: a type that knows its C++ class.
struct ClassProxy {
  PyHeapTypeObject type;
  cppyy_scope_t scope;     // 0 for a Python class that derives from no proxy
  PyObject* constructors;  // the C++ class's constructor overload set; null if it has none
  DlStubFn deleteObject;   // `delete (T*)object` (direct_calls.h); null if not destructible
  // std::vector of a builtin: its data() and size(), and the elements' format
  // for the buffer protocol (memoryview(v)); no buffer when bufferData is 0.
  cppyy_method_t bufferData;
  cppyy_method_t bufferSize;
  char bufferFormat[4];
  Py_ssize_t bufferItemSize;
  // A Python class deriving from a C++ class with a dispatcher (and the
  // dispatcher class itself): what it overrides; null otherwise.
  ClassDispatch* dispatch;
};

extern PyTypeObject InstanceType;
extern PyTypeObject ClassProxyType;

inline bool isInstance(PyObject* o) { return PyObject_TypeCheck(o, &InstanceType); }
inline cppyy_scope_t scopeOf(PyTypeObject* type) {
  return PyObject_TypeCheck(reinterpret_cast<PyObject*>(type), &ClassProxyType)
             ? reinterpret_cast<ClassProxy*>(type)->scope
             : 0;
}

// The Python class of a C++ class (built on first use through the package's
// Python side); a new reference, or null with an exception set.
PyObject* classFor(cppyy_scope_t scope);
// The instance of cls around object: the one that already stands for it
// (same address, same class) if there is one, else a new one.
// With isConst, the object's const proxy: one of its own beside the plain one.
PyObject* bindObject(PyObject* cls, void* object, bool owned, bool isConst = false);
// A new instance of cls around object, which no instance can stand for yet:
// just made (a result by value, a smart pointer copy), so not looked up.
PyObject* newObject(PyObject* cls, void* object, bool owned, bool isConst = false);

// --- conversions ------------------------------------------------------------
enum class Kind {
  Void,
  Bool,
  Char,
  SChar,
  UChar,
  Short,
  UShort,
  Int,
  UInt,
  Long,
  ULong,
  LLong,
  ULLong,
  Float,
  Double,
  LongDouble,
  CharPtr,     // const char* / char*
  StdString,   // std::string by value or const std::string&
  ClassRef,    // T&, const T& (argument: an instance; result: borrowed)
  ClassPtr,    // T* (argument: an instance or None; result: borrowed)
  ClassValue,  // T by value (argument: an instance; result: a new owned object)
  VoidPtr,
  SmartValue,  // std::shared_ptr<T>/unique_ptr<T> by value (klass: the smart pointer; smart.cpp)
  SmartRef,    // a reference to one
  Unsupported
};

struct Converter {
  Kind kind = Kind::Unsupported;
  bool constRefBuiltin = false;  // const int&: passed as the value (the loader takes its address)
  bool refResult = false;        // int&, double& results: read (and written) through the address
  bool takesSequence = false;    // const std::vector<T>& or std::vector<T>: a list or tuple also does
  bool constObject = false;      // const T&, const T* of a class: a result's proxy is const
  cppyy_scope_t klass = 0;       // for class kinds
  std::string typeName;          // as the dictionary spells it, for messages
  // An enum's converter is that of its integer kind, with the enum's scope
  // here: arguments take values of this enum (or plain ints), results and
  // data are values of its Python class (_scopes._enum_class_for).
  cppyy_scope_t enumScope = 0;
  bool scopedEnum = false;
  // Why an Unsupported type has no conversion (a class no loaded dictionary
  // describes is named, with what to do), for messages.
  std::string unsupportedWhy;
};

// isResult: 0 an argument, 1 a result, 2 data read and written in place
// (dictloader_converter_for; an enum then has its own width).
Converter converterFor(const std::string& typeName, int isResult);

// The enum a Python value is of (its class's _cpp_enum), 0 for anything
// else; scoped set for an `enum class`.
cppyy_scope_t enumOfValue(PyObject* value, bool& scoped);
// The value of enum converter c's enum for an integer result (new
// reference), or null with an exception set; consumes value.
PyObject* asEnumValue(const Converter& c, PyObject* value);

constexpr int kMaxArgs = 16;
cppyy_scope_t stringScope();

// What converting arguments made that must be released after the call.
struct Temporaries {
  void* strings[kMaxArgs];
  int count = 0;
  PyObject* objects[kMaxArgs];  // vectors made from Python sequences
  int objectCount = 0;
  void* smart[kMaxArgs];  // smart pointers converted for the call (heap objects)
  DlStubFn smartDelete[kMaxArgs];
  int smartCount = 0;
  Temporaries() = default;
  Temporaries(const Temporaries&) = delete;
  Temporaries& operator=(const Temporaries&) = delete;
  ~Temporaries() {
    for (int i = 0; i < count; ++i) cppyy_destruct(stringScope(), strings[i]);
    for (int i = 0; i < objectCount; ++i) Py_DECREF(objects[i]);
    char error[256];
    for (int i = 0; i < smartCount; ++i) smartDelete[i](smart[i], 0, nullptr, nullptr, error, sizeof error);
  }
};

// The package's Python side: (vector class handle, list or tuple) -> a new
// std::vector holding the items, or TypeError naming the item that does not fit.
extern PyObject* sequenceToVector;
// The package's Python side: enum scope handle -> the enum's class.
extern PyObject* enumClassFactory;

// Python value -> an argument slot (the C API's layout); false with why set
// (and no Python exception) if it does not convert.
bool toSlot(const Converter& c, PyObject* arg, char* slot, Temporaries& temps, const char*& why);
// The value of a builtin or std::string at address; new reference.
PyObject* readValue(const Converter& c, void* address);
// Writes value to a builtin or std::string at address; -1 with an exception set.
int writeValue(const Converter& c, PyObject* value, void* address, const char* what);
// Why toSlot refused a value that has the right type but not a C++ value (a
// bool of 2, an int too big for the parameter): those raise ValueError.
bool isValueError(const char* why);

// --- smart pointers (smart.cpp) -----------------------------------------------
// A smart pointer result: the instance of the object it holds (of its dynamic
// class), whose owner is the smart pointer's instance; new reference.
// From a new smart pointer object made by `new` (a stub's result, owned):
PyObject* smartFromHeap(cppyy_scope_t smartScope, void* made);
// From a reference to one (a shared_ptr is copied: the object stays alive
// without what holds the reference; a unique_ptr is borrowed from owner):
PyObject* smartFromReference(cppyy_scope_t smartScope, void* reference, PyObject* owner);
// An argument for a smart pointer parameter (converted into temps when it
// holds another smart pointer class); false with why set.
bool smartToSlot(const Converter& c, PyObject* arg, char* slot, Temporaries& temps, const char*& why);
// instance.__smartptr__() and make_smart(kind, cls, args) (std.make_shared).
PyObject* smartPointerOf(PyObject* self, PyObject*);
PyObject* makeSmart(PyObject* module, PyObject* args);

// cppyy.nullptr, which converts to a null pointer (set by the package).
extern PyObject* nullptrObject;

// --- overloads ----------------------------------------------------------
enum class FunctionKind { Method, Static, Constructor };

struct Dispatcher;  // dispatch.cpp

struct Function {
  cppyy_method_t method = 0;
  FunctionKind kind = FunctionKind::Method;
  cppyy_scope_t scope = 0;  // declaring class (for the `this` adjustment and constructors)
  int numArgs = 0;
  int requiredArgs = 0;
  std::vector<Converter> args;
  Converter result;
  // What is called with the arguments in registers (x86-64 System V; the
  // signatures are listed at the top of calls.cpp): the function's entry
  // (dictionary ABI 1.4), else its fast-path address `ret f(void* self,
  // args...)`; for a constructor its `new T(args...)`. Null: the stub.
  void* callAddress = nullptr;
  // callAddress is a checked entry: it takes a DlError* after the
  // integer-class arguments and stores a C++ exception there.
  bool checked = false;
  bool registerCall = false;
  // A non-const method whose overload set has a const twin (same argument
  // types): a const proxy skips it for the twin, which comes later.
  bool constTwin = false;
  // For ints and doubles only: the register call of exactly this shape
  // (calls.cpp, simpleLane), else null.
  void* shapedCall = nullptr;
  // A Python class whose objects are of the declaring class itself (no
  // `this` adjustment), remembered from the last call.
  mutable PyTypeObject* unadjustedType = nullptr;
  bool isVirtual = false;              // a Python subclass's object calls its class's own implementation
  Dispatcher* dispatcher = nullptr;    // a dispatcher's constructor
  std::string prototype;  // for error messages
};

struct Overload {
  PyObject_HEAD vectorcallfunc vectorcall;
  std::vector<Function>* functions;
  std::string* name;
  bool isStatic;
  PyTypeObject* instanceType;  // the last `self` type seen, known to be an instance type
  bool enumRanked;             // several functions, some with enum parameters: see rankedByEnums
  bool hasVirtual;             // a virtual function among them (dispatch.cpp, baseOverloadFor)
};

extern PyTypeObject MethodOverloadType;  // binds to instances (Py_TPFLAGS_METHOD_DESCRIPTOR)
extern PyTypeObject StaticOverloadType;  // free functions and static member functions

// An overload set for scope::name (all functions of that name), or a
// constructor set when name is the class's "__init__"; new reference.
PyObject* makeOverload(cppyy_scope_t scope, const std::string& name, std::vector<cppyy_method_t> methods);

// --- data members ---------------------------------------------------------
extern PyTypeObject DataMemberType;
// A descriptor for data member index of scope (static data and namespace
// variables read and write their absolute address); new reference.
PyObject* makeDataMember(cppyy_scope_t scope, int index);

// method_descriptor(cls, name, overload): the overload of cls's member
// functions as a CPython method descriptor (fast calls; see calls.cpp).
PyObject* methodDescriptor(PyObject* module, PyObject* args);

// Runs a constructor of constructors for self (a new, empty instance) with
// the given arguments; -1 with an exception set.
int construct(PyObject* constructors, PyObject* self, PyObject* const* argv, Py_ssize_t nargs);

// Records a constructed instance as the one that stands for its object.
void remember(Instance* self);
// assign_result(overload, obj, args, value): obj[args] = value through a
// function returning a non-const reference to a builtin (operator[]).
PyObject* assignResult(PyObject* module, PyObject* args);

// The exception raised for a C++ exception (cppyy.CppException).
extern PyObject* CppException;
// The package's Python side: (proxy, what) -> the exception of its class for a
// C++ exception copied as proxy's object (_exceptions.Exceptions.raised).
extern PyObject* exceptionFactory;

bool readyOverloadTypes();
bool readyDataMemberType();

// --- Python subclasses of C++ classes (dispatch.cpp) ---------------------------
// What a Python class deriving from a C++ class overrides, or null.
inline ClassDispatch* classDispatchOf(PyTypeObject* type) {
  return PyObject_TypeCheck(reinterpret_cast<PyObject*>(type), &ClassProxyType)
             ? reinterpret_cast<ClassProxy*>(type)->dispatch
             : nullptr;
}
void deleteClassDispatch(ClassDispatch* dispatch);
// The dispatcher's constructors to call instead of constructors for self
// (Base.__init__(self) in a Python subclass), or null.
PyObject* dispatcherConstructorsFor(PyObject* self, PyObject* constructors);
// Before a dispatcher's constructor makes self's object: false (TypeError
// naming them) if self's class leaves pure virtual functions unoverridden.
bool constructible(PyObject* self);
// After: the object knows self.
void attachDispatcher(PyObject* self, const Function& constructor);
// Before Python deletes a dispatcher object: it forgets its Python self.
void detachDispatcher(Instance* self);
// __python_owns__ of a dispatcher object's instance.
void setDispatchedOwns(Instance* self, bool owns);
// The overload that calls the C++ class's own implementation of a virtual
// function `name` for a Python subclass's object (new reference), or null.
PyObject* baseOverloadFor(PyObject* self, const std::string& name);
// After a call reported a C++ exception (a checked entry's DlError, or a
// stub's text): if a Python override raised it, that exception is set again
// and true returned.
bool restoreOverrideException(const DlError* error, const char* what);
// C++ deleted a dispatcher object (module.cpp): its instance lets go of it.
void forgetDestroyed(Instance* self);
// The instance of a dispatcher object, found by bindObject by its address (module.cpp).
void rememberDispatched(Instance* self);
void forgetDispatched(Instance* self);
bool readyDispatch(PyObject* module);
extern PyMethodDef dispatchMethods[];
// Python: (bases) -> bases, cls -> None (pyshim/cppyy/_cross.py).
extern PyObject* derivedBasesHook;
extern PyObject* finishClassHook;
// A borrowed pointer to an object of c's class as a proxy of its dynamic class.
PyObject* borrowedObject(const Converter& c, void* object);

}  // namespace cppyy_cpython
