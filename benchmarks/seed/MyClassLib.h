// MyClassLib.h - the seed's class as most libraries ship one: the methods are
// declared here and compiled into their own library (MyClassLib.cpp, built as
// libMyClassLib.so), so genreflex sees no bodies and cannot prove that they
// do not throw. Their fast path needs --methptrgetter=all.
#pragma once

class MyClassLib {
 public:
  MyClassLib();
  explicit MyClassLib(int data);
  virtual ~MyClassLib();

  int MyFunc();
  int AddInt(int a);
  double Sum(double a, double b);

  int m_data;
};
