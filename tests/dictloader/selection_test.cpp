// selection_test.cpp - a dictionary generated with a ROOT selection file
// (tests/genreflex/data/selected.h and selected.xml), as the registry and the
// C API see it: what the file selects is there and callable, what it leaves
// out is not, and what the selection needs (a base class) came along.
#include <string>

#include "capi_support.h"

namespace dictloader_test {
namespace {

class SelectedDictionary : public LoaderTest {
 protected:
  void SetUp() override {
    LoaderTest::SetUp();
    ASSERT_EQ(dictloader_load(DICTLOADER_TEST_SELECTED_DICT), 1) << dictloader_last_error();
  }
  static bool hasMethod(cppyy_scope_t scope, const char* name) { return !indicesOf(scope, name).empty(); }
};

TEST_F(SelectedDictionary, SelectedClassesAreThereAndTheOthersAreNot) {
  for (const char* name : {"sel::Track", "sel::Base", "sel::Helper", "sel::Holder", "sel::Pointee",
                           "sel::Box<float>", "sel::Box<long>", "std::vector<sel::Helper>", "other"})
    EXPECT_NE(cppyy_get_scope(name), 0u) << name;
  for (const char* name : {"sel::Internal", "sel::Unselected", "sel::Track::Fit", "sel::inner::Deep",
                           "other::Elsewhere", "sel::Shape"})
    EXPECT_EQ(cppyy_get_scope(name), 0u) << name;
  EXPECT_TRUE(cppyy_is_namespace(scopeOf("other")));
}

TEST_F(SelectedDictionary, ExcludedMembersAreGoneAndTheBaseComesAlong) {
  cppyy_scope_t track = scopeOf("sel::Track");
  EXPECT_TRUE(hasMethod(track, "size"));
  EXPECT_FALSE(hasMethod(track, "debug"));
  EXPECT_EQ(indicesOf(track, "fit").size(), 1u);
  EXPECT_NE(methodOf(track, "fit", "(int)"), 0);
  EXPECT_GE(dataIndexOf(track, "hits"), 0);
  EXPECT_GE(dataIndexOf(track, "cache"), 0);
  EXPECT_EQ(dataIndexOf(track, "raw"), -1);
  ASSERT_EQ(cppyy_num_bases(track), 1);
  EXPECT_EQ(take(cppyy_base_name(track, 0)), "sel::Base");
}

TEST_F(SelectedDictionary, SelectedFunctionsAndVariablesAreCallableAndReadable) {
  cppyy_scope_t ns = scopeOf("sel");
  EXPECT_FALSE(hasMethod(ns, "other"));
  EXPECT_EQ(indicesOf(ns, "build").size(), 1u);  // proto_name picked build(double)
  Args args(1);
  args.set<int>(0, 21);
  EXPECT_EQ(cppyy_call_i(methodOf(ns, "make", "(int)"), nullptr, 1, args.get()), 42);
  EXPECT_EQ(args.takeError(1), "");
  args.set<double>(0, 3.5).clearStatus(1);
  EXPECT_EQ(cppyy_call_i(methodOf(ns, "build", "(double)"), nullptr, 1, args.get()), 103);
  int counter = dataIndexOf(ns, "counter");
  ASSERT_GE(counter, 0);
  EXPECT_EQ(*reinterpret_cast<int*>(cppyy_datamember_offset(ns, counter)), 5);
  EXPECT_EQ(dataIndexOf(ns, "hidden"), -1);
}

TEST_F(SelectedDictionary, AnObjectOfASelectedClassCallsItsKeptMethods) {
  cppyy_scope_t track = scopeOf("sel::Track");
  cppyy_object_t object = cppyy_construct(track);
  ASSERT_NE(object, nullptr);
  Args args(1);
  args.set<int>(0, 9);
  EXPECT_EQ(cppyy_call_i(methodOf(track, "fit", "(int)"), object, 1, args.get()), 10);
  EXPECT_EQ(cppyy_call_i(methodOf(track, "size", "()"), object, 0, args.get()), 3);
  cppyy_destruct(track, object);
}

}  // namespace
}  // namespace dictloader_test
