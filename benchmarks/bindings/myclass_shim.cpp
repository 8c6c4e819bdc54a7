// myclass_shim.cpp - the C interface of myclass_shim.h, forwarding to MyClass.
#include "myclass_shim.h"

#include "MyClass.h"

namespace {

MyClass* object(MyClassHandle* self) { return reinterpret_cast<MyClass*>(self); }

}  // namespace

MyClassHandle* MyClass_new(void) { return reinterpret_cast<MyClassHandle*>(new MyClass()); }
void MyClass_delete(MyClassHandle* self) { delete object(self); }
int MyClass_MyFunc(MyClassHandle* self) { return object(self)->MyFunc(); }
int MyClass_AddInt(MyClassHandle* self, int a) { return object(self)->AddInt(a); }
double MyClass_Sum(MyClassHandle* self, double a, double b) { return object(self)->Sum(a, b); }
