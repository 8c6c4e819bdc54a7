// calls_test.cpp - calls through the stubs with PyPy-style argument buffers, exceptions
// reported in the status words, object ownership, and the fast-path addresses.
#include <cstdlib>
#include <string>

#include "capi_support.h"
#include "loader_api.h"

namespace dictloader_test {
namespace {

class Calls : public LoaderTest {
 protected:
  void SetUp() override {
    LoaderTest::SetUp();
    widget_ = scopeOf("api::Widget");
    stdString_ = scopeOf("std::string");
  }

  // A new Widget(value) made by its constructor, owned by the test.
  cppyy_object_t make(int value) {
    cppyy_method_t ctor = methodOf(widget_, "Widget", "(int)");
    Args args(1);
    args.set<int>(0, value).clearStatus();
    cppyy_object_t obj = cppyy_constructor(ctor, widget_, 1, args.get());
    EXPECT_EQ(args.takeError(), "");
    EXPECT_NE(obj, nullptr);
    return obj;
  }
  cppyy_method_t method(const char* name, const char* sig) { return methodOf(widget_, name, sig); }

  cppyy_scope_t widget_ = 0;
  cppyy_scope_t stdString_ = 0;
};

TEST_F(Calls, ConstructorMakesAnObjectAndDestructDestroysIt) {
  int before = api::Widget::instances;
  cppyy_object_t obj = make(5);
  ASSERT_NE(obj, nullptr);
  EXPECT_EQ(api::Widget::instances, before + 1);
  EXPECT_EQ(static_cast<api::Widget*>(obj)->value, 5);
  cppyy_destruct(widget_, obj);
  EXPECT_EQ(api::Widget::instances, before);
}

TEST_F(Calls, IntArgumentsAndDefaultsFilledInByTheStub) {
  cppyy_object_t obj = make(1);
  cppyy_method_t scale = method("Scale", "(int, int)");
  Args args(2);
  args.set<int>(0, 4).set<int>(1, 5).clearStatus(2);
  EXPECT_EQ(cppyy_call_i(scale, obj, 2, args.get()), 20);
  EXPECT_EQ(args.takeError(2), "");
  // PyPy passes only the arguments it was given; the status words then follow slot 0.
  args.clearStatus(1);
  EXPECT_EQ(cppyy_call_i(scale, obj, 1, args.get()), 12);
  EXPECT_EQ(args.takeError(1), "");
  cppyy_destruct(widget_, obj);
}

TEST_F(Calls, TooFewArgumentsAreReportedNotCalled) {
  cppyy_object_t obj = make(1);
  Args args(1);
  args.clearStatus(0);
  EXPECT_EQ(cppyy_call_i(method("Scale", "(int, int)"), obj, 0, args.get()), 0);
  std::string error = args.takeError(0);
  EXPECT_NE(error.find("Scale"), std::string::npos) << error;
  cppyy_destruct(widget_, obj);
}

TEST_F(Calls, OverloadsByArgumentType) {
  cppyy_object_t obj = make(5);
  Args args(1);
  args.set<int>(0, 2).clearStatus();
  EXPECT_EQ(cppyy_call_i(method("Add", "(int)"), obj, 1, args.get()), 7);
  args.set<double>(0, 1.5).clearStatus();
  EXPECT_DOUBLE_EQ(cppyy_call_d(method("Add", "(double)"), obj, 1, args.get()), 6.5);
  EXPECT_EQ(args.takeError(), "");
  cppyy_destruct(widget_, obj);
}

TEST_F(Calls, StaticMethodIgnoresSelf) {
  Args args(1);
  args.set<int>(0, 21).clearStatus();
  EXPECT_EQ(cppyy_call_i(method("Twice", "(int)"), nullptr, 1, args.get()), 42);
  EXPECT_EQ(args.takeError(), "");
}

TEST_F(Calls, NamespaceFunctionsByOverload) {
  cppyy_scope_t util = scopeOf("api::util");
  cppyy_method_t two = 0, three = 0;
  for (cppyy_index_t i : indicesOf(util, "Sum")) {
    cppyy_method_t m = cppyy_get_method(util, i);
    (cppyy_method_num_args(m) == 2 ? two : three) = m;
  }
  ASSERT_NE(two, 0);
  ASSERT_NE(three, 0);
  Args args(3);
  args.set<int>(0, 1).set<int>(1, 20).set<int>(2, 300).clearStatus(3);
  EXPECT_EQ(cppyy_call_i(three, nullptr, 3, args.get()), 321);
  args.clearStatus(2);
  EXPECT_EQ(cppyy_call_i(two, nullptr, 2, args.get()), 21);
  EXPECT_EQ(args.takeError(2), "");
  cppyy_method_t half = cppyy_get_method(util, indicesOf(util, "Half").at(0));
  args.set<double>(0, 5.0).clearStatus(1);
  EXPECT_DOUBLE_EQ(cppyy_call_d(half, nullptr, 1, args.get()), 2.5);
}

TEST_F(Calls, BoolResultAndBoolArgumentAsLong) {
  cppyy_object_t positive = make(3);
  cppyy_object_t zero = make(0);
  Args none(0);
  none.clearStatus();
  EXPECT_EQ(cppyy_call_b(method("IsPositive", "()"), positive, 0, none.get()), 1);
  EXPECT_EQ(cppyy_call_b(method("IsPositive", "()"), zero, 0, none.get()), 0);
  cppyy_method_t pick = method("Pick", "(bool, int, int)");
  Args args(3);
  args.setBool(0, true).set<int>(1, 7).set<int>(2, 9).clearStatus();
  EXPECT_EQ(cppyy_call_i(pick, positive, 3, args.get()), 7);
  args.setBool(0, false).clearStatus();
  EXPECT_EQ(cppyy_call_i(pick, positive, 3, args.get()), 9);
  EXPECT_EQ(args.takeError(), "");
  cppyy_destruct(widget_, positive);
  cppyy_destruct(widget_, zero);
}

TEST_F(Calls, MixedIntAndDoubleArguments) {
  cppyy_object_t obj = make(0);
  Args args(2);
  args.set<int>(0, 3).set<double>(1, 0.5).clearStatus();
  EXPECT_DOUBLE_EQ(cppyy_call_d(method("Mix", "(int, double)"), obj, 2, args.get()), 1.5);
  cppyy_destruct(widget_, obj);
}

TEST_F(Calls, StdStringByValueAndByConstReference) {
  cppyy_object_t obj = make(0);
  // std::string arguments are temporaries from charp2stdstring, destroyed after the call.
  cppyy_object_t name = cppyy_charp2stdstring("p\0y", 3);
  Args one(1);
  one.setPointer(0, name).clearStatus();
  size_t length = 0;
  char* greeting = cppyy_call_s(method("Greet", "(std::string)"), obj, 1, one.get(), &length);
  ASSERT_NE(greeting, nullptr);
  EXPECT_EQ(std::string(greeting, length), std::string("hello p\0y", 9));  // the length carries the NUL
  cppyy_free(greeting);
  EXPECT_EQ(one.takeError(), "");

  cppyy_object_t a = cppyy_charp2stdstring("left", 4);
  cppyy_object_t b = cppyy_charp2stdstring("right", 5);
  Args two(2);
  two.setPointer(0, a).setPointer(1, b).clearStatus();
  char* joined =
      cppyy_call_s(method("Join", "(const std::string&, const std::string&)"), obj, 2, two.get(), &length);
  EXPECT_EQ(take(joined), "left+right");
  EXPECT_EQ(length, 10u);
  for (cppyy_object_t s : {name, a, b}) cppyy_destruct(stdString_, s);
  cppyy_destruct(widget_, obj);
}

TEST_F(Calls, ConstCharPointerResultIsNotOwned) {
  cppyy_object_t obj = make(0);
  Args none(0);
  none.clearStatus();
  auto* label = static_cast<const char*>(cppyy_call_r(method("Label", "()"), obj, 0, none.get()));
  ASSERT_NE(label, nullptr);
  EXPECT_STREQ(label, "widget");
  cppyy_destruct(widget_, obj);
}

TEST_F(Calls, ClassByValueResultIsANewOwnedObject) {
  cppyy_object_t a = make(2);
  cppyy_object_t b = make(40);
  int before = api::Widget::instances;
  Args args(1);
  args.setPointer(0, b).clearStatus();
  cppyy_object_t sum = cppyy_call_o(method("Plus", "(const api::Widget&)"), a, 1, args.get(), widget_);
  EXPECT_EQ(args.takeError(), "");
  ASSERT_NE(sum, nullptr);
  EXPECT_NE(sum, a);
  EXPECT_NE(sum, b);
  EXPECT_EQ(static_cast<api::Widget*>(sum)->value, 42);
  EXPECT_EQ(api::Widget::instances, before + 1);  // the stub's temporary is gone, the result lives
  cppyy_destruct(widget_, sum);
  EXPECT_EQ(api::Widget::instances, before);
  cppyy_destruct(widget_, a);
  cppyy_destruct(widget_, b);
}

TEST_F(Calls, ClassByValueArgumentIsCopiedFromThePointer) {
  cppyy_object_t a = make(2);
  cppyy_object_t b = make(5);
  int before = api::Widget::instances;
  Args args(1);
  args.setPointer(0, b).clearStatus();
  EXPECT_EQ(cppyy_call_i(method("SumWith", "(api::Widget)"), a, 1, args.get()), 7);
  EXPECT_EQ(api::Widget::instances, before);  // the copy was destroyed, the original kept
  EXPECT_EQ(static_cast<api::Widget*>(b)->value, 5);
  cppyy_destruct(widget_, a);
  cppyy_destruct(widget_, b);
}

TEST_F(Calls, VoidMethodChangesTheObject) {
  cppyy_object_t obj = make(1);
  Args args(1);
  args.set<int>(0, 99).clearStatus();
  cppyy_call_v(method("Set", "(int)"), obj, 1, args.get());
  EXPECT_EQ(args.takeError(), "");
  EXPECT_EQ(static_cast<api::Widget*>(obj)->value, 99);
  cppyy_destruct(widget_, obj);
}

TEST_F(Calls, ThrowingMethodReportsWhatInTheStatusWords) {
  cppyy_object_t obj = make(1);
  cppyy_method_t fail = method("Fail", "(int)");
  Args args(1);
  args.set<int>(0, 1).clearStatus();
  EXPECT_EQ(cppyy_call_i(fail, obj, 1, args.get()), 0);
  unsigned long* status = args.status();
  ASSERT_NE(status[0], 0u) << "the exception was not reported";
  ASSERT_NE(status[1], 0u);
  EXPECT_STREQ(reinterpret_cast<const char*>(status[1]), "known text");
  cppyy_free(reinterpret_cast<void*>(status[1]));
  // The same method without a throw leaves the status clear (once the retry
  // guard, which would take this call for PyPy's retry pass, is off).
  int guarded = dictloader_set_retry_guard(0);
  args.set<int>(0, -4).clearStatus();
  EXPECT_EQ(cppyy_call_i(fail, obj, 1, args.get()), -4);
  EXPECT_EQ(args.status()[0], 0u);
  dictloader_set_retry_guard(guarded);
  cppyy_destruct(widget_, obj);
}

// PyPy's _cppyy calls an overload again after it threw, to collect its
// message: the loader answers that repeat with the stored message, unrun.
TEST_F(Calls, TheRetryGuardAnswersTheRepeatOfAThrowingCallUnrun) {
  ASSERT_EQ(dictloader_set_retry_guard(1), 1) << "on by default";
  cppyy_object_t obj = make(1);
  cppyy_method_t fail = method("Fail", "(int)");
  auto call = [&](int code, std::string& error) {
    Args args(1);
    args.set<int>(0, code).clearStatus();
    int result = cppyy_call_i(fail, obj, 1, args.get());
    error = args.status()[0] ? reinterpret_cast<const char*>(args.status()[1]) : "";
    if (args.status()[0]) cppyy_free(reinterpret_cast<void*>(args.status()[1]));
    return result;
  };
  std::string error;
  call(1, error);
  EXPECT_EQ(error, "known text");
  EXPECT_EQ(call(-4, error), 0) << "the repeat must not run (it would return -4)";
  EXPECT_EQ(error, "known text");
  EXPECT_EQ(call(-4, error), -4) << "after the repeat, a new call runs";
  EXPECT_EQ(error, "");
  // A call of another function ends the guard as well.
  call(1, error);
  EXPECT_EQ(error, "known text");
  Args none(0);
  none.clearStatus();
  EXPECT_EQ(cppyy_call_b(method("IsPositive", "()"), obj, 0, none.get()), 1);
  EXPECT_EQ(call(-5, error), -5);
  EXPECT_EQ(error, "");
  // Off (clients that never call an overload again), the repeat runs.
  EXPECT_EQ(dictloader_set_retry_guard(0), 1);
  call(1, error);
  EXPECT_EQ(call(-6, error), -6);
  EXPECT_EQ(error, "");
  dictloader_set_retry_guard(1);
  cppyy_destruct(widget_, obj);
}

TEST_F(Calls, AbstractBaseMethodDispatchesVirtually) {
  cppyy_scope_t concrete = scopeOf("api::Concrete");
  cppyy_method_t ctor = methodOf(concrete, "Concrete", "()");
  Args none(0);
  none.clearStatus();
  cppyy_object_t obj = cppyy_constructor(ctor, concrete, 0, none.get());
  ASSERT_NE(obj, nullptr);
  cppyy_method_t area = methodOf(scopeOf("api::Abstract"), "Area", "()");
  void* self = static_cast<char*>(obj) + cppyy_base_offset(concrete, scopeOf("api::Abstract"), obj, 1);
  EXPECT_EQ(cppyy_call_i(area, self, 0, none.get()), 42);
  EXPECT_EQ(none.takeError(), "");
  cppyy_destruct(concrete, obj);
}

// The default fast-path policy; fastpath_policy_test.cpp covers the others.
bool defaultFastPathPolicy() { return std::getenv("DICTLOADER_FASTPATH") == nullptr; }

TEST_F(Calls, FastPathAddressOfNonThrowingInlineMethodGivesTheStubResult) {
  if (!defaultFastPathPolicy()) GTEST_SKIP() << "DICTLOADER_FASTPATH is set";
  cppyy_object_t obj = make(10);
  cppyy_method_t add = method("Add", "(int)");
  cppyy_funcaddr_t address = cppyy_function_address(add);
  ASSERT_NE(address, nullptr);
  auto fn = reinterpret_cast<int (*)(void*, int)>(address);
  Args args(1);
  args.set<int>(0, 32).clearStatus();
  int viaStub = cppyy_call_i(add, obj, 1, args.get());
  EXPECT_EQ(viaStub, 42);
  EXPECT_EQ(fn(obj, 32), viaStub);
  // A static function takes no self.
  cppyy_funcaddr_t twice = cppyy_function_address(method("Twice", "(int)"));
  ASSERT_NE(twice, nullptr);
  EXPECT_EQ(reinterpret_cast<int (*)(int)>(twice)(8), 16);
  cppyy_destruct(widget_, obj);
}

TEST_F(Calls, FastPathIsWithheldFromFunctionsThatMayThrow) {
  if (!defaultFastPathPolicy()) GTEST_SKIP() << "DICTLOADER_FASTPATH is set";
  // The fast path has no error channel; unless DICTLOADER_FASTPATH=all these use the stubs.
  EXPECT_EQ(cppyy_function_address(method("Fail", "(int)")), nullptr);
  EXPECT_EQ(cppyy_function_address(method("Greet", "(std::string)")), nullptr);
  EXPECT_EQ(cppyy_function_address(methodOf(widget_, "Widget", "(int)")), nullptr);  // constructors never
}

}  // namespace
}  // namespace dictloader_test
