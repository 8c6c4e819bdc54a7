// fastpath_policy_test.cpp - DICTLOADER_FASTPATH=all|none, run by ctest with that variable set
// (the loader reads it once per process, so these cannot share a process with the others).
#include <dlfcn.h>

#include <cstdlib>
#include <string>

#include "capi_support.h"
#include "loader_api.h"

// data/unwind_barrier.c: calls int f(int) from a frame without unwind tables.
extern "C" int dl_test_call_without_unwind_tables(void* function, int argument);

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

// What the process prints as it ends when an exception escapes a fast-path call.
const char* const kFatalLine =
    "^dictloader: fatal: C\\+\\+ exception escaped the fast-path call of %s: %s\n$";

std::string fatalLine(const std::string& function, const std::string& what) {
  std::string pattern = kFatalLine;
  pattern.replace(pattern.find("%s"), 2, function);
  pattern.replace(pattern.find("%s"), 2, what);
  return pattern;
}

TEST_F(FastPathPolicy, AllEndsTheProcessWithOneLineWhenAnExceptionEscapesAnOwnSymbol) {
  if (policy_ != "all") GTEST_SKIP();
  // The address is api::util::Checked itself: no wrapper catches, and above
  // the caller nothing can be unwound, as above PyPy's JIT code. libdictloader's
  // terminate handler names the function.
  void* checked =
      reinterpret_cast<void*>(cppyy_function_address(methodOf(scopeOf("api::util"), "Checked", "(int)")));
  ASSERT_EQ(checked, dlsym(RTLD_DEFAULT, "_ZN3api4util7CheckedEi"));
  EXPECT_EQ(dl_test_call_without_unwind_tables(checked, 5), 5);
  EXPECT_DEATH(dl_test_call_without_unwind_tables(checked, -1),
               fatalLine("api::util::Checked\\(int\\)", "api::util::Checked: negative"));
}

TEST_F(FastPathPolicy, AllEndsTheProcessWithOneLineWhenAnExceptionEscapesAWrapper) {
  if (policy_ != "all") GTEST_SKIP();
  // Widget::Fail has an inline body: its address is a wrapper, which catches.
  auto fail = reinterpret_cast<int (*)(void*, int)>(
      cppyy_function_address(methodOf(scopeOf("api::Widget"), "Fail", "(int)")));
  ASSERT_NE(fail, nullptr);
  api::Widget object;
  EXPECT_DEATH(fail(&object, 1), fatalLine("api::Widget::Fail\\(int\\) const", "known text"));
}

TEST_F(FastPathPolicy, NoneWithdrawsEveryAddress) {
  if (policy_ != "none") GTEST_SKIP();
  cppyy_scope_t widget = scopeOf("api::Widget");
  EXPECT_EQ(cppyy_function_address(methodOf(widget, "Add", "(int)")), nullptr);
  EXPECT_EQ(cppyy_function_address(methodOf(widget, "Twice", "(int)")), nullptr);
}

}  // namespace
}  // namespace dictloader_test
