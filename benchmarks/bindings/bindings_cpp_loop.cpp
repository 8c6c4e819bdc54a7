// bindings_cpp_loop.cpp - the C++ row of the bindings benchmark.
//
// Times the seed's calls made from C++ through libmyclass_shim.so: the same
// C functions cffi and ctypes call, out of the compiler's sight, so nothing
// is inlined and each call is a real call through the PLT.
//
//   bindings_cpp_loop ITERATIONS
// prints "MyFunc <ns> AddInt <ns> Sum <ns> MyClass <ns>" (best of 5 rounds);
// MyClass is MyClass_new() + MyClass_delete(), what a Python `MyClass()`
// whose result is dropped costs. A second line, "out-of-line MyFunc <ns> ...",
// times the same calls of MyClassLib, whose methods are in libMyClassLib.so:
// obj->MyFunc() etc. and `delete new MyClassLib()`.
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "MyClassLib.h"
#include "myclass_shim.h"

namespace {

template <class Body>
double bestNsPerCall(long iterations, Body body) {
  double best = 1e30;
  for (int round = 0; round < 5; ++round) {
    auto start = std::chrono::steady_clock::now();
    body(iterations);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds / iterations * 1e9 < best) best = seconds / iterations * 1e9;
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  long iterations = argc == 2 ? std::atol(argv[1]) : 0;
  if (iterations <= 0) {
    std::fprintf(stderr, "usage: bindings_cpp_loop ITERATIONS (a positive count)\n");
    return 2;
  }
  MyClassHandle* object = MyClass_new();
  volatile double sink = 0;
  double tMyFunc = bestNsPerCall(iterations, [&](long n) {
    long s = 0;
    for (long i = 0; i < n; ++i) s += MyClass_MyFunc(object);
    sink = s;
  });
  double tAddInt = bestNsPerCall(iterations, [&](long n) {
    long s = 0;
    for (long i = 0; i < n; ++i) s += MyClass_AddInt(object, 1);
    sink = s;
  });
  double tSum = bestNsPerCall(iterations, [&](long n) {
    double s = 0;
    for (long i = 0; i < n; ++i) s += MyClass_Sum(object, 1.0, 2.0);
    sink = s;
  });
  double tConstruct = bestNsPerCall(iterations, [&](long n) {
    for (long i = 0; i < n; ++i) MyClass_delete(MyClass_new());
  });
  MyClass_delete(object);
  std::printf("MyFunc %.3f AddInt %.3f Sum %.3f MyClass %.3f\n", tMyFunc, tAddInt, tSum, tConstruct);

  auto* outOfLine = new MyClassLib();
  tMyFunc = bestNsPerCall(iterations, [&](long n) {
    long s = 0;
    for (long i = 0; i < n; ++i) s += outOfLine->MyFunc();
    sink = s;
  });
  tAddInt = bestNsPerCall(iterations, [&](long n) {
    long s = 0;
    for (long i = 0; i < n; ++i) s += outOfLine->AddInt(1);
    sink = s;
  });
  tSum = bestNsPerCall(iterations, [&](long n) {
    double s = 0;
    for (long i = 0; i < n; ++i) s += outOfLine->Sum(1.0, 2.0);
    sink = s;
  });
  tConstruct = bestNsPerCall(iterations, [&](long n) {
    for (long i = 0; i < n; ++i) delete new MyClassLib();
  });
  delete outOfLine;
  (void)sink;
  std::printf("out-of-line MyFunc %.3f AddInt %.3f Sum %.3f MyClass %.3f\n", tMyFunc, tAddInt, tSum,
              tConstruct);
  return 0;
}
