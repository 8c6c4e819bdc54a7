// pybind11_module.cpp - the seed's MyClass bound with pybind11, as its
// documentation shows: one .def per member.
#include <pybind11/pybind11.h>

#include "MyClass.h"

PYBIND11_MODULE(myclass_pybind11, m) {
  pybind11::class_<MyClass>(m, "MyClass")
      .def(pybind11::init<>())
      .def("MyFunc", &MyClass::MyFunc)
      .def("AddInt", &MyClass::AddInt)
      .def("Sum", &MyClass::Sum);
}
