// boost_python_module.cpp - the seed's MyClass bound with Boost.Python, as
// its tutorial shows: one .def per member.
#include <boost/python.hpp>

#include "MyClass.h"

BOOST_PYTHON_MODULE(myclass_boost_python) {
  boost::python::class_<MyClass>("MyClass")
      .def("MyFunc", &MyClass::MyFunc)
      .def("AddInt", &MyClass::AddInt)
      .def("Sum", &MyClass::Sum);
}
