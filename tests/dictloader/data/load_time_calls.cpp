// load_time_calls.cpp - a library whose static initializer calls into the loader,
// as a library that registers itself or looks up its own classes at load time
// does. It runs inside dlopen, with the dynamic linker's lock held, and pauses
// first so that another thread is sure to be inside a lookup when it calls.
#include <chrono>
#include <thread>

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictloader.h"
#include "loadtime.h"

int loadtime::Answer() { return 42; }

extern "C" {
// What the initializer saw, for the test to read after dlopen returns.
__attribute__((visibility("default"))) cppyy_scope_t load_time_scope = 0;
__attribute__((visibility("default"))) size_t load_time_dictionaries = 0;
}

namespace {
struct CallsLoaderWhileLoading {
  CallsLoaderWhileLoading() {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    load_time_dictionaries = dictloader_num_dictionaries();
    load_time_scope = cppyy_get_scope("loadtime::Thing");
  }
} callsLoaderWhileLoading;
}  // namespace
