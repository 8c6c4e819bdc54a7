// seed_cpp_loop.cpp - the C++ side of the seed benchmark.
//
// Loads a dictionary, takes the fast-path addresses of MyClass::MyFunc,
// AddInt and Sum through the cppyy C API, and times a loop calling each
// through its function pointer: the same functions PyPy's JIT calls, and
// opaque to the compiler, so nothing is inlined.
//
//   seed_cpp_loop libMyClassDict.so ITERATIONS [CLASS]
// prints "MyFunc <ns> AddInt <ns> Sum <ns>" (best of 5 rounds). CLASS is
// MyClass unless given (MyClassLib: the methods compiled out of line).
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictloader.h"

namespace {

cppyy_method_t methodNamed(cppyy_scope_t scope, const char* name) {
  cppyy_index_t* indices = cppyy_method_indices_from_name(scope, name);
  if (indices == nullptr) return 0;
  cppyy_method_t m = cppyy_get_method(scope, indices[0]);
  cppyy_free(indices);
  return m;
}

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
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: seed_cpp_loop libMyClassDict.so ITERATIONS [CLASS]\n");
    return 2;
  }
  if (!dictloader_load(argv[1])) {
    std::fprintf(stderr, "seed_cpp_loop: %s\n", dictloader_last_error());
    return 1;
  }
  long iterations = std::atol(argv[2]);
  const char* className = argc == 4 ? argv[3] : "MyClass";
  cppyy_scope_t klass = cppyy_get_scope(className);
  if (klass == 0) {
    std::fprintf(stderr, "seed_cpp_loop: no class %s in %s\n", className, argv[1]);
    return 1;
  }
  cppyy_method_t myFunc = methodNamed(klass, "MyFunc");
  cppyy_method_t addInt = methodNamed(klass, "AddInt");
  cppyy_method_t sum = methodNamed(klass, "Sum");
  auto* fMyFunc = reinterpret_cast<int (*)(void*)>(cppyy_function_address(myFunc));
  auto* fAddInt = reinterpret_cast<int (*)(void*, int)>(cppyy_function_address(addInt));
  auto* fSum = reinterpret_cast<double (*)(void*, double, double)>(cppyy_function_address(sum));
  if (!fMyFunc || !fAddInt || !fSum) {
    std::fprintf(stderr, "seed_cpp_loop: no fast-path addresses (generate with --methptrgetter%s)\n",
                 argc == 4 ? "=all" : "");
    return 1;
  }
  cppyy_method_t ctor = methodNamed(klass, className);
  void* args = cppyy_allocate_function_args(0);
  void* object = cppyy_constructor(ctor, klass, 0, args);
  cppyy_deallocate_function_args(args);

  volatile long sink = 0;
  double tMyFunc = bestNsPerCall(iterations, [&](long n) {
    long s = 0;
    for (long i = 0; i < n; ++i) s += fMyFunc(object);
    sink = s;
  });
  double tAddInt = bestNsPerCall(iterations, [&](long n) {
    long s = 0;
    for (long i = 0; i < n; ++i) s += fAddInt(object, 1);
    sink = s;
  });
  double tSum = bestNsPerCall(iterations, [&](long n) {
    double s = 0;
    for (long i = 0; i < n; ++i) s += fSum(object, 1.0, 2.0);
    sink = static_cast<long>(s);
  });
  (void)sink;
  cppyy_destruct(klass, object);
  std::printf("MyFunc %.3f AddInt %.3f Sum %.3f\n", tMyFunc, tAddInt, tSum);
  return 0;
}
