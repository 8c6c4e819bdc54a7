// dispatch.cpp - Python classes deriving from C++ classes, on CPython
// (dictionary ABI 1.8, native API 8; the part both clients share is
// pyshim/cppyy/_cross.py, the design dictloader/docs/cross-inheritance.md).
//
// A Python subclass's objects are dispatcher objects, each knowing its
// instance by a borrowed pointer: while Python owns the object the instance
// holds no reference to itself (it dies with its last reference, and first
// tells the object it has no Python self any more); while C++ owns it
// (__python_owns__ = False) the instance holds one, until the dispatcher's
// destructor tells the handler. The handler takes the GIL (C++ may call a
// virtual function from any thread, or from code that released it), calls
// the Python method and writes its result where the override copies it from.
// A Python exception is kept by a number (its token); libdictloader throws a
// C++ exception for it, and when that exception comes back through a call,
// the exception object itself is raised again.
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "dictloader/dictloader.h"
#include "dictloader/direct_calls.h"
#include "proxies.h"

namespace cppyy_cpython {

PyObject* derivedBasesHook = nullptr;
PyObject* finishClassHook = nullptr;

// One slot: how its arguments reach Python and its result C++.
struct SlotCall {
  std::string pythonName, text;
  std::vector<Converter> args;  // as results: C++ values to Python
  Converter result;             // what the override returns
  Converter resultArgument;     // converting the Python value (as an argument would be)
};

// A C++ class's dispatcher, for ever.
struct Dispatcher {
  cppyy_scope_t scope = 0;
  DlStubFn deleteObject = nullptr;
  void (*setSelf)(void*, void*, const unsigned char*) = nullptr;
  PyObject* initializer = nullptr;  // its constructors' overload
  PyObject* slots = nullptr;        // the _cross.Slot list
  std::unordered_map<cppyy_method_t, std::pair<std::string, std::string>> names;  // python name, text
  std::unordered_map<cppyy_method_t, std::unique_ptr<SlotCall>> calls;            // made on first call
  std::unordered_map<std::string, PyObject*> baseOverloads;                       // C++ name -> overload
};

struct ClassDispatch {
  Dispatcher* dispatcher;
  std::vector<unsigned char> overridden;
  std::string missing;  // the pure virtual functions it does not override
};

void deleteClassDispatch(ClassDispatch* dispatch) { delete dispatch; }

namespace {

PyObject* describeHook = nullptr;  // Python: exception -> "ValueError: text (file.py:12)"
std::unordered_map<cppyy_scope_t, Dispatcher*> dispatchers;

Dispatcher* dispatcherOf(PyObject* instance) {
  ClassDispatch* d = classDispatchOf(Py_TYPE(instance));
  return d ? d->dispatcher : nullptr;
}

// --- the Python exceptions overrides raised -------------------------------------------
// token -> (thread, exception), under the GIL. C++ may catch one and drop it;
// one claimed drops the older ones of its thread, and a thread keeps at most
// kKeptExceptions (a traceback keeps the frames of the calls that led to the
// override, and their objects).
struct KeptException {
  std::thread::id thread;
  PyObject* exception;
};
std::map<unsigned long long, KeptException> keptExceptions;
unsigned long long nextToken = 1;
constexpr int kKeptExceptions = 8;

void dropOlder(std::thread::id thread, unsigned long long token) {
  for (auto it = keptExceptions.begin(); it != keptExceptions.end() && it->first < token;) {
    if (it->second.thread == thread) {
      Py_DECREF(it->second.exception);
      it = keptExceptions.erase(it);
    } else {
      ++it;
    }
  }
}

unsigned long long keepException(PyObject* exception) {
  std::thread::id thread = std::this_thread::get_id();
  unsigned long long token = nextToken++;
  keptExceptions[token] = {thread, exception};
  int mine = 0;
  for (const auto& [t, kept] : keptExceptions) mine += kept.thread == thread;
  if (mine > kKeptExceptions) {
    for (auto it = keptExceptions.begin(); it != keptExceptions.end(); ++it)
      if (it->second.thread == thread) {
        Py_DECREF(it->second.exception);
        keptExceptions.erase(it);
        break;
      }
  }
  return token;
}

// What the last call's result points at, kept (per thread) until the next.
// Never destroyed: a thread's end (the main thread's after Python's) must
// not release Python objects without the GIL.
struct Kept {
  std::unique_ptr<Temporaries> temps;
  PyObject* value = nullptr;
};

Kept& kept() {
  thread_local Kept* forThread = new Kept;
  return *forThread;
}

void releaseKept() {
  kept().temps.reset();
  Py_CLEAR(kept().value);
}

// --- builtins by reference: reference objects ---------------------------------------------
struct Reference {
  PyObject_HEAD void* address;
  const Converter* converter;  // a SlotCall's, for ever
  bool writable;
};

PyObject* referenceGet(PyObject* self, void*) {
  auto* r = reinterpret_cast<Reference*>(self);
  PyObject* value = readValue(*r->converter, r->address);
  return value && r->converter->enumScope ? asEnumValue(*r->converter, value) : value;
}

int referenceSet(PyObject* self, PyObject* value, void*) {
  auto* r = reinterpret_cast<Reference*>(self);
  if (!r->writable || value == nullptr) {
    PyErr_Format(PyExc_TypeError, "a const reference (%s) cannot be assigned",
                 r->converter->typeName.c_str());
    return -1;
  }
  return writeValue(*r->converter, value, r->address, "reference");
}

PyObject* referenceRepr(PyObject* self) {
  PyObject* value = referenceGet(self, nullptr);
  if (value == nullptr) return nullptr;
  PyObject* out = PyUnicode_FromFormat(
      "<C++ reference %s to %R>", reinterpret_cast<Reference*>(self)->converter->typeName.c_str(), value);
  Py_DECREF(value);
  return out;
}

PyGetSetDef referenceGetSet[] = {{"value", referenceGet, referenceSet, "the referenced value", nullptr}, {}};

PyTypeObject ReferenceType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "cppyy.Reference",
};

// --- the handler ------------------------------------------------------------------------
SlotCall* slotCall(Dispatcher& d, cppyy_method_t slot) {
  auto found = d.calls.find(slot);
  if (found != d.calls.end()) return found->second.get();
  auto call = std::make_unique<SlotCall>();
  auto name = d.names.find(slot);
  if (name == d.names.end()) return nullptr;
  call->pythonName = name->second.first;
  call->text = name->second.second;
  for (int i = 0; i < cppyy_method_num_args(slot); ++i)
    call->args.push_back(converterFor(take(dictloader_method_arg_type(slot, i)), 1));
  std::string resultType = take(dictloader_method_result_type(slot));
  call->result = converterFor(resultType, 1);
  if (call->result.refResult && !resultType.empty() && resultType.back() == '&') resultType.pop_back();
  call->resultArgument = converterFor(resultType, 0);
  return (d.calls[slot] = std::move(call)).get();
}

// A C++ argument (at `at`, as a stub's args[i]) as a Python value; new reference.
PyObject* argumentValue(const SlotCall& call, const Converter& c, void* at) {
  switch (c.kind) {
    case Kind::ClassRef:
    case Kind::ClassValue:
    case Kind::ClassPtr: {
      void* object = *static_cast<void**>(at);
      if (object == nullptr) Py_RETURN_NONE;
      return borrowedObject(c, object);
    }
    case Kind::StdString:
      return readValue(c, *static_cast<void**>(at));
    case Kind::CharPtr: {
      const char* text = *static_cast<const char**>(at);
      if (text == nullptr) Py_RETURN_NONE;
      return PyUnicode_DecodeUTF8(text, static_cast<Py_ssize_t>(std::strlen(text)), "replace");
    }
    case Kind::VoidPtr: {
      void* p = *static_cast<void**>(at);
      if (p == nullptr) Py_RETURN_NONE;
      return PyLong_FromVoidPtr(p);
    }
    case Kind::Void:
    case Kind::Unsupported:
    case Kind::SmartValue:
    case Kind::SmartRef:
      PyErr_Format(PyExc_TypeError, "%s: a C++ %s cannot be passed to Python", call.text.c_str(),
                   c.typeName.c_str());
      return nullptr;
    default:
      break;
  }
  if (c.constRefBuiltin) {  // int&, const int&: a reference object, as cppyy gives it
    auto* r = PyObject_New(Reference, &ReferenceType);
    if (r == nullptr) return nullptr;
    r->address = at;
    r->converter = &c;
    r->writable = c.refResult;
    return reinterpret_cast<PyObject*>(r);
  }
  PyObject* value = readValue(c, at);
  return value && c.enumScope ? asEnumValue(c, value) : value;
}

size_t resultSize(Kind kind) {
  switch (kind) {
    case Kind::Bool:
    case Kind::Char:
    case Kind::SChar:
    case Kind::UChar:
      return 1;
    case Kind::Short:
    case Kind::UShort:
      return 2;
    case Kind::Int:
    case Kind::UInt:
    case Kind::Float:
      return 4;
    case Kind::LongDouble:
      return 16;
    default:
      return 8;  // long, long long, double, pointers
  }
}

bool storeResult(const SlotCall& call, PyObject* value, void* result) {
  const Converter& r = call.result;
  if (r.kind == Kind::Void) return true;
  alignas(16) char slot[32] = {};
  auto temps = std::make_unique<Temporaries>();
  const char* why = nullptr;
  if (call.resultArgument.kind == Kind::Unsupported ||
      !toSlot(call.resultArgument, value, slot, *temps, why)) {
    PyErr_Format(PyExc_TypeError, "%s returned %R (%s), which is no C++ %s: %s", call.text.c_str(), value,
                 Py_TYPE(value)->tp_name, r.typeName.c_str(), why ? why : "no conversion for this C++ type");
    return false;
  }
  std::memcpy(result, slot, resultSize(r.kind));
  kept().temps = std::move(temps);
  kept().value = Py_NewRef(value);
  return true;
}

// The failed call's exception, kept; its description in text.
void reportException(unsigned long long* token, char* text, size_t size) {
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  PyErr_NormalizeException(&type, &value, &traceback);
  if (traceback != nullptr) PyException_SetTraceback(value, traceback);
  std::string described = "an exception";
  if (PyObject* d = describeHook ? PyObject_CallOneArg(describeHook, value) : nullptr) {
    if (const char* utf8 = PyUnicode_AsUTF8(d)) described = utf8;
    Py_DECREF(d);
  }
  PyErr_Clear();
  Py_XDECREF(type);
  Py_XDECREF(traceback);
  *token = keepException(value);  // takes the reference
  std::snprintf(text, size, "%s", described.c_str());
}

int callOverride(PyObject* instance, cppyy_method_t slot, void* const* args, void* result,
                 unsigned long long* token, char* text, size_t size) {
  releaseKept();
  Dispatcher* d = dispatcherOf(instance);
  SlotCall* call = d ? slotCall(*d, slot) : nullptr;
  if (call == nullptr) {
    PyErr_SetString(PyExc_SystemError, "cppyy: a dispatcher object of an unknown class called Python");
    reportException(token, text, size);
    return 1;
  }
  PyObject* values = PyTuple_New(static_cast<Py_ssize_t>(call->args.size()));
  PyObject* value = nullptr;
  bool ok = values != nullptr;
  for (size_t i = 0; ok && i < call->args.size(); ++i) {
    PyObject* v = argumentValue(*call, call->args[i], args[i]);
    ok = v != nullptr;
    if (ok) PyTuple_SET_ITEM(values, static_cast<Py_ssize_t>(i), v);
  }
  if (ok) {
    PyObject* method = PyObject_GetAttrString(instance, call->pythonName.c_str());
    value = method ? PyObject_Call(method, values, nullptr) : nullptr;
    Py_XDECREF(method);
    ok = value != nullptr && storeResult(*call, value, result);
  }
  Py_XDECREF(values);
  Py_XDECREF(value);
  if (ok) return 0;
  reportException(token, text, size);
  return 1;
}

int overrideHandler(void* self, cppyy_method_t slot, void* const* args, void* result,
                    unsigned long long* token, char* text, size_t size) {
  PyGILState_STATE gil = PyGILState_Ensure();
  auto* instance = static_cast<PyObject*>(self);
  int status = 0;
  if (slot == 0) {
    forgetDestroyed(reinterpret_cast<Instance*>(instance));
  } else {
    Py_INCREF(instance);  // the Python method may drop its last other reference
    status = callOverride(instance, slot, args, result, token, text, size);
    Py_DECREF(instance);
  }
  PyGILState_Release(gil);
  return status;
}

// --- module functions (the _ext interface _cross.py uses) ---------------------------------
cppyy_scope_t scopeArgument(PyObject* arg) { return static_cast<cppyy_scope_t>(PyLong_AsSize_t(arg)); }

// (constructor handles, [(handle, name, arity, pure, text)]), or None.
PyObject* dispatcherInfo(PyObject*, PyObject* arg) {
  cppyy_scope_t scope = scopeArgument(arg);
  if (PyErr_Occurred()) return nullptr;
  struct dictloader_dispatcher out {};
  if (!dictloader_dispatcher(scope, &out)) Py_RETURN_NONE;
  PyObject* constructors = PyList_New(0);
  for (int i = 0; i < out.num_constructors; ++i) {
    PyObject* handle = PyLong_FromSsize_t(out.constructors[i]);
    PyList_Append(constructors, handle);
    Py_DECREF(handle);
  }
  std::string owner = take(cppyy_scoped_final_name(scope));
  PyObject* slots = PyList_New(0);
  for (int i = 0; i < out.num_slots; ++i) {
    cppyy_method_t m = out.slots[i];
    std::string name = take(cppyy_method_name(m));
    std::string text =
        owner + "::" + name + take(cppyy_method_signature(m, 0)) + (cppyy_is_const_method(m) ? " const" : "");
    PyObject* record =
        Py_BuildValue("(nsiNs)", static_cast<Py_ssize_t>(m), name.c_str(), cppyy_method_num_args(m),
                      PyBool_FromLong(dictloader_method_flags(m) & DL_FUNC_PURE), text.c_str());
    PyList_Append(slots, record);
    Py_DECREF(record);
  }
  auto& d = dispatchers[scope];
  if (d == nullptr) {
    d = new Dispatcher;
    d->scope = scope;
    d->deleteObject = out.delete_object;
    d->setSelf = out.set_self;
  }
  return Py_BuildValue("(NN)", constructors, slots);
}

// ({name: [handles]}, [data indices]) of a class's protected members.
PyObject* protectedMembers(PyObject*, PyObject* arg) {
  cppyy_scope_t scope = scopeArgument(arg);
  if (PyErr_Occurred()) return nullptr;
  PyObject* methods = PyDict_New();
  for (int i = 0; i < cppyy_num_methods(scope); ++i) {
    cppyy_method_t m = cppyy_get_method(scope, i);
    if (!cppyy_is_protected_method(m) || cppyy_is_constructor(m)) continue;
    std::string name = take(cppyy_method_name(m));
    PyObject* list = PyDict_GetItemString(methods, name.c_str());
    if (list == nullptr) {
      list = PyList_New(0);
      PyDict_SetItemString(methods, name.c_str(), list);
      Py_DECREF(list);
    }
    PyObject* handle = PyLong_FromSsize_t(m);
    PyList_Append(list, handle);
    Py_DECREF(handle);
  }
  PyObject* data = PyList_New(0);
  for (int i = 0; i < cppyy_num_datamembers(scope); ++i) {
    if (cppyy_is_publicdata(scope, i)) continue;
    PyObject* index = PyLong_FromLong(i);
    PyList_Append(data, index);
    Py_DECREF(index);
  }
  return Py_BuildValue("(NN)", methods, data);
}

// register_dispatcher(cls, scope, initializer, slots): cls is the dispatcher
// class of scope's proxy (made by _cross, its slots' overloads in its dict).
PyObject* registerDispatcher(PyObject*, PyObject* args) {
  PyObject *cls, *scopeObject, *initializer, *slots;
  if (!PyArg_ParseTuple(args, "O!OOO!", &ClassProxyType, &cls, &scopeObject, &initializer, &PyList_Type,
                        &slots))
    return nullptr;
  cppyy_scope_t scope = scopeArgument(scopeObject);
  auto found = dispatchers.find(scope);
  if (found == dispatchers.end() || Py_TYPE(initializer) != &MethodOverloadType) {
    PyErr_SetString(PyExc_TypeError, "register_dispatcher(): not a class with a dispatcher");
    return nullptr;
  }
  Dispatcher* d = found->second;
  Py_XSETREF(d->initializer, Py_NewRef(initializer));
  Py_XSETREF(d->slots, Py_NewRef(slots));
  for (Function& fn : *reinterpret_cast<Overload*>(initializer)->functions) fn.dispatcher = d;
  PyObject* dict = reinterpret_cast<PyTypeObject*>(cls)->tp_dict;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(slots); ++i) {
    PyObject* slot = PyList_GET_ITEM(slots, i);
    PyObject* handle = PyObject_GetAttrString(slot, "handle");
    PyObject* name = PyObject_GetAttrString(slot, "name");
    PyObject* python = PyObject_GetAttrString(slot, "python_name");
    PyObject* text = PyObject_GetAttrString(slot, "text");
    if (handle && name && python && text) {
      auto m = static_cast<cppyy_method_t>(PyLong_AsSsize_t(handle));
      d->names[m] = {PyUnicode_AsUTF8(python), PyUnicode_AsUTF8(text)};
      const char* cppName = PyUnicode_AsUTF8(name);
      PyObject* overloadObject = PyDict_GetItemString(dict, cppName);
      if (overloadObject != nullptr && !d->baseOverloads.count(cppName))
        d->baseOverloads[cppName] = Py_NewRef(overloadObject);
    }
    Py_XDECREF(handle);
    Py_XDECREF(name);
    Py_XDECREF(python);
    Py_XDECREF(text);
    if (PyErr_Occurred()) return nullptr;
  }
  auto* proxy = reinterpret_cast<ClassProxy*>(cls);
  proxy->scope = scope;
  proxy->deleteObject = d->deleteObject;
  Py_XSETREF(proxy->constructors, Py_NewRef(initializer));
  deleteClassDispatch(proxy->dispatch);
  proxy->dispatch = new ClassDispatch{d, std::vector<unsigned char>(PyList_GET_SIZE(slots), 0), ""};
  Py_RETURN_NONE;
}

PyObject* dispatcherSlots(PyObject*, PyObject* cls) {
  ClassDispatch* d = PyType_Check(cls) ? classDispatchOf(reinterpret_cast<PyTypeObject*>(cls)) : nullptr;
  if (d == nullptr || d->dispatcher->slots == nullptr) {
    PyErr_SetString(PyExc_TypeError, "dispatcher_slots(): not a class backed by a dispatcher");
    return nullptr;
  }
  return Py_NewRef(d->dispatcher->slots);
}

// set_overrides(cls, bytes, missing): what a Python class overrides.
PyObject* setOverrides(PyObject*, PyObject* args) {
  PyObject* cls;
  Py_buffer overridden;
  const char* missing;
  if (!PyArg_ParseTuple(args, "O!y*s", &ClassProxyType, &cls, &overridden, &missing)) return nullptr;
  PyTypeObject* type = reinterpret_cast<PyTypeObject*>(cls);
  ClassDispatch* inherited = nullptr;
  for (PyTypeObject* base = type->tp_base; base != nullptr && inherited == nullptr; base = base->tp_base)
    inherited = classDispatchOf(base);
  PyObject* mro = type->tp_mro;
  for (Py_ssize_t i = 1; inherited == nullptr && mro && i < PyTuple_GET_SIZE(mro); ++i)
    inherited = classDispatchOf(reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(mro, i)));
  if (inherited == nullptr) {
    PyBuffer_Release(&overridden);
    PyErr_SetString(PyExc_TypeError, "set_overrides(): not a class backed by a dispatcher");
    return nullptr;
  }
  auto* proxy = reinterpret_cast<ClassProxy*>(cls);
  auto* made = new ClassDispatch{inherited->dispatcher, {}, missing};
  const auto* bytes = static_cast<const unsigned char*>(overridden.buf);
  made->overridden.assign(bytes, bytes + overridden.len);
  if (made->overridden.empty()) made->overridden.push_back(0);
  PyBuffer_Release(&overridden);
  deleteClassDispatch(proxy->dispatch);
  proxy->dispatch = made;
  Py_RETURN_NONE;
}

// set_class_attribute(cls, name, value): into cls's own dict (classSetattro
// would write a static data member's value in C++ instead).
PyObject* setClassAttribute(PyObject*, PyObject* args) {
  PyObject *cls, *name, *value;
  if (!PyArg_ParseTuple(args, "O!UO", &ClassProxyType, &cls, &name, &value)) return nullptr;
  if (PyType_Type.tp_setattro(cls, name, value) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* setDerivationHooks(PyObject*, PyObject* args) {
  PyObject *bases, *finish, *describe;
  if (!PyArg_ParseTuple(args, "OOO", &bases, &finish, &describe)) return nullptr;
  Py_XSETREF(derivedBasesHook, Py_NewRef(bases));
  Py_XSETREF(finishClassHook, Py_NewRef(finish));
  Py_XSETREF(describeHook, Py_NewRef(describe));
  Py_RETURN_NONE;
}

}  // namespace

PyMethodDef dispatchMethods[] = {{"dispatcher", dispatcherInfo, METH_O, nullptr},
                                 {"protected_members", protectedMembers, METH_O, nullptr},
                                 {"register_dispatcher", registerDispatcher, METH_VARARGS, nullptr},
                                 {"dispatcher_slots", dispatcherSlots, METH_O, nullptr},
                                 {"set_overrides", setOverrides, METH_VARARGS, nullptr},
                                 {"set_derivation_hooks", setDerivationHooks, METH_VARARGS, nullptr},
                                 {"set_class_attribute", setClassAttribute, METH_VARARGS, nullptr},
                                 {}};

PyObject* dispatcherConstructorsFor(PyObject* self, PyObject* constructors) {
  ClassDispatch* d = classDispatchOf(Py_TYPE(self));
  if (d == nullptr || d->dispatcher->initializer == nullptr || constructors == d->dispatcher->initializer)
    return nullptr;
  auto* o = reinterpret_cast<Overload*>(constructors);
  if (!o->functions->empty() && o->functions->front().dispatcher != nullptr) return nullptr;
  return d->dispatcher->initializer;
}

bool constructible(PyObject* self) {
  ClassDispatch* d = classDispatchOf(Py_TYPE(self));
  if (d == nullptr || d->missing.empty()) return true;
  std::string cppName = take(cppyy_scoped_final_name(d->dispatcher->scope));
  PyErr_Format(PyExc_TypeError,
               "cannot make a %s: C++ class %s is abstract, and %s does not override its pure virtual "
               "function%s %s",
               Py_TYPE(self)->tp_name, cppName.c_str(), Py_TYPE(self)->tp_name,
               d->missing.find(',') != std::string::npos ? "s" : "", d->missing.c_str());
  return false;
}

void attachDispatcher(PyObject* self, const Function& constructor) {
  auto* instance = reinterpret_cast<Instance*>(self);
  ClassDispatch* d = classDispatchOf(Py_TYPE(self));
  if (d == nullptr || instance->object == nullptr) return;
  instance->flags |= kDispatched;
  constructor.dispatcher->setSelf(instance->object, self, d->overridden.data());
  rememberDispatched(instance);
}

void detachDispatcher(Instance* self) {
  if (!(self->flags & kDispatched) || self->object == nullptr) return;
  forgetDispatched(self);
  if (Dispatcher* d = dispatcherOf(reinterpret_cast<PyObject*>(self)))
    d->setSelf(self->object, nullptr, nullptr);
  self->flags &= ~kDispatched;
}

void setDispatchedOwns(Instance* self, bool owns) {
  if (!owns && (self->flags & kOwned)) {  // handed to C++: alive until C++ deletes it
    self->flags = (self->flags & ~kOwned) | kKeptByCpp;
    Py_INCREF(self);
  } else if (owns && (self->flags & kKeptByCpp)) {
    self->flags = (self->flags & ~kKeptByCpp) | kOwned;
    Py_DECREF(self);
  }
}

PyObject* baseOverloadFor(PyObject* self, const std::string& name) {
  if (!isInstance(self) || !(reinterpret_cast<Instance*>(self)->flags & kDispatched)) return nullptr;
  Dispatcher* d = dispatcherOf(self);
  if (d == nullptr) return nullptr;
  auto found = d->baseOverloads.find(name);
  return found == d->baseOverloads.end() ? nullptr : found->second;
}

bool restoreOverrideException(const DlError* error, const char* what) {
  unsigned long long token = dictloader_override_exception(error, what);
  if (token == 0) return false;
  auto found = keptExceptions.find(token);
  if (found == keptExceptions.end()) return false;
  PyObject* exception = found->second.exception;
  keptExceptions.erase(found);
  dropOlder(std::this_thread::get_id(), token);
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exception)), exception);
  Py_DECREF(exception);
  return true;
}

bool readyDispatch(PyObject*) {
  ReferenceType.tp_basicsize = sizeof(Reference);
  ReferenceType.tp_flags = Py_TPFLAGS_DEFAULT;
  ReferenceType.tp_getset = referenceGetSet;
  ReferenceType.tp_repr = referenceRepr;
  ReferenceType.tp_doc = "a C++ builtin passed to a Python override by reference (.value)";
  if (PyType_Ready(&ReferenceType) < 0) return false;
  if (dictloader_api_version() >= 8) dictloader_set_override_handler(&overrideHandler);
  // This module never calls an overload again after one threw: no retry
  // guard (PyPy's _cppyy needs it), and every fast path it may have.
  if (dictloader_api_version() >= 9) dictloader_set_retry_guard(0);
  return true;
}

}  // namespace cppyy_cpython
