/* myclass_shim.h - a C interface over the seed's MyClass, for the bindings
 * that speak C only (cffi, ctypes) and for the C++ loop.
 *
 * An object is an opaque MyClassHandle*: MyClass_new() makes one, which the
 * caller owns and gives back to MyClass_delete(). Kept C89 so cffi's cdef can
 * read the declarations as written here. */
#ifndef MYCLASS_SHIM_H
#define MYCLASS_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct MyClassHandle MyClassHandle;

MyClassHandle* MyClass_new(void);
void MyClass_delete(MyClassHandle* self);
int MyClass_MyFunc(MyClassHandle* self);
int MyClass_AddInt(MyClassHandle* self, int a);
double MyClass_Sum(MyClassHandle* self, double a, double b);

#ifdef __cplusplus
}
#endif

#endif
