// fastpath_policy_test.cpp - DICTLOADER_FASTPATH=all|none, run by ctest with that variable set
// (the loader reads it once per process, so these cannot share a process with the others).
#include <dlfcn.h>

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

TEST_F(FastPathPolicy, AllHandsOutAnOutOfLineFunctionsOwnSymbol) {
  if (policy_ != "all") GTEST_SKIP();
  // api::util::Half is compiled into the subjects library and may throw, as far as
  // genreflex can tell: recorded with its own symbol, handed out only under "all".
  cppyy_funcaddr_t half = cppyy_function_address(methodOf(scopeOf("api::util"), "Half", "(double)"));
  void* symbol = dlsym(RTLD_DEFAULT, "_ZN3api4util4HalfEd");
  ASSERT_NE(symbol, nullptr) << dlerror();
  EXPECT_EQ(half, symbol);
  EXPECT_EQ(reinterpret_cast<double (*)(double)>(half)(3.0), 1.5);
}

TEST_F(FastPathPolicy, NoneWithdrawsEveryAddress) {
  if (policy_ != "none") GTEST_SKIP();
  cppyy_scope_t widget = scopeOf("api::Widget");
  EXPECT_EQ(cppyy_function_address(methodOf(widget, "Add", "(int)")), nullptr);
  EXPECT_EQ(cppyy_function_address(methodOf(widget, "Twice", "(int)")), nullptr);
}

}  // namespace
}  // namespace dictloader_test
