// members.cpp - data members, static data and namespace variables as
// descriptors: read and written in place, with the type's range checks.
#include <cstring>

#include "proxies.h"

namespace cppyy_cpython {
namespace {

std::string take(char* text) {
  std::string out = text ? text : "";
  cppyy_free(text);
  return out;
}

struct DataMemberObject {
  PyObject_HEAD Converter* type;
  intptr_t offset;  // in the object, or the absolute address of static data
  cppyy_scope_t scope;
  bool isStatic;
  bool isConst;
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
  if (actual != d->scope && actual != 0) object += cppyy_base_offset(actual, d->scope, object, 1);
  return object + d->offset;
}

PyObject* dataGet(PyObject* self, PyObject* obj, PyObject*) {
  auto* d = reinterpret_cast<DataMemberObject*>(self);
  if (!d->isStatic && (obj == nullptr || obj == Py_None)) {
    Py_INCREF(self);
    return self;
  }
  if (!d->isStatic && !isInstance(obj)) {
    PyErr_Format(PyExc_TypeError, "%s: not a C++ object", d->name->c_str());
    return nullptr;
  }
  void* address = addressIn(d, obj);
  if (address == nullptr) return nullptr;
  const Converter& t = *d->type;
  switch (t.kind) {
    case Kind::ClassValue:
    case Kind::ClassPtr: {
      void* object = t.kind == Kind::ClassValue ? address : *static_cast<void**>(address);
      if (object == nullptr) Py_RETURN_NONE;
      PyObject* cls = classFor(t.klass);
      if (cls == nullptr) return nullptr;
      PyObject* out = bindObject(cls, object, false);  // the member, not a copy
      Py_DECREF(cls);
      return out;
    }
    case Kind::CharPtr: {
      const char* text = *static_cast<const char**>(address);
      if (text == nullptr) Py_RETURN_NONE;
      return PyUnicode_DecodeUTF8(text, std::strlen(text), "surrogateescape");
    }
    default:
      return readValue(t, address);
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

// std::string's own operator=, through the loader (its builtin dictionary).
cppyy_method_t stringAssignment() {
  static cppyy_method_t assign = [] {
    cppyy_scope_t s = stringScope();
    cppyy_index_t* indices = cppyy_method_indices_from_name(s, "operator=");
    cppyy_method_t found = 0;
    for (cppyy_index_t* i = indices; i && *i != static_cast<cppyy_index_t>(-1); ++i) {
      cppyy_method_t m = cppyy_get_method(s, *i);
      if (cppyy_method_num_args(m) == 1 &&
          converterFor(take(cppyy_method_arg_type(m, 0)), false).kind == Kind::StdString)
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
    PyErr_Format(PyExc_AttributeError, "C++ data member %s is const", d->name->c_str());
    return -1;
  }
  if (!d->isStatic && !isInstance(obj)) {
    PyErr_Format(PyExc_TypeError, "%s: not a C++ object", d->name->c_str());
    return -1;
  }
  void* address = addressIn(d, obj);
  if (address == nullptr) return -1;
  const Converter& t = *d->type;
  alignas(16) char slot[64 + 2 * sizeof(unsigned long)] = {};
  Temporaries temps;
  const char* why = nullptr;
  if (!toSlot(t, value, slot, temps, why)) {
    PyErr_Format(PyExc_TypeError, "cannot assign to %s ('%s'): %s", d->name->c_str(), t.typeName.c_str(),
                 why);
    return -1;
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
  if (t.kind == Kind::ClassPtr) {
    std::memcpy(address, slot, sizeof(void*));
    return 0;
  }
  PyErr_Format(PyExc_TypeError, "assigning to %s ('%s') is not supported", d->name->c_str(),
               t.typeName.c_str());
  return -1;
}

void dataDealloc(PyObject* self) {
  auto* d = reinterpret_cast<DataMemberObject*>(self);
  delete d->type;
  delete d->name;
  Py_TYPE(self)->tp_free(self);
}

}  // namespace

PyTypeObject DataMemberType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "cppyy.CPPDataMember",
};

bool readyDataMemberType() {
  DataMemberType.tp_basicsize = sizeof(DataMemberObject);
  DataMemberType.tp_flags = Py_TPFLAGS_DEFAULT;
  DataMemberType.tp_descr_get = dataGet;
  DataMemberType.tp_descr_set = dataSet;
  DataMemberType.tp_dealloc = dataDealloc;
  return PyType_Ready(&DataMemberType) == 0;
}

PyObject* makeDataMember(cppyy_scope_t scope, int index) {
  auto* d = PyObject_New(DataMemberObject, &DataMemberType);
  if (d == nullptr) return nullptr;
  std::string type = take(cppyy_datamember_type(scope, index));
  d->type = new Converter(converterFor(type, true));
  if (cppyy_is_enum_data(scope, index)) *d->type = converterFor("int", true);
  d->offset = cppyy_datamember_offset(scope, index);
  d->scope = scope;
  d->isStatic = cppyy_is_staticdata(scope, index) != 0;
  d->isConst = cppyy_is_const_data(scope, index) != 0;
  d->name = new std::string(take(cppyy_datamember_name(scope, index)));
  // arrays ("int[4]") are not read as values yet
  if (type.find('[') != std::string::npos) d->type->kind = Kind::Unsupported;
  return reinterpret_cast<PyObject*>(d);
}

}  // namespace cppyy_cpython
