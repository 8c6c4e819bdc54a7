// MyClass.h - the class of the session: `_cppyy.gbl.MyClass().MyFunc()`
// through a dictionary loaded with ctypes.CDLL, and the fast-path loop over
// AddInt.
#pragma once

class MyClass {
 public:
  MyClass() : m_data(0) {}
  explicit MyClass(int data) : m_data(data) {}

  int MyFunc() { return m_data; }
  int AddInt(int a) { return m_data + a; }

  int m_data;
};
