// threads_test.cpp - the registry under threads: a library whose static
// initializer calls the loader while another thread looks names up (the
// registry must not wait on the dynamic linker with its lock held), objects
// mapped where an unloaded one was, and a many-threaded stress of loads, dlopen
// by hand, lookups of names that appear later, and calls (run under
// ThreadSanitizer by scripts/test.sh).
#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "capi_support.h"

namespace dictloader_test {
namespace {

// Ends the process if the scenario has not finished in time: a deadlock
// must fail the test, not hang the run.
class Watchdog {
 public:
  explicit Watchdog(const char* what, int seconds) {
    thread_ = std::thread([this, what, seconds] {
      for (int i = 0; i < seconds * 10 && !done_; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (!done_) {
        std::fprintf(stderr, "deadlock: %s did not finish within %d s\n", what, seconds);
        std::fflush(stderr);
        _exit(3);
      }
    });
  }
  ~Watchdog() {
    done_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> done_{false};
  std::thread thread_;
};

TEST(Threads, StaticInitializerCallingTheLoaderWhileAnotherThreadLooksUp) {
  Watchdog watchdog("dlopen of a library whose initializer calls the loader", 30);
  std::atomic<bool> loaded{false};
  std::atomic<long> lookups{0};
  // Thread B: lookups of a name no dictionary has, so each one that follows a
  // change of the loaded objects scans them.
  std::thread lookup([&] {
    while (!loaded) {
      EXPECT_EQ(cppyy_get_scope("never::There"), 0u);
      ++lookups;
    }
  });
  while (lookups == 0) std::this_thread::yield();
  // Thread A (this one): the initializer pauses, then calls the loader with
  // the dynamic linker's lock held.
  void* handle = dlopen(DICTLOADER_TEST_LOADTIME_DICT, RTLD_NOW | RTLD_LOCAL);
  loaded = true;
  lookup.join();
  ASSERT_NE(handle, nullptr) << dlerror();
  auto* scope = static_cast<cppyy_scope_t*>(dlsym(handle, "load_time_scope"));
  ASSERT_NE(scope, nullptr);
  // The initializer found the dictionary it belongs to, while it was being loaded.
  EXPECT_NE(*scope, 0u);
  EXPECT_EQ(*scope, cppyy_get_scope("loadtime::Thing"));
  EXPECT_GT(lookups.load(), 0);
}

std::uintptr_t loadAddress(void* handle) {
  link_map* map = nullptr;
  return dlinfo(handle, RTLD_DI_LINKMAP, &map) == 0 && map ? map->l_addr : 0;
}

TEST(Threads, DictionaryMappedWhereAnUnloadedLibraryWasIsFound) {
  // The impostor holds the same tables under another symbol name: the loader
  // looks at it, remembers it as no dictionary, and it is unloaded.
  void* impostor = dlopen(DICTLOADER_TEST_IMPOSTOR_LIB, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(impostor, nullptr) << dlerror();
  EXPECT_EQ(cppyy_get_scope("reuse::Probe"), 0u);
  std::uintptr_t where = loadAddress(impostor);
  ASSERT_EQ(dlclose(impostor), 0);
  void* dictionary = dlopen(DICTLOADER_TEST_REUSE_DICT, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(dictionary, nullptr) << dlerror();
  // The scenario itself: the dynamic linker put the dictionary where the impostor was.
  ASSERT_EQ(loadAddress(dictionary), where) << "the dictionary was not mapped at the impostor's address";
  EXPECT_NE(cppyy_get_scope("reuse::Probe"), 0u);
}

TEST(Threads, RegisteredDictionaryStaysLoadedAfterItsOpenerCloses) {
  void* handle = dlopen(DICTLOADER_TEST_REUSE_DICT, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr) << dlerror();
  cppyy_scope_t probe = cppyy_get_scope("reuse::Probe");
  ASSERT_NE(probe, 0u);
  ASSERT_EQ(dlclose(handle), 0);
  // Still mapped: the registry holds its own reference.
  void* again = dlopen(DICTLOADER_TEST_REUSE_DICT, RTLD_NOW | RTLD_NOLOAD);
  EXPECT_NE(again, nullptr);
  if (again) dlclose(again);
  EXPECT_EQ(cppyy_num_methods(probe), 3);  // Answer and two constructors, read from its tables
}

TEST(Threads, StressLoadsLookupsAndCalls) {
  Watchdog watchdog("the 8-thread stress", 120);
  constexpr int kThreads = 8;
  constexpr int kRounds = 300;
  std::atomic<int> ready{0};
  std::atomic<long> calls{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready < kThreads) std::this_thread::yield();
      for (int round = 0; round < kRounds; ++round) {
        switch ((t + round) % 4) {
          case 0:  // load through the loader
            EXPECT_EQ(dictloader_load(DICTLOADER_TEST_API_DICT), 1) << dictloader_last_error();
            break;
          case 1: {  // behind the loader's back, and closed again at once
            void* handle = dlopen(DICTLOADER_TEST_DISCOVERED_DICT, RTLD_NOW | RTLD_LOCAL);
            EXPECT_NE(handle, nullptr);
            if (handle) dlclose(handle);
            break;
          }
          case 2: {  // names that appear once some thread has loaded their dictionary
            cppyy_scope_t probe = cppyy_get_scope("found::Probe");
            if (probe != 0) {
              EXPECT_EQ(cppyy_is_namespace(probe), 0);
            }
            EXPECT_EQ(cppyy_get_scope("never::There"), 0u);
            break;
          }
          case 3: {  // calls once the class is there
            cppyy_scope_t widget = cppyy_get_scope("api::Widget");
            if (widget == 0) break;
            cppyy_index_t* indices = cppyy_method_indices_from_name(widget, "Twice");
            ASSERT_NE(indices, nullptr);
            cppyy_method_t twice = cppyy_get_method(widget, indices[0]);
            cppyy_free(indices);
            Args args(1);
            args.set<int>(0, round).clearStatus();
            EXPECT_EQ(cppyy_call_i(twice, nullptr, 1, args.get()), 2 * round);
            // (Widget's constructor counts instances without a lock: construct another class.)
            cppyy_scope_t derived = cppyy_get_scope("api::Derived");
            cppyy_object_t object = cppyy_construct(derived);
            EXPECT_NE(object, nullptr);
            EXPECT_EQ(cppyy_actual_class(cppyy_get_scope("api::Base"), object), derived);
            cppyy_destruct(derived, object);
            ++calls;
            break;
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_GT(calls.load(), 0);
  // Whether or not a scan caught it while it was open, it is found once open.
  void* handle = dlopen(DICTLOADER_TEST_DISCOVERED_DICT, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr);
  EXPECT_NE(cppyy_get_scope("found::Probe"), 0u);
}

}  // namespace
}  // namespace dictloader_test
