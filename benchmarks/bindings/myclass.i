// myclass.i - SWIG's interface to the seed's MyClass, built twice: with
// -builtin (the wrapper is the Python type) and SWIG's default (a Python
// proxy class over flat functions). The module name comes from -module.
%module myclass_swig

%{
#include "MyClass.h"
%}

%include <std_string.i>

%include "MyClass.h"
