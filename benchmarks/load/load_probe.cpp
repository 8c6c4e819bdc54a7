// load_probe.cpp - what loading a dictionary costs, stage by stage.
//
//   load_probe libXDict.so CLASS
// prints "dlopen <us> register <us> first_use <us> second_use <us> methods <n>":
// the dynamic loader's dlopen, libdictloader's registration of the mapped
// dictionary (validation of the header and name tables), the first use of a
// class (its tables are validated and built), and a second use.
#include <dlfcn.h>

#include <chrono>
#include <cstdio>

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictionary_abi.h"
#include "dictloader/dictloader.h"

namespace {
double microsecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: load_probe libXDict.so CLASS\n");
    return 2;
  }
  dictloader_num_dictionaries();  // the registry exists before the clock starts
  auto start = std::chrono::steady_clock::now();
  void* handle = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  double dlopenTime = microsecondsSince(start);
  if (handle == nullptr) {
    std::fprintf(stderr, "load_probe: %s\n", dlerror());
    return 1;
  }
  const void* dictionary = dlsym(handle, DLDICT_ENTRY_SYMBOL);
  start = std::chrono::steady_clock::now();
  int registered = dictloader_register(dictionary, argv[1]);
  double registerTime = microsecondsSince(start);
  if (!registered) {
    std::fprintf(stderr, "load_probe: %s\n", dictloader_last_error());
    return 1;
  }
  start = std::chrono::steady_clock::now();
  int methods = cppyy_num_methods(cppyy_get_scope(argv[2]));
  double firstUse = microsecondsSince(start);
  start = std::chrono::steady_clock::now();
  int again = cppyy_num_methods(cppyy_get_scope(argv[2]));
  double secondUse = microsecondsSince(start);
  std::printf("dlopen %.2f register %.2f first_use %.2f second_use %.2f methods %d\n", dlopenTime,
              registerTime, firstUse, secondUse, methods == again ? methods : -1);
  return 0;
}
