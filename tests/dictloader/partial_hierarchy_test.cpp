// partial_hierarchy_test.cpp - a class stays usable when a base class is in no dictionary.
//
// Clients (PyPy's _cppyy) build a class's bases before the class, so the C API
// lists only the bases some dictionary describes.
#include "partial_hierarchy.h"

#include <gtest/gtest.h>

#include "capi_support.h"

namespace {

using dictloader_test::take;

class PartialHierarchy : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(dictloader_load(DICTLOADER_TEST_PARTIAL_DICT), 1) << dictloader_last_error();
  }
};

TEST_F(PartialHierarchy, UndescribedBasesAreNotListed) {
  cppyy_scope_t onlyHidden = cppyy_get_scope("partial::OnlyHidden");
  ASSERT_NE(onlyHidden, 0u);
  EXPECT_EQ(cppyy_num_bases(onlyHidden), 0);
  EXPECT_EQ(take(cppyy_base_name(onlyHidden, 0)), "");
}

TEST_F(PartialHierarchy, DescribedBasesAreListedAndStillOffset) {
  cppyy_scope_t mixed = cppyy_get_scope("partial::Mixed");
  cppyy_scope_t known = cppyy_get_scope("partial::KnownBase");
  ASSERT_NE(mixed, 0u);
  ASSERT_NE(known, 0u);
  ASSERT_EQ(cppyy_num_bases(mixed), 1);
  EXPECT_EQ(take(cppyy_base_name(mixed, 0)), "partial::KnownBase");
  EXPECT_TRUE(cppyy_is_subtype(mixed, known));
  partial::Mixed object;
  auto expected =
      reinterpret_cast<char*>(static_cast<partial::KnownBase*>(&object)) - reinterpret_cast<char*>(&object);
  EXPECT_NE(expected, 0);
  EXPECT_EQ(cppyy_base_offset(mixed, known, &object, 1), expected);
}

}  // namespace
