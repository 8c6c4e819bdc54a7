// module.cpp - cppyy._cppyy_cpython: instances, the class-proxy metaclass
// and the reflection queries the package's Python side builds classes and
// namespaces from. A client of libdictloader's C API only.
#include <tsl/robin_map.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <unordered_map>

#include "dictloader/dictloader.h"
#include "dictloader/direct_calls.h"
#include "proxies.h"

namespace cppyy_cpython {

PyObject* CppException = nullptr;
PyObject* exceptionFactory = nullptr;

namespace {

PyObject* DictionaryError = nullptr;
PyObject* classFactory = nullptr;                      // Python: scope handle -> class
tsl::robin_map<cppyy_scope_t, PyObject*> classes;  // strong references, for ever (looked up per result)

// The instance that stands for each C++ object (by address and Python class),
// so that a pointer result or bind_object of a known object gives the same
// proxy back. Borrowed: an instance leaves the table when it dies.
struct ObjectKey {
  void* object;
  PyTypeObject* type;
  bool isConst;  // a const proxy stands beside the plain one
  bool operator==(const ObjectKey&) const = default;
};
ObjectKey keyOf(Instance* self) { return {self->object, Py_TYPE(self), (self->flags & kConst) != 0}; }
struct ObjectKeyHash {
  size_t operator()(const ObjectKey& k) const {
    // addresses are aligned and clustered: mix them (the 64-bit finalizer of MurmurHash3)
    auto x = reinterpret_cast<std::uintptr_t>(k.object) ^ (reinterpret_cast<std::uintptr_t>(k.type) << 1) ^
             static_cast<std::uintptr_t>(k.isConst);
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }
};
tsl::robin_map<ObjectKey, Instance*, ObjectKeyHash> liveInstances;  // open addressing: no node per object
// The instances of Python subclasses by their dispatcher object's address: a
// pointer C++ hands back as a base class gives the Python object (borrowed).
std::unordered_map<void*, Instance*> dispatchedInstances;

// Instances remembered since the last lookup, oldest first: most objects
// (temporaries, objects made and dropped) die before anything looks one up,
// and then cost two links instead of a hash insert and erase. A lookup first
// moves them into the table (settle).
PendingLink pendingInstances = {&pendingInstances, &pendingInstances};

void unlinkPending(PendingLink& link) {
  link.prev->next = link.next;
  link.next->prev = link.prev;
  link.next = link.prev = nullptr;
}

void settle() {
  while (pendingInstances.next != &pendingInstances) {
    PendingLink* link = pendingInstances.next;
    unlinkPending(*link);
    auto* self = reinterpret_cast<Instance*>(reinterpret_cast<char*>(link) - offsetof(Instance, pending));
    liveInstances[keyOf(self)] = self;  // the later of two for one object wins
  }
}

void forget(Instance* self) {
  if (self->pending.next != nullptr) {
    unlinkPending(self->pending);
    return;
  }
  if (self->object == nullptr) return;
  auto it = liveInstances.find(keyOf(self));
  if (it != liveInstances.end() && it->second == self) liveInstances.erase(it);
}

// --- instances ------------------------------------------------------------
PyObject* instanceNew(PyTypeObject* type, PyObject*, PyObject*) {
  auto* self = reinterpret_cast<Instance*>(type->tp_alloc(type, 0));
  if (self == nullptr) return nullptr;
  self->object = nullptr;
  self->flags = 0;
  self->weakrefs = nullptr;
  self->owner = nullptr;
  self->pending = {};
  return reinterpret_cast<PyObject*>(self);
}

void destroyObject(Instance* self) {
  forget(self);
  if (self->flags & kKeptByCpp) {  // __destruct__ of what C++ owns: it lets go of the object and of itself
    detachDispatcher(self);
    self->object = nullptr;
    self->flags &= ~kKeptByCpp;
    Py_DECREF(self);  // (its caller holds another reference)
    return;
  }
  detachDispatcher(self);  // deleted by Python: the dispatcher object has no one to tell
  if (self->object && (self->flags & kOwned) && scopeOf(Py_TYPE(self))) {
    DlStubFn deleteObject = reinterpret_cast<ClassProxy*>(Py_TYPE(self))->deleteObject;
    char error[512];
    if (deleteObject == nullptr)  // not public: the loader says so in its last error
      cppyy_destruct(scopeOf(Py_TYPE(self)), self->object);
    else if (deleteObject(self->object, 0, nullptr, nullptr, error, sizeof error) != 0)
      std::fprintf(stderr, "cppyy: exception in the destructor of %s: %s\n", Py_TYPE(self)->tp_name, error);
  }
  self->object = nullptr;
  self->flags &= ~kOwned;
}

void instanceDealloc(PyObject* obj) {
  auto* self = reinterpret_cast<Instance*>(obj);
  if (self->weakrefs) PyObject_ClearWeakRefs(obj);
  destroyObject(self);
  Py_CLEAR(self->owner);
  Py_TYPE(obj)->tp_free(obj);
}

// The generated proxy classes' tp_dealloc, in place of CPython's generic one
// for heap types (subtype_dealloc walks for finalizers, slots and a dict these
// classes do not have). A Python subclass keeps subtype_dealloc, which ends
// here with the object tracked again. Heap types: the instance holds its type.
void proxyDealloc(PyObject* obj) {
  PyTypeObject* type = Py_TYPE(obj);
  PyObject_GC_UnTrack(obj);
  if (reinterpret_cast<Instance*>(obj)->owner == nullptr) {  // releases nothing that could recurse
    instanceDealloc(obj);
    Py_DECREF(type);
    return;
  }
  // long owner chains (node = node.next) are freed iteratively
  // clang-format off
  Py_TRASHCAN_BEGIN(obj, proxyDealloc)
    instanceDealloc(obj);
    Py_DECREF(type);
  Py_TRASHCAN_END
  // clang-format on
}

// The generated proxy classes' tp_alloc: zeroed, and not tracked by the cycle
// collector (PyType_GenericAlloc tracks) until it holds a reference that can
// close a cycle, its owner (setOwner). Its class lives for ever, so the one
// other reference an instance holds cannot.
PyObject* proxyAlloc(PyTypeObject* type, Py_ssize_t) {
  Instance* self = PyObject_GC_New(Instance, type);
  if (self == nullptr) return nullptr;
  std::memset(reinterpret_cast<char*>(self) + sizeof(PyObject), 0, sizeof(Instance) - sizeof(PyObject));
  return reinterpret_cast<PyObject*>(self);
}

// The owner reference, for the cycle collector (every proxy class is a heap
// type and so a GC type; its subtype_traverse ends here). Clearing it breaks
// a cycle: the borrowed object dies with its owner, so its proxy lets go of it.
int instanceTraverse(PyObject* obj, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<Instance*>(obj)->owner);
  return 0;
}

int instanceClear(PyObject* obj) {
  auto* self = reinterpret_cast<Instance*>(obj);
  if (self->owner == nullptr) return 0;
  if (!(self->flags & kOwned)) {
    forget(self);
    self->object = nullptr;
  }
  Py_CLEAR(self->owner);
  return 0;
}

PyObject* instanceRepr(PyObject* obj) {
  auto* self = reinterpret_cast<Instance*>(obj);
  cppyy_scope_t scope = scopeOf(Py_TYPE(obj));
  std::string name = scope ? take(cppyy_scoped_final_name(scope)) : Py_TYPE(obj)->tp_name;
  if (scope && PyDict_GetItemString(Py_TYPE(obj)->tp_dict, "__cpp_name__") == nullptr)  // a Python subclass
    return PyUnicode_FromFormat("<%s object (C++ %s) at %p held at %p>", Py_TYPE(obj)->tp_name, name.c_str(),
                                obj, self->object);
  return PyUnicode_FromFormat("<cppyy.gbl.%s object at %p held at %p>", name.c_str(), obj, self->object);
}

int instanceBool(PyObject* obj) { return reinterpret_cast<Instance*>(obj)->object != nullptr; }

}  // namespace

void rememberDispatched(Instance* self) { dispatchedInstances[self->object] = self; }

void forgetDispatched(Instance* self) {
  auto it = dispatchedInstances.find(self->object);
  if (it != dispatchedInstances.end() && it->second == self) dispatchedInstances.erase(it);
}

void forgetDestroyed(Instance* self) {
  forgetDispatched(self);
  forget(self);
  self->object = nullptr;
  bool kept = (self->flags & kKeptByCpp) != 0;
  self->flags &= ~(kOwned | kDispatched | kKeptByCpp);
  if (kept) Py_DECREF(self);  // its last reference, perhaps
}

namespace {

PyObject* getOwns(PyObject* obj, void*) {
  return PyBool_FromLong(reinterpret_cast<Instance*>(obj)->flags & kOwned);
}

int setOwns(PyObject* obj, PyObject* value, void*) {
  int truth = value ? PyObject_IsTrue(value) : 0;
  if (truth < 0) return -1;
  auto* self = reinterpret_cast<Instance*>(obj);
  if (self->flags & kDispatched) {
    setDispatchedOwns(self, truth != 0);
    return 0;
  }
  self->flags = truth ? (self->flags | kOwned) : (self->flags & ~kOwned);
  return 0;
}

PyObject* destruct(PyObject* obj, PyObject*) {
  // (also forgets the object: a new object may reuse its address)
  destroyObject(reinterpret_cast<Instance*>(obj));
  Py_RETURN_NONE;
}

PyGetSetDef instanceGetSet[] = {{"__python_owns__", getOwns, setOwns,
                                 "True if Python destroys the C++ object with its last reference", nullptr},
                                {}};
PyMethodDef instanceMethods[] = {
    {"__destruct__", destruct, METH_NOARGS,
     "destroys the C++ object now (if Python owns it); later calls raise ReferenceError"},
    {"__smartptr__", smartPointerOf, METH_NOARGS,
     "the smart pointer (std::shared_ptr, std::unique_ptr) that holds this object, None if none does"},
    {}};
PyNumberMethods instanceNumber = {};

// --- the metaclass ------------------------------------------------------------
// A Python class deriving from a proxy stands for the same C++ class.
PyObject* classLookup = nullptr;  // Python: (class, name) -> a nested class, enum, ... (first use)

int instanceInit(PyObject* self, PyObject* args, PyObject* kwds);

// `MyClass(args)`: CPython calls a class through its tp_vectorcall when it
// has one (as it does list or dict): the instance is made and constructed
// here, with no argument tuple and no __init__ lookup. A Python subclass
// with its own __new__ or __init__ takes the general path.
PyObject* classVectorcall(PyObject* callable, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  auto* type = reinterpret_cast<PyTypeObject*>(callable);
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (type->tp_init != instanceInit || type->tp_new != InstanceType.tp_new || kwnames != nullptr) {
    PyObject* tuple = PyTuple_New(nargs);
    if (tuple == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < nargs; ++i) PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
    PyObject* kwargs = nullptr;
    if (kwnames != nullptr) {
      kwargs = PyDict_New();
      for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); ++i)
        PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]);
    }
    PyObject* out = PyType_Type.tp_call(callable, tuple, kwargs);
    Py_DECREF(tuple);
    Py_XDECREF(kwargs);
    return out;
  }
  PyObject* constructors = reinterpret_cast<ClassProxy*>(type)->constructors;
  if (constructors == nullptr) {
    PyErr_Format(PyExc_TypeError,
                 "C++ class %s cannot be made from Python: it is abstract or has no public constructor",
                 type->tp_name);
    return nullptr;
  }
  PyObject* self = type->tp_alloc(type, 0);  // zeroed: no object, no flags
  if (self == nullptr) return nullptr;
  if (construct(constructors, self, args, nargs) < 0) {
    Py_DECREF(self);
    return nullptr;
  }
  return self;
}

// A Python class deriving from a proxy stands for the same C++ class.
PyObject* classProxyNew(PyTypeObject* meta, PyObject* args, PyObject* kwds) {
  // a C++ class with a dispatcher: a Python class derives from its dispatcher class (_cross.py)
  PyObject* namespaceDict =
      PyTuple_Check(args) && PyTuple_GET_SIZE(args) == 3 ? PyTuple_GET_ITEM(args, 2) : nullptr;
  bool derived = namespaceDict != nullptr && PyDict_Check(namespaceDict) &&
                 PyDict_GetItemString(namespaceDict, "__cpp_name__") == nullptr;
  PyObject* madeArgs = Py_NewRef(args);
  if (derived && derivedBasesHook != nullptr) {
    PyObject* bases = PyObject_CallOneArg(derivedBasesHook, PyTuple_GET_ITEM(args, 1));
    if (bases == nullptr) {
      Py_DECREF(madeArgs);
      return nullptr;
    }
    Py_SETREF(madeArgs, PyTuple_Pack(3, PyTuple_GET_ITEM(args, 0), bases, namespaceDict));
    Py_DECREF(bases);
    if (madeArgs == nullptr) return nullptr;
  }
  PyObject* made = PyType_Type.tp_new(meta, madeArgs, kwds);
  Py_DECREF(madeArgs);
  if (made == nullptr) return nullptr;
  auto* proxy = reinterpret_cast<ClassProxy*>(made);
  proxy->scope = 0;
  proxy->constructors = nullptr;
  proxy->deleteObject = nullptr;
  proxy->dispatch = nullptr;
  PyObject* mro = reinterpret_cast<PyTypeObject*>(made)->tp_mro;
  proxy->bufferData = proxy->bufferSize = 0;
  for (Py_ssize_t i = 1; mro && i < PyTuple_GET_SIZE(mro) && proxy->scope == 0; ++i) {
    auto* base = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(mro, i));
    proxy->scope = scopeOf(base);
    if (proxy->scope == 0) continue;
    auto* baseProxy = reinterpret_cast<ClassProxy*>(base);
    proxy->constructors = Py_XNewRef(baseProxy->constructors);
    proxy->deleteObject = baseProxy->deleteObject;
    proxy->bufferData = baseProxy->bufferData;
    proxy->bufferSize = baseProxy->bufferSize;
    std::memcpy(proxy->bufferFormat, baseProxy->bufferFormat, sizeof proxy->bufferFormat);
    proxy->bufferItemSize = baseProxy->bufferItemSize;
  }
  // A Python subclass's objects are one C++ object, of proxy->scope: every
  // other C++ class it derives from must be a base of that one (else its
  // methods would be called on an object of another class). The proxies the
  // package makes (their own __cpp_name__) get their class at register_class.
  PyObject* ownDict = reinterpret_cast<PyTypeObject*>(made)->tp_dict;
  bool madeByPackage = PyDict_GetItemString(ownDict, "__cpp_name__") != nullptr;
  for (Py_ssize_t i = 1; !madeByPackage && proxy->scope && mro && i < PyTuple_GET_SIZE(mro); ++i) {
    auto* base = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(mro, i));
    cppyy_scope_t other = scopeOf(base);
    if (other == 0 || other == proxy->scope || cppyy_is_subtype(proxy->scope, other)) continue;
    std::string first = take(cppyy_scoped_final_name(proxy->scope)),
                second = take(cppyy_scoped_final_name(other));
    PyErr_Format(
        PyExc_TypeError,
        "class %s: C++ classes %s and %s are unrelated, and a Python class stands for one C++ object "
        "(derive from one of them, or from a C++ class that derives from both)",
        reinterpret_cast<PyTypeObject*>(made)->tp_name, first.c_str(), second.c_str());
    Py_DECREF(made);
    return nullptr;
  }
  reinterpret_cast<PyTypeObject*>(made)->tp_vectorcall = classVectorcall;
  if (derived && finishClassHook != nullptr && proxy->scope != 0) {
    PyObject* finished = PyObject_CallOneArg(finishClassHook, made);
    if (finished == nullptr) {
      Py_DECREF(made);
      return nullptr;
    }
    Py_DECREF(finished);
  }
  return made;
}

// --- the buffer protocol of std::vector<builtin> --------------------------------
int vectorGetBuffer(PyObject* obj, Py_buffer* view, int flags) {
  auto* meta = reinterpret_cast<ClassProxy*>(Py_TYPE(obj));
  void* object = reinterpret_cast<Instance*>(obj)->object;
  if (object == nullptr) {
    PyErr_SetString(PyExc_BufferError, "the std::vector is null or was destroyed");
    return -1;
  }
  alignas(16) unsigned long status[2] = {0, 0};
  void* data = cppyy_call_r(meta->bufferData, object, 0, status);
  long size = cppyy_call_l(meta->bufferSize, object, 0, status);
  if (status[0] != 0) {
    cppyy_free(reinterpret_cast<void*>(status[1]));
    PyErr_SetString(PyExc_BufferError, "std::vector data() or size() failed");
    return -1;
  }
  static char empty[16];
  view->buf = data ? data : empty;
  view->obj = Py_NewRef(obj);  // the view keeps the vector alive
  view->itemsize = meta->bufferItemSize;
  view->len = size * meta->bufferItemSize;
  view->readonly = 0;
  view->format = (flags & PyBUF_FORMAT) ? meta->bufferFormat : nullptr;
  view->ndim = 1;
  auto* shape = new Py_ssize_t[1]{size};
  view->shape = (flags & PyBUF_ND) ? shape : nullptr;
  view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &view->itemsize : nullptr;
  view->suboffsets = nullptr;
  view->internal = shape;
  return 0;
}

void vectorReleaseBuffer(PyObject*, Py_buffer* view) { delete[] static_cast<Py_ssize_t*>(view->internal); }

// enable_vector_buffer(cls, format, itemsize): memoryview(v) for cls's objects.
PyObject* enableVectorBuffer(PyObject*, PyObject* args) {
  PyObject* cls;
  const char* format;
  Py_ssize_t itemsize;
  if (!PyArg_ParseTuple(args, "O!sn", &ClassProxyType, &cls, &format, &itemsize)) return nullptr;
  auto* proxy = reinterpret_cast<ClassProxy*>(cls);
  auto methodNamed = [&](const char* name) {
    cppyy_index_t* indices = cppyy_method_indices_from_name(proxy->scope, name);
    cppyy_method_t found = 0;
    for (cppyy_index_t* i = indices; i && *i != static_cast<cppyy_index_t>(-1); ++i) {
      cppyy_method_t m = cppyy_get_method(proxy->scope, *i);
      if (cppyy_method_num_args(m) == 0 && (found == 0 || !cppyy_is_const_method(m))) found = m;
    }
    cppyy_free(indices);
    return found;
  };
  proxy->bufferData = methodNamed("data");
  proxy->bufferSize = methodNamed("size");
  if (proxy->bufferData == 0 || proxy->bufferSize == 0 || std::strlen(format) >= sizeof proxy->bufferFormat) {
    proxy->bufferData = 0;
    Py_RETURN_FALSE;
  }
  std::strcpy(proxy->bufferFormat, format);
  proxy->bufferItemSize = itemsize;
  auto* heap = reinterpret_cast<PyHeapTypeObject*>(cls);
  heap->as_buffer.bf_getbuffer = vectorGetBuffer;
  heap->as_buffer.bf_releasebuffer = vectorReleaseBuffer;
  reinterpret_cast<PyTypeObject*>(cls)->tp_as_buffer = &heap->as_buffer;
  PyType_Modified(reinterpret_cast<PyTypeObject*>(cls));
  Py_RETURN_TRUE;
}

// Class attributes not in the class: nested classes, enums, typedefs,
// looked up on first use by the package's Python side.
PyObject* classGetattro(PyObject* cls, PyObject* name) {
  PyObject* found = PyType_Type.tp_getattro(cls, name);
  if (found != nullptr || classLookup == nullptr || !PyErr_ExceptionMatches(PyExc_AttributeError))
    return found;
  Py_ssize_t length = 0;
  const char* text = PyUnicode_AsUTF8AndSize(name, &length);
  if (text == nullptr || (length > 4 && text[0] == '_' && text[1] == '_' && text[length - 1] == '_'))
    return nullptr;
  PyErr_Clear();
  return PyObject_CallFunctionObjArgs(classLookup, cls, name, nullptr);
}

// Static data members are written in C++, not replaced in the class.
int classSetattro(PyObject* cls, PyObject* name, PyObject* value) {
  PyObject* found = _PyType_Lookup(reinterpret_cast<PyTypeObject*>(cls), name);
  if (found != nullptr && Py_TYPE(found) == &DataMemberType && value != nullptr)
    return Py_TYPE(found)->tp_descr_set(found, Py_None, value);
  return PyType_Type.tp_setattro(cls, name, value);
}

void classProxyDealloc(PyObject* cls) {
  Py_CLEAR(reinterpret_cast<ClassProxy*>(cls)->constructors);
  deleteClassDispatch(reinterpret_cast<ClassProxy*>(cls)->dispatch);
  reinterpret_cast<ClassProxy*>(cls)->dispatch = nullptr;
  PyType_Type.tp_dealloc(cls);
}

int instanceInit(PyObject* self, PyObject* args, PyObject* kwds) {
  if (kwds != nullptr && PyDict_GET_SIZE(kwds) > 0) {
    PyErr_SetString(PyExc_TypeError, "C++ constructors take no keyword arguments");
    return -1;
  }
  auto* type = Py_TYPE(self);
  PyObject* constructors = PyObject_TypeCheck(reinterpret_cast<PyObject*>(type), &ClassProxyType)
                               ? reinterpret_cast<ClassProxy*>(type)->constructors
                               : nullptr;
  if (constructors == nullptr) {
    PyErr_Format(PyExc_TypeError,
                 "C++ class %s cannot be made from Python: it is abstract or has no public constructor",
                 type->tp_name);
    return -1;
  }
  return construct(constructors, self, &PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args));
}

// --- module functions -------------------------------------------------------
cppyy_scope_t scopeArgument(PyObject* arg) { return static_cast<cppyy_scope_t>(PyLong_AsSize_t(arg)); }

PyObject* loadReflectionInfo(PyObject*, PyObject* arg) {
  Py_ssize_t size = 0;
  const char* path = PyUnicode_AsUTF8AndSize(arg, &size);
  if (path == nullptr) return nullptr;
  if (std::strlen(path) != static_cast<size_t>(size)) {  // the C side would load the part before it
    PyErr_SetString(PyExc_ValueError, "embedded null character in the dictionary's path");
    return nullptr;
  }
  int ok;
  Py_BEGIN_ALLOW_THREADS ok = dictloader_load(path);
  Py_END_ALLOW_THREADS if (ok != 1) {
    PyErr_SetString(DictionaryError, dictloader_last_error());
    return nullptr;
  }
  Py_RETURN_NONE;
}

PyObject* getScope(PyObject*, PyObject* arg) {
  const char* name = PyUnicode_AsUTF8(arg);
  if (name == nullptr) return nullptr;
  return PyLong_FromSize_t(cppyy_get_scope(name));
}

PyObject* addCatalog(PyObject*, PyObject* arg) {
  const char* path = PyUnicode_AsUTF8(arg);
  if (path == nullptr) return nullptr;
  PyThreadState* released = PyEval_SaveThread();  // opening a catalog may wait for a lock
  int ok = dictloader_add_catalog(path);
  PyEval_RestoreThread(released);
  if (ok != 1) {
    PyErr_SetString(DictionaryError, dictloader_last_error());
    return nullptr;
  }
  Py_RETURN_NONE;
}

// Why the catalogs' library for a name could not be autoloaded, None if nothing failed.
PyObject* autoloadError(PyObject*, PyObject* arg) {
  const char* name = PyUnicode_AsUTF8(arg);
  if (name == nullptr) return nullptr;
  const char* why = dictloader_autoload_error(name);
  if (why == nullptr) Py_RETURN_NONE;
  return PyUnicode_DecodeUTF8(why, static_cast<Py_ssize_t>(std::strlen(why)), "replace");
}

PyObject* isTemplate(PyObject*, PyObject* arg) {
  const char* name = PyUnicode_AsUTF8(arg);
  if (name == nullptr) return nullptr;
  return PyBool_FromLong(cppyy_is_template(name));
}

PyObject* isEnum(PyObject*, PyObject* arg) {
  const char* name = PyUnicode_AsUTF8(arg);
  if (name == nullptr) return nullptr;
  return PyBool_FromLong(cppyy_is_enum(name));
}

PyObject* resolveName(PyObject*, PyObject* arg) {
  const char* name = PyUnicode_AsUTF8(arg);
  if (name == nullptr) return nullptr;
  return PyUnicode_FromString(take(cppyy_resolve_name(name)).c_str());
}

// (final name, scoped name, is namespace, [base names], {python name: [method handles]}, [data indices])
PyObject* scopeInfo(PyObject*, PyObject* arg) {
  cppyy_scope_t scope = scopeArgument(arg);
  if (PyErr_Occurred()) return nullptr;
  bool isNamespace = cppyy_is_namespace(scope);
  PyObject* bases = PyList_New(0);
  PyObject* methods = PyDict_New();
  PyObject* data = PyList_New(0);
  if (!isNamespace) {
    for (int b = 0; b < cppyy_num_bases(scope); ++b) {
      PyObject* name = PyUnicode_FromString(take(cppyy_base_name(scope, b)).c_str());
      PyList_Append(bases, name);
      Py_DECREF(name);
    }
    for (int i = 0; i < cppyy_num_methods(scope); ++i) {
      cppyy_method_t m = cppyy_get_method(scope, i);
      if (cppyy_is_protected_method(m)) continue;  // Python subclasses' (their dispatcher class, _cross.py)
      std::string name = cppyy_is_constructor(m) ? "__init__" : take(cppyy_method_name(m));
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
    for (int i = 0; i < cppyy_num_datamembers(scope); ++i) {
      if (!cppyy_is_publicdata(scope, i)) continue;
      PyObject* index = PyLong_FromLong(i);
      PyList_Append(data, index);
      Py_DECREF(index);
    }
  }
  return Py_BuildValue("(ssNNNN)", take(cppyy_final_name(scope)).c_str(),
                       take(cppyy_scoped_final_name(scope)).c_str(), PyBool_FromLong(isNamespace), bases,
                       methods, data);
}

PyObject* datamemberName(PyObject*, PyObject* args) {
  PyObject* scopeObject;
  int index;
  if (!PyArg_ParseTuple(args, "Oi", &scopeObject, &index)) return nullptr;
  return PyUnicode_FromString(take(cppyy_datamember_name(scopeArgument(scopeObject), index)).c_str());
}

PyObject* overload(PyObject*, PyObject* args) {
  PyObject* scopeObject;
  const char* name;
  PyObject* handles;
  if (!PyArg_ParseTuple(args, "OsO!", &scopeObject, &name, &PyList_Type, &handles)) return nullptr;
  std::vector<cppyy_method_t> methods;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(handles); ++i)
    methods.push_back(PyLong_AsSsize_t(PyList_GET_ITEM(handles, i)));
  return makeOverload(scopeArgument(scopeObject), name, std::move(methods));
}

// The functions of a namespace called name, or None.
PyObject* namespaceFunction(PyObject*, PyObject* args) {
  PyObject* scopeObject;
  const char* name;
  if (!PyArg_ParseTuple(args, "Os", &scopeObject, &name)) return nullptr;
  cppyy_scope_t scope = scopeArgument(scopeObject);
  cppyy_index_t* indices = cppyy_method_indices_from_name(scope, name);
  std::vector<cppyy_method_t> methods;
  for (cppyy_index_t* i = indices; i && *i != static_cast<cppyy_index_t>(-1); ++i) {
    cppyy_method_t m = cppyy_get_method(scope, *i);
    if (!cppyy_is_protected_method(m)) methods.push_back(m);  // (Python subclasses reach those)
  }
  cppyy_free(indices);
  if (methods.empty()) Py_RETURN_NONE;
  return makeOverload(scope, name, std::move(methods));
}

PyObject* functionCount(PyObject*, PyObject* arg) {
  cppyy_scope_t scope = scopeArgument(arg);
  if (PyErr_Occurred()) return nullptr;
  return PyLong_FromLong(cppyy_num_methods(scope));
}

// [(name, method handle)] of a scope's functions whose name starts with
// "operator": listed, never asked by name (a miss would ask the catalogs).
PyObject* operatorFunctions(PyObject*, PyObject* arg) {
  cppyy_scope_t scope = scopeArgument(arg);
  if (PyErr_Occurred()) return nullptr;
  PyObject* found = PyList_New(0);
  for (int i = 0; i < cppyy_num_methods(scope); ++i) {
    cppyy_method_t method = cppyy_get_method(scope, i);
    std::string name = take(cppyy_method_name(method));
    if (name.compare(0, 8, "operator") != 0) continue;
    PyObject* item = Py_BuildValue("(sn)", name.c_str(), static_cast<Py_ssize_t>(method));
    PyList_Append(found, item);
    Py_DECREF(item);
  }
  return found;
}

// (result type, [argument types]) of a method, as the C API spells them.
PyObject* methodSignature(PyObject*, PyObject* arg) {
  cppyy_method_t method = PyLong_AsSsize_t(arg);
  if (PyErr_Occurred()) return nullptr;
  int count = cppyy_method_num_args(method);
  PyObject* arguments = PyList_New(count);
  for (int i = 0; i < count; ++i)
    PyList_SET_ITEM(arguments, i, PyUnicode_FromString(take(cppyy_method_arg_type(method, i)).c_str()));
  return Py_BuildValue("(sN)", take(cppyy_method_result_type(method)).c_str(), arguments);
}

PyObject* isNamespace(PyObject*, PyObject* arg) {
  cppyy_scope_t scope = scopeArgument(arg);
  if (PyErr_Occurred()) return nullptr;
  return PyBool_FromLong(cppyy_is_namespace(scope));
}

PyObject* dataMember(PyObject*, PyObject* args) {
  PyObject* scopeObject;
  int index;
  if (!PyArg_ParseTuple(args, "Oi", &scopeObject, &index)) return nullptr;
  return makeDataMember(scopeArgument(scopeObject), index);
}

// A namespace variable's descriptor, or None.
PyObject* namespaceVariable(PyObject*, PyObject* args) {
  PyObject* scopeObject;
  const char* name;
  if (!PyArg_ParseTuple(args, "Os", &scopeObject, &name)) return nullptr;
  cppyy_scope_t scope = scopeArgument(scopeObject);
  int index = cppyy_datamember_index(scope, name);
  if (index < 0) Py_RETURN_NONE;
  return makeDataMember(scope, index);
}

// [(name, value)] of the enum scope::name, or None if there is no such enum.
PyObject* enumValues(PyObject*, PyObject* args) {
  PyObject* scopeObject;
  const char* name;
  if (!PyArg_ParseTuple(args, "Os", &scopeObject, &name)) return nullptr;
  cppyy_enum_t e = cppyy_get_enum(scopeArgument(scopeObject), name);
  if (e == nullptr) Py_RETURN_NONE;
  PyObject* out = PyList_New(0);
  for (cppyy_index_t i = 0; i < cppyy_get_num_enum_data(e); ++i) {
    PyObject* item =
        Py_BuildValue("(sL)", take(cppyy_get_enum_data_name(e, i)).c_str(), cppyy_get_enum_data_value(e, i));
    PyList_Append(out, item);
    Py_DECREF(item);
  }
  return out;
}

PyObject* registerClass(PyObject*, PyObject* args) {
  PyObject* cls;
  PyObject* scopeObject;
  PyObject* constructors;
  if (!PyArg_ParseTuple(args, "O!OO", &ClassProxyType, &cls, &scopeObject, &constructors)) return nullptr;
  cppyy_scope_t scope = scopeArgument(scopeObject);
  auto* proxy = reinterpret_cast<ClassProxy*>(cls);
  proxy->scope = scope;
  proxy->deleteObject = dictloader_delete_function(scope);
  auto* type = reinterpret_cast<PyTypeObject*>(cls);
  if (type->tp_dictoffset == 0 && type->tp_basicsize == sizeof(Instance) &&
      (type->tp_flags & Py_TPFLAGS_HAVE_GC)) {
    type->tp_alloc = proxyAlloc;
    type->tp_dealloc = proxyDealloc;
  }
  Py_XSETREF(proxy->constructors, constructors == Py_None ? nullptr : Py_NewRef(constructors));
  Py_INCREF(cls);
  auto [it, added] = classes.emplace(scope, cls);
  if (!added) Py_DECREF(cls);
  Py_RETURN_NONE;
}

PyObject* setSequenceToVector(PyObject*, PyObject* convert) {
  Py_XSETREF(sequenceToVector, Py_NewRef(convert));
  Py_RETURN_NONE;
}

PyObject* setClassLookup(PyObject*, PyObject* lookup) {
  Py_XSETREF(classLookup, Py_NewRef(lookup));
  Py_RETURN_NONE;
}

PyObject* setEnumClassFactory(PyObject*, PyObject* factory) {
  Py_XSETREF(enumClassFactory, Py_NewRef(factory));
  Py_RETURN_NONE;
}

PyObject* setExceptionFactory(PyObject*, PyObject* factory) {
  Py_XSETREF(exceptionFactory, Py_NewRef(factory));
  Py_RETURN_NONE;
}

// Does the class (a scope handle) raise as an exception class of its own?
PyObject* isExceptionClass(PyObject*, PyObject* arg) {
  auto handle = static_cast<cppyy_scope_t>(PyLong_AsSize_t(arg));
  if (PyErr_Occurred()) return nullptr;
  return PyBool_FromLong(dictloader_is_exception_class(handle));
}

// Is the enum (a scope handle) an `enum class`? libdictloader's converter says.
PyObject* isScopedEnum(PyObject*, PyObject* arg) {
  auto handle = static_cast<cppyy_scope_t>(PyLong_AsSize_t(arg));
  if (PyErr_Occurred()) return nullptr;
  std::string name = take(cppyy_scoped_final_name(handle));
  return PyBool_FromLong(converterFor(name, 0).scopedEnum);
}

PyObject* setClassFactory(PyObject*, PyObject* factory) {
  Py_XDECREF(classFactory);
  Py_INCREF(factory);
  classFactory = factory;
  Py_RETURN_NONE;
}

PyObject* addressOf(PyObject*, PyObject* obj) {
  if (!isInstance(obj) && PyObject_CheckBuffer(obj)) {  // a view of C++ memory (std::vector data())
    Py_buffer view;
    if (PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) < 0) return nullptr;
    PyObject* address = PyLong_FromVoidPtr(view.buf);
    PyBuffer_Release(&view);
    return address;
  }
  if (!isInstance(obj)) {
    PyErr_Format(PyExc_TypeError, "addressof() needs a C++ object, not %s", Py_TYPE(obj)->tp_name);
    return nullptr;
  }
  return PyLong_FromVoidPtr(reinterpret_cast<Instance*>(obj)->object);
}

PyObject* bindObjectFunction(PyObject*, PyObject* args) {
  PyObject* address;
  PyObject* cls;
  int owned = 0;
  if (!PyArg_ParseTuple(args, "OO!|p", &address, &ClassProxyType, &cls, &owned)) return nullptr;
  void* object = address == Py_None ? nullptr : PyLong_AsVoidPtr(address);
  if (PyErr_Occurred()) return nullptr;
  return bindObject(cls, object, owned != 0);
}

// The const proxy of obj's object (obj itself if it is one): its calls prefer
// the const twins of methods. It borrows the object and keeps obj alive. The
// hook for what hands out const objects without a `const T&` result.
PyObject* constView(PyObject*, PyObject* obj) {
  if (!isInstance(obj)) {
    PyErr_Format(PyExc_TypeError, "const_view() needs a C++ object, not %s", Py_TYPE(obj)->tp_name);
    return nullptr;
  }
  auto* self = reinterpret_cast<Instance*>(obj);
  if ((self->flags & kConst) || self->object == nullptr) return Py_NewRef(obj);
  PyObject* view = bindObject(reinterpret_cast<PyObject*>(Py_TYPE(obj)), self->object, false, true);
  if (view != nullptr && view != obj) setOwner(view, obj);
  return view;
}

PyObject* isConst(PyObject*, PyObject* obj) {
  return PyBool_FromLong(isInstance(obj) && (reinterpret_cast<Instance*>(obj)->flags & kConst));
}

// std::vector<bool> packs its bits: its elements are read and written here.
PyObject* vectorBoolItem(PyObject*, PyObject* args) {
  PyObject* vector;
  int index;
  PyObject* value = nullptr;
  if (!PyArg_ParseTuple(args, "Oi|O", &vector, &index, &value)) return nullptr;
  if (!isInstance(vector) || reinterpret_cast<Instance*>(vector)->object == nullptr) {
    PyErr_SetString(PyExc_ReferenceError, "not a live std::vector<bool>");
    return nullptr;
  }
  void* object = reinterpret_cast<Instance*>(vector)->object;
  if (value == nullptr) return PyBool_FromLong(cppyy_vectorbool_getitem(object, index));
  int truth = PyObject_IsTrue(value);
  if (truth < 0) return nullptr;
  cppyy_vectorbool_setitem(object, index, truth);
  Py_RETURN_NONE;
}

// The text of a std::string object, as str.
PyObject* stdStringText(PyObject*, PyObject* obj) {
  if (!isInstance(obj) || scopeOf(Py_TYPE(obj)) != stringScope()) {  // std.string.__str__(counted)
    PyErr_Format(PyExc_TypeError, "a std::string is required, not %s", Py_TYPE(obj)->tp_name);
    return nullptr;
  }
  if (reinterpret_cast<Instance*>(obj)->object == nullptr) {
    PyErr_SetString(PyExc_ReferenceError, "not a live std::string");
    return nullptr;
  }
  size_t size = 0;
  const char* text = cppyy_stdstring2charp(reinterpret_cast<Instance*>(obj)->object, &size);
  return PyUnicode_DecodeUTF8(text, static_cast<Py_ssize_t>(size), nullptr);
}

// Is name a function template of scope with instances in the dictionary?
PyObject* hasMethodTemplate(PyObject*, PyObject* args) {
  PyObject* scopeObject;
  const char* name;
  if (!PyArg_ParseTuple(args, "Os", &scopeObject, &name)) return nullptr;
  return PyBool_FromLong(cppyy_exists_method_template(scopeArgument(scopeObject), name));
}

PyObject* setNullptr(PyObject*, PyObject* obj) {
  Py_XDECREF(nullptrObject);
  Py_INCREF(obj);
  nullptrObject = obj;
  Py_RETURN_NONE;
}

// The fast-path addresses of scope::name's overloads (0 where there is none).
PyObject* fastPathAddresses(PyObject*, PyObject* args) {
  PyObject* scopeObject;
  const char* name;
  if (!PyArg_ParseTuple(args, "Os", &scopeObject, &name)) return nullptr;
  cppyy_scope_t scope = scopeArgument(scopeObject);
  cppyy_index_t* indices = cppyy_method_indices_from_name(scope, name);
  if (indices == nullptr) Py_RETURN_NONE;
  PyObject* out = PyList_New(0);
  for (cppyy_index_t* i = indices; *i != static_cast<cppyy_index_t>(-1); ++i) {
    PyObject* address = PyLong_FromVoidPtr(cppyy_function_address(cppyy_get_method(scope, *i)));
    PyList_Append(out, address);
    Py_DECREF(address);
  }
  cppyy_free(indices);
  return out;
}

PyObject* scopeOfClass(PyObject*, PyObject* cls) {
  if (!PyType_Check(cls)) return PyLong_FromLong(0);
  return PyLong_FromSize_t(scopeOf(reinterpret_cast<PyTypeObject*>(cls)));
}

PyMethodDef moduleMethods[] = {{"load_reflection_info", loadReflectionInfo, METH_O, nullptr},
                               {"get_scope", getScope, METH_O, nullptr},
                               {"resolve_name", resolveName, METH_O, nullptr},
                               {"is_template", isTemplate, METH_O, nullptr},
                               {"autoload_error", autoloadError, METH_O, nullptr},
                               {"add_catalog", addCatalog, METH_O, nullptr},
                               {"is_enum", isEnum, METH_O, nullptr},
                               {"scope_info", scopeInfo, METH_O, nullptr},
                               {"datamember_name", datamemberName, METH_VARARGS, nullptr},
                               {"overload", overload, METH_VARARGS, nullptr},
                               {"namespace_function", namespaceFunction, METH_VARARGS, nullptr},
                               {"function_count", functionCount, METH_O, nullptr},
                               {"operator_functions", operatorFunctions, METH_O, nullptr},
                               {"method_signature", methodSignature, METH_O, nullptr},
                               {"is_namespace", isNamespace, METH_O, nullptr},
                               {"namespace_variable", namespaceVariable, METH_VARARGS, nullptr},
                               {"data_member", dataMember, METH_VARARGS, nullptr},
                               {"enum_values", enumValues, METH_VARARGS, nullptr},
                               {"register_class", registerClass, METH_VARARGS, nullptr},
                               {"set_class_factory", setClassFactory, METH_O, nullptr},
                               {"set_enum_class_factory", setEnumClassFactory, METH_O, nullptr},
                               {"is_scoped_enum", isScopedEnum, METH_O, nullptr},
                               {"set_exception_factory", setExceptionFactory, METH_O, nullptr},
                               {"is_exception_class", isExceptionClass, METH_O, nullptr},
                               {"set_class_lookup", setClassLookup, METH_O, nullptr},
                               {"set_sequence_to_vector", setSequenceToVector, METH_O, nullptr},
                               {"enable_vector_buffer", enableVectorBuffer, METH_VARARGS, nullptr},
                               {"addressof", addressOf, METH_O, nullptr},
                               {"bind_object", bindObjectFunction, METH_VARARGS, nullptr},
                               {"const_view", constView, METH_O, nullptr},
                               {"is_const", isConst, METH_O, nullptr},
                               {"scope_of_class", scopeOfClass, METH_O, nullptr},
                               {"set_nullptr", setNullptr, METH_O, nullptr},
                               {"has_method_template", hasMethodTemplate, METH_VARARGS, nullptr},
                               {"std_string_text", stdStringText, METH_O, nullptr},
                               {"vector_bool_item", vectorBoolItem, METH_VARARGS, nullptr},
                               {"fast_path_addresses", fastPathAddresses, METH_VARARGS, nullptr},
                               {"assign_result", assignResult, METH_VARARGS, nullptr},
                               {"method_descriptor", methodDescriptor, METH_VARARGS, nullptr},
                               {"make_smart", makeSmart, METH_VARARGS, nullptr},
                               {}};

PyModuleDef moduleDef = {PyModuleDef_HEAD_INIT, "_cppyy_cpython",
                         "CPython backend of the cppyy package over libdictloader", -1, moduleMethods};

}  // namespace

PyTypeObject InstanceType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "cppyy.CPPInstance",
};
PyTypeObject ClassProxyType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "cppyy.CPPClassProxy",
};

PyObject* classFor(cppyy_scope_t scope) {
  auto it = classes.find(scope);
  if (it != classes.end()) {
    Py_INCREF(it->second);
    return it->second;
  }
  if (classFactory == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "cppyy: no class factory");
    return nullptr;
  }
  return PyObject_CallFunction(classFactory, "n", static_cast<Py_ssize_t>(scope));
}

PyObject* bindObject(PyObject* cls, void* object, bool owned, bool isConst) {
  auto* type = reinterpret_cast<PyTypeObject*>(cls);
  if (object != nullptr) {
    settle();
    auto known = liveInstances.find({object, type, isConst});
    if (known != liveInstances.end()) {
      if (owned && !(known->second->flags & kOwned)) known->second->flags |= kOwned;
      Py_INCREF(known->second);
      return reinterpret_cast<PyObject*>(known->second);
    }
    auto dispatched = isConst || owned ? dispatchedInstances.end() : dispatchedInstances.find(object);
    if (dispatched != dispatchedInstances.end() &&
        PyObject_TypeCheck(reinterpret_cast<PyObject*>(dispatched->second), type))
      return Py_NewRef(reinterpret_cast<PyObject*>(dispatched->second));
  }
  return newObject(cls, object, owned, isConst);
}

PyObject* newObject(PyObject* cls, void* object, bool owned, bool isConst) {
  auto* type = reinterpret_cast<PyTypeObject*>(cls);
  auto* self = reinterpret_cast<Instance*>(type->tp_alloc(type, 0));
  if (self == nullptr) {
    if (owned && object) cppyy_destruct(scopeOf(type), object);
    return nullptr;
  }
  self->object = object;
  self->flags = (owned ? unsigned{kOwned} : 0u) | (isConst ? unsigned{kConst} : 0u);
  self->weakrefs = nullptr;
  self->owner = nullptr;
  self->pending = {};
  remember(self);
  return reinterpret_cast<PyObject*>(self);
}

void remember(Instance* self) {
  if (self->object == nullptr) return;
  if (self->pending.next != nullptr) unlinkPending(self->pending);
  PendingLink& link = self->pending;
  link.prev = pendingInstances.prev;
  link.next = &pendingInstances;
  pendingInstances.prev->next = &link;
  pendingInstances.prev = &link;
}

}  // namespace cppyy_cpython

using namespace cppyy_cpython;

PyMODINIT_FUNC PyInit__cppyy_cpython() {
  InstanceType.tp_basicsize = sizeof(Instance);
  InstanceType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE;
  InstanceType.tp_new = instanceNew;
  InstanceType.tp_dealloc = instanceDealloc;
  InstanceType.tp_traverse = instanceTraverse;  // reached through the proxy classes' subtype_traverse
  InstanceType.tp_clear = instanceClear;
  InstanceType.tp_repr = instanceRepr;
  InstanceType.tp_weaklistoffset = offsetof(Instance, weakrefs);
  InstanceType.tp_getset = instanceGetSet;
  InstanceType.tp_methods = instanceMethods;
  instanceNumber.nb_bool = instanceBool;
  InstanceType.tp_as_number = &instanceNumber;
  InstanceType.tp_doc = "base of every C++ class proxy";

  ClassProxyType.tp_base = &PyType_Type;
  ClassProxyType.tp_basicsize = sizeof(ClassProxy);
  ClassProxyType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE;
  ClassProxyType.tp_new = classProxyNew;
  ClassProxyType.tp_getattro = classGetattro;
  ClassProxyType.tp_setattro = classSetattro;
  ClassProxyType.tp_dealloc = classProxyDealloc;
  InstanceType.tp_init = instanceInit;
  ClassProxyType.tp_doc = "metaclass of C++ class proxies";

  if (PyType_Ready(&InstanceType) < 0 || PyType_Ready(&ClassProxyType) < 0 || !readyOverloadTypes() ||
      !readyDataMemberType())
    return nullptr;
  PyObject* module = PyModule_Create(&moduleDef);
  if (module == nullptr) return nullptr;
  if (PyModule_AddFunctions(module, dispatchMethods) < 0 || !readyDispatch(module)) return nullptr;
  CppException = PyErr_NewExceptionWithDoc(
      "cppyy.CppException", "a C++ exception (its what() is the message)", PyExc_Exception, nullptr);
  DictionaryError = PyErr_NewExceptionWithDoc(
      "cppyy.DictionaryError",
      "a dictionary could not be loaded (missing, not a dictionary, incompatible or damaged)",
      PyExc_RuntimeError, nullptr);
  PyModule_AddObjectRef(module, "CppException", CppException);
  PyModule_AddObjectRef(module, "DictionaryError", DictionaryError);
  PyModule_AddObjectRef(module, "Instance", reinterpret_cast<PyObject*>(&InstanceType));
  PyModule_AddObjectRef(module, "ClassProxy", reinterpret_cast<PyObject*>(&ClassProxyType));
  PyModule_AddObjectRef(module, "DataMember", reinterpret_cast<PyObject*>(&DataMemberType));
  return module;
}
