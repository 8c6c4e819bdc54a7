// members.cpp - data members, static data and namespace variables as
// descriptors: read and written in place, with the type's range checks.
#include <cstring>

#include "dictloader/direct_calls.h"
#include "proxies.h"

namespace cppyy_cpython {
namespace {

PyObject* makeArrayView(const Converter& element, void* address, Py_ssize_t length, PyObject* owner);

struct DataMemberObject {
  PyObject_HEAD Converter* type;
  intptr_t offset;  // in the object, or the absolute address of static data
  cppyy_scope_t scope;
  bool isStatic;
  bool isConst;
  Py_ssize_t arrayLength;  // "int[4]": 4 (one dimension); 0 if not an array
  std::string* name;
};

// The member's address in obj (adjusted when obj is of a derived class).
void* addressIn(DataMemberObject* d, PyObject* obj) {
  if (d->isStatic) return reinterpret_cast<void*>(d->offset);
  auto* instance = reinterpret_cast<Instance*>(obj);
  char* object = static_cast<char*>(instance->object);
  if (object == nullptr) {
    PyErr_Format(PyExc_ReferenceError, "%s: the C++ object is null or was destroyed", d->name->c_str());
    return nullptr;
  }
  cppyy_scope_t actual = scopeOf(Py_TYPE(obj));
  if (actual != d->scope && actual != 0) {
    // the descriptor called with an object of an unrelated class (Point.__dict__['x'].__get__(counted))
    if (!cppyy_is_subtype(actual, d->scope)) {
      PyErr_Format(PyExc_TypeError, "%s is a data member of %s, not of %s", d->name->c_str(),
                   take(cppyy_scoped_final_name(d->scope)).c_str(), Py_TYPE(obj)->tp_name);
      return nullptr;
    }
    object += cppyy_base_offset(actual, d->scope, object, 1);
  }
  return object + d->offset;
}

PyObject* dataGet(PyObject* self, PyObject* obj, PyObject*) {
  auto* d = reinterpret_cast<DataMemberObject*>(self);
  if (!d->isStatic && (obj == nullptr || obj == Py_None)) {
    PyErr_Format(PyExc_AttributeError, "%s is a C++ data member: read it from an instance", d->name->c_str());
    return nullptr;
  }
  if (!d->isStatic && !isInstance(obj)) {
    PyErr_Format(PyExc_TypeError, "%s: not a C++ object", d->name->c_str());
    return nullptr;
  }
  void* address = addressIn(d, obj);
  if (address == nullptr) return nullptr;
  const Converter& t = *d->type;
  if (d->arrayLength > 0) return makeArrayView(t, address, d->arrayLength, obj);
  switch (t.kind) {
    case Kind::ClassValue:
    case Kind::ClassPtr: {
      void* object = t.kind == Kind::ClassValue ? address : *static_cast<void**>(address);
      if (object == nullptr) Py_RETURN_NONE;
      PyObject* cls = classFor(t.klass);
      if (cls == nullptr) return nullptr;
      PyObject* out = bindObject(cls, object, false);  // the member, not a copy
      Py_DECREF(cls);
      if (out != nullptr && !d->isStatic && t.kind == Kind::ClassValue) setOwner(out, obj);  // lives in obj
      return out;
    }
    case Kind::CharPtr: {
      const char* text = *static_cast<const char**>(address);
      if (text == nullptr) Py_RETURN_NONE;
      return PyUnicode_DecodeUTF8(text, std::strlen(text), nullptr);
    }
    default:
      return t.enumScope ? asEnumValue(t, readValue(t, address)) : readValue(t, address);
  }
}

size_t widthOf(Kind kind) {
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
    case Kind::Long:
    case Kind::ULong:
    case Kind::LLong:
    case Kind::ULLong:
    case Kind::Double:
      return 8;
    default:
      return 0;
  }
}

// A fixed-size array member of builtins: a sequence over the object's own
// elements (it keeps the object alive).
struct ArrayView {
  PyObject_HEAD Converter* element;
  char* address;
  Py_ssize_t length;
  PyObject* owner;
};

PyTypeObject ArrayViewType = {PyVarObject_HEAD_INIT(nullptr, 0) "cppyy.CPPArray"};

char* elementAddress(ArrayView* view, Py_ssize_t i) {
  if (i < 0 || i >= view->length) {
    PyErr_Format(PyExc_IndexError, "C++ array index out of range: %zd of %zd", i, view->length);
    return nullptr;
  }
  return view->address + i * widthOf(view->element->kind);
}

Py_ssize_t arrayLength(PyObject* self) { return reinterpret_cast<ArrayView*>(self)->length; }

PyObject* arrayItem(PyObject* self, Py_ssize_t i) {
  auto* view = reinterpret_cast<ArrayView*>(self);
  char* at = elementAddress(view, i);
  if (at == nullptr) return nullptr;
  const Converter& element = *view->element;
  return element.enumScope ? asEnumValue(element, readValue(element, at)) : readValue(element, at);
}

int arrayAssign(PyObject* self, Py_ssize_t i, PyObject* value) {
  auto* view = reinterpret_cast<ArrayView*>(self);
  char* at = elementAddress(view, i);
  if (at == nullptr) return -1;
  if (value == nullptr) {
    PyErr_SetString(PyExc_TypeError, "C++ array elements cannot be deleted");
    return -1;
  }
  return writeValue(*view->element, value, at, "a C++ array element");
}

void arrayDealloc(PyObject* self) {
  auto* view = reinterpret_cast<ArrayView*>(self);
  Py_XDECREF(view->owner);
  Py_TYPE(self)->tp_free(self);
}

PySequenceMethods arraySequence = {arrayLength, nullptr, nullptr, arrayItem, nullptr, arrayAssign};

PyObject* makeArrayView(const Converter& element, void* address, Py_ssize_t length, PyObject* owner) {
  auto* view = PyObject_New(ArrayView, &ArrayViewType);
  if (view == nullptr) return nullptr;
  view->element = const_cast<Converter*>(&element);  // the descriptor's, which lives as long as its class
  view->address = static_cast<char*>(address);
  view->length = length;
  view->owner = owner;
  Py_XINCREF(owner);
  return reinterpret_cast<PyObject*>(view);
}

// std::string's own operator=, through the loader (its builtin dictionary).
cppyy_method_t stringAssignment() {
  static cppyy_method_t assign = [] {
    cppyy_scope_t s = stringScope();
    cppyy_index_t* indices = cppyy_method_indices_from_name(s, "operator=");
    cppyy_method_t found = 0;
    for (cppyy_index_t* i = indices; i && *i != static_cast<cppyy_index_t>(-1); ++i) {
      cppyy_method_t m = cppyy_get_method(s, *i);
      if (cppyy_method_num_args(m) == 1 &&
          converterFor(take(cppyy_method_arg_type(m, 0)), 0).kind == Kind::StdString)
        found = m;
    }
    cppyy_free(indices);
    return found;
  }();
  return assign;
}

int dataSet(PyObject* self, PyObject* obj, PyObject* value) {
  auto* d = reinterpret_cast<DataMemberObject*>(self);
  if (value == nullptr) {
    PyErr_Format(PyExc_AttributeError, "C++ data member %s cannot be deleted", d->name->c_str());
    return -1;
  }
  if (d->isConst) {
    PyErr_Format(PyExc_TypeError, "C++ data member %s is const: it cannot be assigned", d->name->c_str());
    return -1;
  }
  if (!d->isStatic && !isInstance(obj)) {
    PyErr_Format(PyExc_TypeError, "%s: not a C++ object", d->name->c_str());
    return -1;
  }
  void* address = addressIn(d, obj);
  if (address == nullptr) return -1;
  if (d->type->kind == Kind::ClassPtr) {  // a pointer member takes another object's address
    alignas(16) char slot[64] = {};
    Temporaries temps;
    const char* why = nullptr;
    if (!toSlot(*d->type, value, slot, temps, why)) {
      PyErr_Format(PyExc_TypeError, "cannot assign to %s ('%s'): %s", d->name->c_str(),
                   d->type->typeName.c_str(), why);
      return -1;
    }
    std::memcpy(address, slot, sizeof(void*));
    return 0;
  }
  return writeValue(*d->type, value, address, d->name->c_str());
}

void dataDealloc(PyObject* self) {
  auto* d = reinterpret_cast<DataMemberObject*>(self);
  delete d->type;
  delete d->name;
  Py_TYPE(self)->tp_free(self);
}

}  // namespace

int writeValue(const Converter& t, PyObject* value, void* address, const char* what) {
  alignas(16) char slot[64 + 2 * sizeof(unsigned long)] = {};
  Temporaries temps;
  const char* why = nullptr;
  if (!toSlot(t, value, slot, temps, why)) {
    PyErr_Format(isValueError(why) ? PyExc_ValueError : PyExc_TypeError, "cannot assign to %s ('%s'): %s",
                 what, t.typeName.c_str(), why);
    return -1;
  }
  if (t.kind == Kind::LongDouble) {
    cppyy_double2longdouble(PyFloat_AsDouble(value), address);
    return 0;
  }
  if (size_t width = widthOf(t.kind); width != 0) {
    if (t.kind == Kind::Bool)
      *static_cast<bool*>(address) = slot[0] != 0;
    else
      std::memcpy(address, slot, width);
    return 0;
  }
  if (t.kind == Kind::StdString && stringAssignment() != 0) {
    cppyy_call_r(stringAssignment(), address, 1, slot);
    return 0;
  }
  PyErr_Format(PyExc_TypeError, "assigning to %s ('%s') is not supported", what, t.typeName.c_str());
  return -1;
}

PyTypeObject DataMemberType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "cppyy.CPPDataMember",
};

bool readyDataMemberType() {
  DataMemberType.tp_basicsize = sizeof(DataMemberObject);
  DataMemberType.tp_flags = Py_TPFLAGS_DEFAULT;
  DataMemberType.tp_descr_get = dataGet;
  DataMemberType.tp_descr_set = dataSet;
  DataMemberType.tp_dealloc = dataDealloc;
  ArrayViewType.tp_basicsize = sizeof(ArrayView);
  ArrayViewType.tp_flags = Py_TPFLAGS_DEFAULT;
  ArrayViewType.tp_dealloc = arrayDealloc;
  ArrayViewType.tp_as_sequence = &arraySequence;
  return PyType_Ready(&DataMemberType) == 0 && PyType_Ready(&ArrayViewType) == 0;
}

PyObject* makeDataMember(cppyy_scope_t scope, int index) {
  auto* d = PyObject_New(DataMemberObject, &DataMemberType);
  if (d == nullptr) return nullptr;
  std::string type = take(dictloader_datamember_type(scope, index));
  d->type = new Converter(converterFor(type, 2));  // in place: an enum has its own width
  d->offset = cppyy_datamember_offset(scope, index);
  d->scope = scope;
  d->isStatic = cppyy_is_staticdata(scope, index) != 0;
  d->isConst = cppyy_is_const_data(scope, index) != 0;
  d->name = new std::string(take(cppyy_datamember_name(scope, index)));
  d->arrayLength = 0;
  if (size_t bracket = type.find('['); bracket != std::string::npos) {
    int extent = cppyy_get_dimension_size(scope, index, 0);
    *d->type = converterFor(type.substr(0, bracket), 2);
    if (extent > 0 && cppyy_get_dimension_size(scope, index, 1) < 0 && widthOf(d->type->kind) != 0)
      d->arrayLength = extent;
    else
      d->type->kind = Kind::Unsupported;  // arrays of classes and of several dimensions: not yet
  }
  return reinterpret_cast<PyObject*>(d);
}

}  // namespace cppyy_cpython
