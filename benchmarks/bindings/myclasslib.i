// myclasslib.i - SWIG's interface to MyClassLib, the seed's class with its
// methods compiled into libMyClassLib.so (the out-of-line rows), built with
// and without -builtin as myclass.i is. The module name comes from -module.
%module myclasslib_swig

%{
#include "MyClassLib.h"
%}

%include "MyClassLib.h"
