// smart.cpp - std::shared_ptr<T> and std::unique_ptr<T> (dictionary ABI 1.6)
// in the CPython module: a smart pointer result is an instance of the object
// it points to (kSmart), whose owner is an instance of the smart pointer
// class owning the smart pointer object (a heap object, deleted with its
// class's delete: `::operator new(sizeof)` storage, as `new` makes it).
// Passing: an object a smart pointer holds goes where T&, T* or a smart
// pointer is expected; another smart pointer class (Derived for Base, T for
// const T, also of another dictionary) is converted by libdictloader
// (dictloader_smart_convert) into a temporary for the call.
#include <new>
#include <string>
#include <unordered_map>

#include "dictloader/direct_calls.h"
#include "proxies.h"

namespace cppyy_cpython {
namespace {

struct SmartInfo {
  bool known = false;
  struct dictloader_smart_pointer info {};
};

// Decided once per smart pointer class (the dictionary's record never changes).
// Asked per result: the last class answered is kept in front of the map.
const struct dictloader_smart_pointer* smartInfo(cppyy_scope_t scope) {
  static std::unordered_map<cppyy_scope_t, SmartInfo> infos;  // node-based: the pointers handed out stay valid
  thread_local cppyy_scope_t lastScope = 0;
  thread_local const struct dictloader_smart_pointer* lastInfo = nullptr;
  if (scope == lastScope && scope != 0) return lastInfo;
  auto [it, added] = infos.try_emplace(scope);
  if (added) it->second.known = scope != 0 && dictloader_smart_pointer(scope, &it->second.info) == 1;
  lastScope = scope;
  lastInfo = it->second.known ? &it->second.info : nullptr;
  return lastInfo;
}

std::string scopeName(cppyy_scope_t scope) { return take(cppyy_scoped_final_name(scope)); }

// A new smart pointer object in heap storage that its class's delete frees.
void* smartStorage(cppyy_scope_t scope) { return ::operator new(cppyy_size_of_klass(scope), std::nothrow); }

// The instance of the object smart (a smart pointer instance) holds.
PyObject* heldBy(PyObject* smart) {
  cppyy_scope_t scope = scopeOf(Py_TYPE(smart));
  const struct dictloader_smart_pointer* info = smartInfo(scope);
  void* object = reinterpret_cast<Instance*>(smart)->object;
  if (info == nullptr || info->pointee == 0) {
    PyErr_Format(PyExc_TypeError, "%s points to a class no loaded dictionary describes",
                 Py_TYPE(smart)->tp_name);
    return nullptr;
  }
  void* raw = object ? info->get(object) : nullptr;
  cppyy_scope_t actual = raw ? cppyy_actual_class(info->pointee, raw) : info->pointee;
  if (actual != info->pointee && raw)
    raw = static_cast<char*>(raw) + cppyy_base_offset(actual, info->pointee, raw, -1);
  PyObject* cls = classFor(actual);
  if (cls == nullptr) return nullptr;
  auto* type = reinterpret_cast<PyTypeObject*>(cls);
  auto* self = reinterpret_cast<Instance*>(type->tp_alloc(type, 0));
  Py_DECREF(cls);
  if (self == nullptr) return nullptr;
  // not remembered: this instance stands for the smart pointer's view, not
  // for every pointer to the object
  self->object = raw;
  self->flags = kSmart;
  self->weakrefs = nullptr;
  self->owner = nullptr;
  self->pending = {};
  setOwner(reinterpret_cast<PyObject*>(self), smart);
  return reinterpret_cast<PyObject*>(self);
}

// The smart pointer instance behind arg (an object a smart pointer holds, or
// a smart pointer instance itself), null if none.
PyObject* smartOf(PyObject* arg) {
  if (!isInstance(arg)) return nullptr;
  auto* self = reinterpret_cast<Instance*>(arg);
  if ((self->flags & kSmart) && self->owner) return self->owner;
  return smartInfo(scopeOf(Py_TYPE(arg))) ? arg : nullptr;
}

thread_local std::string smartFailure;

}  // namespace

PyObject* smartFromHeap(cppyy_scope_t smartScope, void* made) {
  PyObject* cls = classFor(smartScope);
  if (cls == nullptr) {
    cppyy_destruct(smartScope, made);
    return nullptr;
  }
  PyObject* smart = newObject(cls, made, true);
  Py_DECREF(cls);
  if (smart == nullptr) return nullptr;
  PyObject* out = heldBy(smart);
  Py_DECREF(smart);
  return out;
}

PyObject* smartFromReference(cppyy_scope_t smartScope, void* reference, PyObject* owner) {
  if (reference == nullptr) {
    PyErr_SetString(PyExc_ReferenceError, "a C++ reference result is null");
    return nullptr;
  }
  const struct dictloader_smart_pointer* info = smartInfo(smartScope);
  if (info != nullptr && info->copy != nullptr) {
    void* copy = smartStorage(smartScope);
    if (copy == nullptr) return PyErr_NoMemory();
    info->copy(reference, copy);
    return smartFromHeap(smartScope, copy);
  }
  PyObject* cls = classFor(smartScope);
  if (cls == nullptr) return nullptr;
  PyObject* smart = bindObject(cls, reference, false);
  Py_DECREF(cls);
  if (smart == nullptr) return nullptr;
  if (owner != nullptr && owner != smart) setOwner(smart, owner);
  PyObject* out = heldBy(smart);
  Py_DECREF(smart);
  return out;
}

bool smartToSlot(const Converter& c, PyObject* arg, char* slot, Temporaries& temps, const char*& why) {
  PyObject* smart = smartOf(arg);
  if (smart == nullptr) {
    if (!isInstance(arg)) {
      why = "an object held by a smart pointer is required";
      return false;
    }
    std::string name = Py_TYPE(arg)->tp_name;
    if (cppyy_scope_t scope = scopeOf(Py_TYPE(arg))) name = scopeName(scope);
    smartFailure = "a " + name + " that Python owns is not held by a smart pointer: make it with " +
                   "cppyy.gbl.std.make_shared[" + name + "](...) (or make_unique) to pass it as " +
                   scopeName(c.klass);
    why = smartFailure.c_str();
    return false;
  }
  void* object = reinterpret_cast<Instance*>(smart)->object;
  if (object == nullptr) {
    why = "a destroyed smart pointer cannot be passed";
    return false;
  }
  cppyy_scope_t have = scopeOf(Py_TYPE(smart));
  if (have == c.klass) {
    *reinterpret_cast<void**>(slot) = object;
    return true;
  }
  const struct dictloader_smart_pointer* info = smartInfo(c.klass);
  if (info == nullptr || info->kind != DL_SMART_SHARED) {
    why = "a std::unique_ptr cannot be passed by value (moved) from Python";
    return false;
  }
  DlStubFn deleteSmart = dictloader_delete_function(c.klass);
  void* out = deleteSmart ? smartStorage(c.klass) : nullptr;
  if (out == nullptr) {
    why = "no storage for a smart pointer";
    return false;
  }
  if (!dictloader_smart_convert(have, object, c.klass, out)) {
    ::operator delete(out);
    smartFailure = "a " + scopeName(have) + " cannot be passed as " + scopeName(c.klass);
    why = smartFailure.c_str();
    return false;
  }
  temps.smart[temps.smartCount] = out;
  temps.smartDelete[temps.smartCount++] = deleteSmart;
  *reinterpret_cast<void**>(slot) = out;
  return true;
}

PyObject* smartPointerOf(PyObject* obj, PyObject*) {
  auto* self = reinterpret_cast<Instance*>(obj);
  if ((self->flags & kSmart) && self->owner) return Py_NewRef(self->owner);
  Py_RETURN_NONE;
}

// make_smart(kind, cls, args): a cls made with args, moved into a new smart
// pointer (DL_SMART_SHARED: std::shared_ptr, DL_SMART_UNIQUE: std::unique_ptr).
PyObject* makeSmart(PyObject*, PyObject* args) {
  int kind;
  PyObject* cls;
  PyObject* arguments;
  if (!PyArg_ParseTuple(args, "iO!O!", &kind, &ClassProxyType, &cls, &PyTuple_Type, &arguments))
    return nullptr;
  cppyy_scope_t scope = scopeOf(reinterpret_cast<PyTypeObject*>(cls));
  std::string name = scope ? scopeName(scope) : "?";
  const char* what = kind == DL_SMART_SHARED ? "std::shared_ptr" : "std::unique_ptr";
  cppyy_scope_t smartScope = scope ? dictloader_smart_pointer_of(scope, kind, 0) : 0;
  if (smartScope == 0) {
    PyErr_Format(PyExc_TypeError,
                 "%s<%s> is in no loaded dictionary: a dictionary describes the smart pointers its "
                 "declarations use",
                 what, name.c_str());
    return nullptr;
  }
  const struct dictloader_smart_pointer* info = smartInfo(smartScope);
  if (info == nullptr || info->adopt == nullptr) {
    PyErr_Format(PyExc_TypeError, "%s<%s> cannot own a %s (no public destructor)", what, name.c_str(),
                 name.c_str());
    return nullptr;
  }
  PyObject* made = PyObject_Call(cls, arguments, nullptr);
  if (made == nullptr) return nullptr;
  auto* obj = reinterpret_cast<Instance*>(made);
  if (obj->object == nullptr || !(obj->flags & kOwned)) {  // constructors make objects with new, owned
    Py_DECREF(made);
    PyErr_Format(PyExc_TypeError, "%s: the %s made is not Python's to give", what, name.c_str());
    return nullptr;
  }
  void* heap = obj->object;
  obj->flags &= ~kOwned;  // the smart pointer owns it now
  Py_DECREF(made);
  void* out = smartStorage(smartScope);
  if (out == nullptr) {
    cppyy_destruct(scope, heap);
    return PyErr_NoMemory();
  }
  if (info->adopt(heap, out) != 0) {
    ::operator delete(out);
    return PyErr_NoMemory();
  }
  return smartFromHeap(smartScope, out);
}

}  // namespace cppyy_cpython
