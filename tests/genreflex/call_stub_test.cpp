// call_stub_test.cpp - calls through the generated stubs (DlStubFn), the one generic
// way into a function: argument passing, results, defaults, overloads, virtual
// dispatch, constructors, destructors and exceptions.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <string>

#include "builtins.h"
#include "dictionary_view.h"
#include "scopes.h"
#include "shapes.h"

namespace genreflex_test {
namespace {

class CallStubs : public ::testing::TestWithParam<Generated> {
 protected:
  const DictionaryView& dict() const { return generatedDictionary(GetParam()); }

  const DlFunction& fn(std::string_view scope, std::string_view name,
                       const std::vector<std::string_view>& args) const {
    const DlFunction* found = dict().function(scope, name, args);
    if (!found)
      throw std::runtime_error("no function " + std::string(name) + " in '" + std::string(scope) + "'");
    return *found;
  }

  // Calls a stub that must succeed and returns what it wrote to *result.
  template <class R>
  R call(const DlFunction& f, void* self, std::initializer_list<void*> args) const {
    R result{};
    std::string error;
    if (callStub(f, self, args, &result, error) != 0)
      throw std::runtime_error("stub " + std::string(dict().str(f.name)) + " failed: " + error);
    return result;
  }

  // Objects made by stubs are deleted through the class's own delete stub.
  void destroy(std::string_view scope, void* object) const {
    const DlScope* s = dict().scope(scope);
    ASSERT_NE(s, nullptr);
    ASSERT_NE(s->delete_object, nullptr);
    char error[64] = "";
    EXPECT_EQ(s->delete_object(object, 0, nullptr, nullptr, error, sizeof error), 0) << error;
  }
};

template <class T>
void expectEcho(const DictionaryView& dict, const char* type, T value) {
  const DlFunction* echo = dict.function("Builtins", "echo", {type});
  ASSERT_NE(echo, nullptr) << type;
  T argument = value;
  T result{};
  ASSERT_EQ(callStub(*echo, nullptr, {&argument}, &result), 0) << type;
  EXPECT_EQ(result, value) << type;
}

TEST_P(CallStubs, EchoRoundTripsEveryArithmeticTypeAtFullWidth) {
  // Values that do not fit a narrower type, so a stub that reads or writes
  // the wrong width fails.
  expectEcho<bool>(dict(), "bool", true);
  expectEcho<char>(dict(), "char", 'x');
  expectEcho<signed char>(dict(), "signed char", -100);
  expectEcho<unsigned char>(dict(), "unsigned char", 250);
  expectEcho<short>(dict(), "short", -30000);
  expectEcho<unsigned short>(dict(), "unsigned short", 65000);
  expectEcho<int>(dict(), "int", -2000000000);
  expectEcho<unsigned>(dict(), "unsigned int", 4000000000u);
  expectEcho<long>(dict(), "long", std::numeric_limits<long>::min() + 1);
  expectEcho<unsigned long>(dict(), "unsigned long", std::numeric_limits<unsigned long>::max() - 1);
  expectEcho<long long>(dict(), "long long", std::numeric_limits<long long>::min() + 3);
  expectEcho<unsigned long long>(dict(), "unsigned long long",
                                 std::numeric_limits<unsigned long long>::max() - 3);
  expectEcho<float>(dict(), "float", 1.0f / 3.0f);
  expectEcho<double>(dict(), "double", 1.0 / 3.0);
  expectEcho<long double>(dict(), "long double", 1.0L / 3.0L);
}

TEST_P(CallStubs, OverloadsDispatchOnArgumentTypes) {
  int a = 2, b = 3;
  EXPECT_EQ(call<int>(fn("", "add", {"int", "int"}), nullptr, {&a, &b}), 5);
  double x = 1.0, y = 2.0;
  EXPECT_EQ(call<double>(fn("", "add", {"double", "double"}), nullptr, {&x, &y}), 3.5);
}

TEST_P(CallStubs, MissingTrailingArgumentsTakeTheirDefaults) {
  const DlFunction& sumOf = fn("", "sumOf", {"int", "int", "int"});
  int a = 1, b = 5, c = 7;
  EXPECT_EQ(call<int>(sumOf, nullptr, {&a}), 123);
  EXPECT_EQ(call<int>(sumOf, nullptr, {&a, &b}), 153);
  EXPECT_EQ(call<int>(sumOf, nullptr, {&a, &b, &c}), 157);

  int ten = 10;
  EXPECT_EQ(call<int>(fn("shapes::Counter", "total", {"int", "int"}), nullptr, {&ten}), 20);
}

TEST_P(CallStubs, ReferenceToBuiltinWritesThroughToTheCaller) {
  int target = 40, amount = 2;
  EXPECT_EQ(callStub(fn("", "addTo", {"int&", "int"}), nullptr, {&target, &amount}, nullptr), 0);
  EXPECT_EQ(target, 42);
}

TEST_P(CallStubs, PointerArgumentsAndResultsAreAddresses) {
  double value = 6.25;
  const double* pointer = &value;
  EXPECT_EQ(call<double>(fn("", "readThrough", {"const double*"}), nullptr, {&pointer}), 6.25);

  int values[3] = {1, 2, 3};
  int* first = values;
  EXPECT_EQ(call<void*>(fn("", "secondOf", {"int*"}), nullptr, {&first}), static_cast<void*>(&values[1]));
}

TEST_P(CallStubs, ReferenceResultIsTheReferentsAddress) {
  int small = 1, big = 9;
  void* result = call<void*>(fn("", "largest", {"const int&", "const int&"}), nullptr, {&small, &big});
  EXPECT_EQ(result, static_cast<void*>(&big));
}

TEST_P(CallStubs, ConstCharPointerGoesInAndComesOut) {
  const char* text = "hello, stub";
  EXPECT_EQ(call<std::size_t>(fn("", "countChars", {"const char*"}), nullptr, {&text}), 11u);
  EXPECT_EQ(call<void*>(fn("", "greeting", {}), nullptr, {}), static_cast<const void*>(g_greeting));
}

TEST_P(CallStubs, StringResultIsANewStdString) {
  std::string who = "world";
  std::string* whoPointer = &who;
  std::unique_ptr<std::string> greeting(static_cast<std::string*>(
      call<void*>(fn("", "greet", {"const std::string&"}), nullptr, {&whoPointer})));
  ASSERT_NE(greeting, nullptr);
  EXPECT_EQ(*greeting, "hello, world");
}

TEST_P(CallStubs, StringByValueIsCopiedFromTheCallersObject) {
  std::string text = "quiet";
  std::string* textPointer = &text;
  std::unique_ptr<std::string> loud(
      static_cast<std::string*>(call<void*>(fn("", "shout", {"std::string"}), nullptr, {&textPointer})));
  EXPECT_EQ(*loud, "QUIET");
  EXPECT_EQ(text, "quiet");
}

TEST_P(CallStubs, StringByReferenceIsModifiedInPlace) {
  std::string text = "abc";
  std::string* textPointer = &text;
  const char* suffix = "def";
  EXPECT_EQ(callStub(fn("", "appendTo", {"std::string&", "const char*"}), nullptr, {&textPointer, &suffix},
                     nullptr),
            0);
  EXPECT_EQ(text, "abcdef");
  EXPECT_EQ(call<std::size_t>(fn("", "lengthOf", {"const std::string&"}), nullptr, {&textPointer}), 6u);
}

TEST_P(CallStubs, ConstructorsWriteANewObject) {
  const DlFunction& circleCtor = fn("shapes::Circle", "Circle", {"double"});
  auto* unit = static_cast<shapes::Circle*>(call<void*>(circleCtor, nullptr, {}));  // default argument
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(unit->radius, 1.0);
  double radius = 2.5;
  auto* circle = static_cast<shapes::Circle*>(call<void*>(circleCtor, nullptr, {&radius}));
  EXPECT_EQ(circle->radius, 2.5);
  destroy("shapes::Circle", unit);
  destroy("shapes::Circle", circle);

  double w = 2, h = 3;
  auto* rect = static_cast<shapes::Rect*>(
      call<void*>(fn("shapes::Rect", "Rect", {"double", "double"}), nullptr, {&w, &h}));
  EXPECT_EQ(rect->area(), 6.0);
  shapes::Rect* source = rect;
  auto* copy = static_cast<shapes::Rect*>(
      call<void*>(fn("shapes::Rect", "Rect", {"const shapes::Rect&"}), nullptr, {&source}));
  ASSERT_NE(copy, rect);
  EXPECT_EQ(copy->width, 2.0);
  EXPECT_EQ(copy->height, 3.0);
  auto* empty = static_cast<shapes::Rect*>(call<void*>(fn("shapes::Rect", "Rect", {}), nullptr, {}));
  EXPECT_EQ(empty->area(), 0.0);
  destroy("shapes::Rect", rect);
  destroy("shapes::Rect", copy);
  destroy("shapes::Rect", empty);
}

TEST_P(CallStubs, ConstructorAndDeleteStubsRunTheRealConstructorAndDestructor) {
  int before = shapes::Counter::instances;
  void* counter = call<void*>(fn("shapes::Counter", "Counter", {}), nullptr, {});
  EXPECT_EQ(shapes::Counter::instances, before + 1);
  destroy("shapes::Counter", counter);
  EXPECT_EQ(shapes::Counter::instances, before);
}

TEST_P(CallStubs, PolymorphicClassWithoutVirtualDestructorIsMadeCalledAndDeleted) {
  auto* legacy = static_cast<shapes::Legacy*>(call<void*>(fn("shapes::Legacy", "Legacy", {}), nullptr, {}));
  ASSERT_NE(legacy, nullptr);
  EXPECT_EQ(legacy->revision, 4);
  EXPECT_EQ(call<int>(fn("shapes::Legacy", "version", {}), legacy, {}), 1);
  destroy("shapes::Legacy", legacy);
}

TEST_P(CallStubs, DestructorStubDestroysInPlace) {
  alignas(shapes::Counter) unsigned char storage[sizeof(shapes::Counter)];
  int before = shapes::Counter::instances;
  auto* counter = new (storage) shapes::Counter;
  ASSERT_EQ(shapes::Counter::instances, before + 1);
  EXPECT_EQ(callStub(fn("shapes::Counter", "~Counter", {}), counter, {}, nullptr), 0);
  EXPECT_EQ(shapes::Counter::instances, before);
}

TEST_P(CallStubs, ConstructorExceptionBecomesAnErrorAndNoObject) {
  double w = -1, h = 2;
  void* result = nullptr;
  std::string error;
  EXPECT_NE(callStub(fn("shapes::Rect", "Rect", {"double", "double"}), nullptr, {&w, &h}, &result, error), 0);
  EXPECT_EQ(error, "Rect: negative size");
  EXPECT_EQ(result, nullptr);
}

TEST_P(CallStubs, ThrowingFunctionReturnsNonZeroWithWhatText) {
  const DlFunction& divide = fn("", "checkedDivide", {"int", "int"});
  int ten = 10, two = 2, zero = 0;
  EXPECT_EQ(call<int>(divide, nullptr, {&ten, &two}), 5);

  int result = -1;
  std::string error;
  EXPECT_NE(callStub(divide, nullptr, {&ten, &zero}, &result, error), 0);
  EXPECT_EQ(error, "checkedDivide: division by zero");
  EXPECT_EQ(result, -1);
}

TEST_P(CallStubs, ErrorTextIsTruncatedToTheBuffer) {
  const DlFunction& divide = fn("", "checkedDivide", {"int", "int"});
  int ten = 10, zero = 0;
  void* args[] = {&ten, &zero};
  char error[8];
  std::memset(error, '#', sizeof error);
  int result = 0;
  EXPECT_NE(divide.stub(nullptr, 2, args, &result, error, 6), 0);
  EXPECT_STREQ(error, "check");
  EXPECT_EQ(error[6], '#') << "wrote past error_size";
}

TEST_P(CallStubs, MethodsRunOnTheGivenObject) {
  shapes::Rect rect(2, 3);
  double factor = 2;
  EXPECT_EQ(callStub(fn("shapes::Rect", "resize", {"double"}), &rect, {&factor}, nullptr), 0);
  EXPECT_EQ(rect.width, 4.0);
  EXPECT_EQ(rect.height, 6.0);
  double w = 7, h = 8;
  EXPECT_EQ(callStub(fn("shapes::Rect", "resize", {"double", "double"}), &rect, {&w, &h}, nullptr), 0);
  EXPECT_EQ(rect.area(), 56.0);

  shapes::Shape* asShape = &rect;
  EXPECT_EQ(call<int>(fn("shapes::Shape", "sides", {}), asShape, {}), 4);
}

TEST_P(CallStubs, VirtualCallThroughABasePointerReachesTheOverride) {
  shapes::Circle circle(2.0);
  shapes::Shape* base = &circle;
  EXPECT_EQ(call<double>(fn("shapes::Shape", "area", {}), base, {}), 12.0);
  std::unique_ptr<std::string> name(
      static_cast<std::string*>(call<void*>(fn("shapes::Shape", "name", {}), base, {})));
  EXPECT_EQ(*name, "circle");

  shapes::Rect rect(1, 5);
  const shapes::Shape* first = &circle;
  const shapes::Shape* second = &rect;
  EXPECT_EQ(call<double>(fn("shapes", "totalArea", {"const shapes::Shape&", "const shapes::Shape*"}), nullptr,
                         {&first, &second}),
            17.0);
}

TEST_P(CallStubs, MethodsOfEachBaseRunOnTheAdjustedObject) {
  shapes::TaggedRect tagged(2, 5, "box");
  std::unique_ptr<std::string> description(
      static_cast<std::string*>(call<void*>(fn("shapes::TaggedRect", "describe", {}), &tagged, {})));
  EXPECT_EQ(*description, "box:rect");

  const DlBase* rectBase = dict().base("shapes::TaggedRect", "shapes::Rect");
  ASSERT_NE(rectBase, nullptr);
  void* asRect = reinterpret_cast<char*>(&tagged) + rectBase->offset;
  EXPECT_EQ(call<double>(fn("shapes::Rect", "area", {}), asRect, {}), 10.0);
}

TEST_P(CallStubs, OperatorsAreCallable) {
  shapes::Vec2 a(1, 2), b(10, 20);
  shapes::Vec2* bPointer = &b;
  std::unique_ptr<shapes::Vec2> sum(static_cast<shapes::Vec2*>(
      call<void*>(fn("shapes::Vec2", "operator+", {"const shapes::Vec2&"}), &a, {&bPointer})));
  EXPECT_EQ(sum->x, 11.0);
  EXPECT_EQ(sum->y, 22.0);

  const DlFunction& equals = fn("shapes::Vec2", "operator==", {"const shapes::Vec2&"});
  shapes::Vec2 same(1, 2);
  shapes::Vec2* samePointer = &same;
  EXPECT_TRUE(call<bool>(equals, &a, {&samePointer}));
  EXPECT_FALSE(call<bool>(equals, &a, {&bPointer}));

  const DlFunction* mutableSubscript = nullptr;
  const DlFunction* constSubscript = nullptr;
  for (const DlFunction* f : dict().functions("shapes::Vec2", "operator[]"))
    (f->flags & DL_FUNC_CONST ? constSubscript : mutableSubscript) = f;
  ASSERT_NE(mutableSubscript, nullptr);
  ASSERT_NE(constSubscript, nullptr);
  int one = 1;
  auto* y = static_cast<double*>(call<void*>(*mutableSubscript, &a, {&one}));
  EXPECT_EQ(y, &a.y);
  *y = 7;
  EXPECT_EQ(call<double>(*constSubscript, &a, {&one}), 7.0);
}

TEST_P(CallStubs, ClassResultsAndArgumentsByValue) {
  std::unique_ptr<shapes::Vec2> unit(
      static_cast<shapes::Vec2*>(call<void*>(fn("shapes::Vec2", "unit", {}), nullptr, {})));
  EXPECT_EQ(unit->x, 1.0);
  EXPECT_EQ(unit->y, 1.0);

  shapes::Vec2 v(3, 4);
  shapes::Vec2* vPointer = &v;
  EXPECT_EQ(call<double>(fn("shapes", "normSquared", {"shapes::Vec2"}), nullptr, {&vPointer}), 25.0);

  const DlFunction& scaled = fn("shapes::Vec2", "scaled", {"double"});
  std::unique_ptr<shapes::Vec2> doubled(
      static_cast<shapes::Vec2*>(call<void*>(scaled, &v, {})));  // default 2.0
  EXPECT_EQ(doubled->x, 6.0);
  double three = 3;
  std::unique_ptr<shapes::Vec2> tripled(static_cast<shapes::Vec2*>(call<void*>(scaled, &v, {&three})));
  EXPECT_EQ(tripled->y, 12.0);
}

TEST_P(CallStubs, ClassPointerAndReferenceResults) {
  shapes::Rect narrow(1, 1), wide(5, 1);
  shapes::Rect* narrowPointer = &narrow;
  shapes::Rect* widePointer = &wide;
  EXPECT_EQ(call<void*>(fn("shapes", "widest", {"shapes::Rect&", "shapes::Rect&"}), nullptr,
                        {&narrowPointer, &widePointer}),
            static_cast<void*>(&wide));
  double factor = 3;
  EXPECT_EQ(
      call<void*>(fn("shapes", "grow", {"shapes::Rect*", "double"}), nullptr, {&narrowPointer, &factor}),
      static_cast<void*>(&narrow));
  EXPECT_EQ(narrow.width, 3.0);
}

TEST_P(CallStubs, EnumsTravelAsTheirUnderlyingType) {
  auto green = static_cast<unsigned>(scopes::Green);
  EXPECT_EQ(call<unsigned>(fn("scopes", "next", {"unsigned int"}), nullptr, {&green}),
            static_cast<unsigned>(scopes::Blue));
  // Mode's underlying type is unsigned char: clients are told "int" and pass
  // one; the result is written at the width result_kind gives.
  int on = static_cast<int>(scopes::Mode::On);
  const DlFunction& toggle = fn("scopes", "toggle", {"int"});
  ASSERT_EQ(toggle.result_kind, static_cast<std::uint32_t>(DL_RESULT_UCHAR));
  EXPECT_EQ(call<unsigned char>(toggle, nullptr, {&on}), static_cast<unsigned char>(scopes::Mode::Off));
}

TEST_P(CallStubs, NestedScopesAreCallable) {
  EXPECT_EQ(call<int>(fn("scopes::outer::inner", "depth", {}), nullptr, {}), 2);
  scopes::outer::inner::Leaf leaf;
  leaf.value = 31;
  EXPECT_EQ(call<int>(fn("scopes::outer::inner::Leaf", "get", {}), &leaf, {}), 31);
  scopes::Outer outer;
  std::unique_ptr<scopes::Outer::Inner> inner(
      static_cast<scopes::Outer::Inner*>(call<void*>(fn("scopes::Outer", "make", {}), &outer, {})));
  EXPECT_EQ(inner->x, 1);
}

INSTANTIATE_TEST_SUITE_P(Generated, CallStubs,
                         ::testing::Values(Generated::WithAddresses, Generated::StubsOnly),
                         [](const ::testing::TestParamInfo<Generated>& info) {
                           return std::string(generatedLabel(info.param));
                         });

}  // namespace
}  // namespace genreflex_test
