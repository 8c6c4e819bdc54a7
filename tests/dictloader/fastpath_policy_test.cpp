// fastpath_policy_test.cpp - DICTLOADER_FASTPATH=all|none, run by ctest with that variable set
// (the loader reads it once per process, so these cannot share a process with the others).
#include <cstdlib>
#include <string>

#include "capi_support.h"
#include "loader_api.h"

namespace dictloader_test {
namespace {

class FastPathPolicy : public LoaderTest {
 protected:
  void SetUp() override {
    const char* policy = std::getenv("DICTLOADER_FASTPATH");
    if (policy == nullptr) GTEST_SKIP() << "run by ctest with DICTLOADER_FASTPATH set";
    policy_ = policy;
    LoaderTest::SetUp();
  }
  std::string policy_;
};

TEST_F(FastPathPolicy, AllGivesEvenThrowingFunctionsAnAddress) {
  if (policy_ != "all") GTEST_SKIP();
  cppyy_scope_t widget = scopeOf("api::Widget");
  cppyy_funcaddr_t fail = cppyy_function_address(methodOf(widget, "Fail", "(int)"));
  ASSERT_NE(fail, nullptr);
  api::Widget object;
  EXPECT_EQ(reinterpret_cast<int (*)(void*, int)>(fail)(&object, -6), -6);  // a code that does not throw
  EXPECT_EQ(cppyy_function_address(methodOf(widget, "Widget", "(int)")), nullptr);  // constructors never
}

TEST_F(FastPathPolicy, NoneWithdrawsEveryAddress) {
  if (policy_ != "none") GTEST_SKIP();
  cppyy_scope_t widget = scopeOf("api::Widget");
  EXPECT_EQ(cppyy_function_address(methodOf(widget, "Add", "(int)")), nullptr);
  EXPECT_EQ(cppyy_function_address(methodOf(widget, "Twice", "(int)")), nullptr);
}

}  // namespace
}  // namespace dictloader_test
