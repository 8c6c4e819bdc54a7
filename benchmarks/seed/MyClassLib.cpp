// MyClassLib.cpp - the bodies of MyClassLib.h, in a library of their own.
#include "MyClassLib.h"

MyClassLib::MyClassLib() : m_data(0) {}
MyClassLib::MyClassLib(int data) : m_data(data) {}
MyClassLib::~MyClassLib() = default;

int MyClassLib::MyFunc() { return m_data; }
int MyClassLib::AddInt(int a) { return m_data + a; }
double MyClassLib::Sum(double a, double b) { return a + b; }
