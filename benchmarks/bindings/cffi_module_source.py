"""Writes the C source of _myclass_cffi, cffi's API-mode module over myclass_shim.h.

    python3 cffi_module_source.py OUTPUT.c

CMake compiles OUTPUT.c into the extension and links it with libmyclass_shim.so.
The declarations below are checked against the header by that compilation: the
generated code includes myclass_shim.h, so a mismatch is a compile error.
"""
import sys

import cffi

DECLARATIONS = """
typedef struct MyClassHandle MyClassHandle;
MyClassHandle* MyClass_new(void);
void MyClass_delete(MyClassHandle* self);
int MyClass_MyFunc(MyClassHandle* self);
int MyClass_AddInt(MyClassHandle* self, int a);
double MyClass_Sum(MyClassHandle* self, double a, double b);
"""


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: cffi_module_source.py OUTPUT.c")
    ffi = cffi.FFI()
    ffi.cdef(DECLARATIONS)
    ffi.set_source("_myclass_cffi", '#include "myclass_shim.h"')
    ffi.emit_c_code(sys.argv[1])


if __name__ == "__main__":
    main()
