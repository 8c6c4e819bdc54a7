// discovery_test.cpp - a dictionary loaded behind the loader's back (plain dlopen, as
// ctypes.CDLL does) is found on the first lookup that misses.
#include <dlfcn.h>

#include <string>

#include "capi_support.h"

namespace dictloader_test {
namespace {

TEST(Discovery, DictionaryOpenedWithPlainDlopenIsFoundOnLookup) {
  // Not known before the library is mapped: the later success is the scan's doing.
  ASSERT_EQ(cppyy_get_scope("found::Probe"), 0u);
  void* handle = dlopen(DICTLOADER_TEST_DISCOVERED_DICT, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr) << dlerror();

  cppyy_scope_t probe = cppyy_get_scope("found::Probe");
  ASSERT_NE(probe, 0u);
  EXPECT_EQ(cppyy_is_namespace(probe), 0);
  EXPECT_EQ(cppyy_is_namespace(cppyy_get_scope("found")), 1);

  bool listed = false;
  for (size_t i = 0; i < dictloader_num_dictionaries(); ++i)
    if (std::string(dictloader_dictionary_origin(i)) == DICTLOADER_TEST_DISCOVERED_DICT) listed = true;
  EXPECT_TRUE(listed);

  // Usable like any other: construct, call, destroy.
  cppyy_method_t ctor = 0, answer = 0;
  for (int i = 0; i < cppyy_num_methods(probe); ++i) {
    cppyy_method_t m = cppyy_get_method(probe, i);
    std::string name = take(cppyy_method_name(m));
    if (cppyy_is_constructor(m) && cppyy_method_num_args(m) == 0) ctor = m;
    if (name == "Answer") answer = m;
  }
  ASSERT_NE(ctor, 0);
  ASSERT_NE(answer, 0);
  Args none(0);
  none.clearStatus();
  cppyy_object_t obj = cppyy_constructor(ctor, probe, 0, none.get());
  ASSERT_NE(obj, nullptr);
  EXPECT_EQ(cppyy_call_i(answer, obj, 0, none.get()), 42);
  EXPECT_EQ(none.takeError(), "");
  cppyy_destruct(probe, obj);
  // The registry keeps pointers into the library: it stays mapped for the process.
}

TEST(Discovery, LoadingADiscoveredDictionaryDoesNotRegisterItTwice) {
  void* handle = dlopen(DICTLOADER_TEST_DISCOVERED_DICT, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr) << dlerror();
  ASSERT_NE(cppyy_get_scope("found::Probe"), 0u);
  size_t count = dictloader_num_dictionaries();
  EXPECT_EQ(dictloader_load(DICTLOADER_TEST_DISCOVERED_DICT), 1) << dictloader_last_error();
  EXPECT_EQ(dictloader_num_dictionaries(), count);
}

TEST(Discovery, DictionaryFoundNextToALoadedOne) {
  // Every dictionary exports the same entry symbol; each must still be read from its own library.
  ASSERT_EQ(dictloader_load(DICTLOADER_TEST_API_DICT), 1) << dictloader_last_error();
  void* handle = dlopen(DICTLOADER_TEST_DISCOVERED_DICT, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr) << dlerror();
  cppyy_scope_t probe = cppyy_get_scope("found::Probe");
  cppyy_scope_t widget = cppyy_get_scope("api::Widget");
  EXPECT_NE(probe, 0u);
  EXPECT_NE(widget, 0u);
  EXPECT_NE(probe, widget);
  EXPECT_EQ(cppyy_get_scope("found::Widget"), 0u);
}

}  // namespace
}  // namespace dictloader_test
