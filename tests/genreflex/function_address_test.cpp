// function_address_test.cpp - the fast path: with --methptrgetter each function has an
// address callable as `ret f(void* self, args...)` (members) or `ret f(args...)`;
// without it every address is null.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "builtins.h"
#include "dictionary_view.h"
#include "scopes.h"
#include "shapes.h"

namespace genreflex_test {
namespace {

const DictionaryView& withAddresses() { return generatedDictionary(Generated::WithAddresses); }

// The address of the one function with this signature, cast to F.
template <class F>
F address(std::string_view scope, std::string_view name, const std::vector<std::string_view>& args) {
  const DlFunction* fn = withAddresses().function(scope, name, args);
  if (!fn) throw std::runtime_error("no function " + std::string(name));
  if (!fn->address) throw std::runtime_error("no address for " + std::string(name));
  return reinterpret_cast<F>(fn->address);
}

TEST(FunctionAddresses, PresentForEveryCallableFunctionWithMethptrgetter) {
  const DlDictionary& d = withAddresses().raw();
  ASSERT_GT(d.num_functions, 0u);
  unsigned withAddress = 0;
  for (std::uint32_t i = 0; i < d.num_functions; ++i) {
    const DlFunction& fn = d.functions[i];
    bool structor = fn.kind == DL_FUNC_CONSTRUCTOR || fn.kind == DL_FUNC_DESTRUCTOR;
    // Constructors and destructors have no address to take: stubs only.
    EXPECT_EQ(fn.address == nullptr, structor) << withAddresses().str(fn.name);
    if (fn.address) ++withAddress;
  }
  EXPECT_GT(withAddress, 0u);
}

TEST(FunctionAddresses, AllNullWithoutMethptrgetter) {
  const DictionaryView& stubsOnly = generatedDictionary(Generated::StubsOnly);
  const DlDictionary& d = stubsOnly.raw();
  ASSERT_GT(d.num_functions, 0u);
  for (std::uint32_t i = 0; i < d.num_functions; ++i)
    EXPECT_EQ(d.functions[i].address, nullptr) << stubsOnly.str(d.functions[i].name);
}

TEST(FunctionAddresses, FreeFunctionOverloadsAreDistinct) {
  auto addInts = address<int (*)(int, int)>("", "add", {"int", "int"});
  auto addDoubles = address<double (*)(double, double)>("", "add", {"double", "double"});
  EXPECT_EQ(addInts(2, 3), 5);
  EXPECT_EQ(addDoubles(1.0, 2.0), 3.5);
}

TEST(FunctionAddresses, EveryArgumentIsExplicitEvenWithDefaults) {
  auto sumOf = address<int (*)(int, int, int)>("", "sumOf", {"int", "int", "int"});
  EXPECT_EQ(sumOf(1, 2, 3), 123);
  EXPECT_EQ(sumOf(4, 5, 6), 456);
}

TEST(FunctionAddresses, ArithmeticTypesPassAtFullWidth) {
  auto echoLongDouble = address<long double (*)(long double)>("Builtins", "echo", {"long double"});
  EXPECT_EQ(echoLongDouble(1.0L / 3.0L), 1.0L / 3.0L);
  auto echoULL =
      address<unsigned long long (*)(unsigned long long)>("Builtins", "echo", {"unsigned long long"});
  EXPECT_EQ(echoULL(0xfedcba9876543210ull), 0xfedcba9876543210ull);
  auto echoSChar = address<signed char (*)(signed char)>("Builtins", "echo", {"signed char"});
  EXPECT_EQ(echoSChar(-7), -7);
}

TEST(FunctionAddresses, MethodsTakeTheObjectFirst) {
  shapes::Rect rect(2, 3);
  auto resize = address<void (*)(void*, double)>("shapes::Rect", "resize", {"double"});
  resize(&rect, 10);
  EXPECT_EQ(rect.width, 20.0);
  auto area = address<double (*)(void*)>("shapes::Rect", "area", {});
  EXPECT_EQ(area(&rect), 600.0);
}

TEST(FunctionAddresses, VirtualMethodThroughABasePointerDispatches) {
  shapes::Circle circle(3.0);
  shapes::Shape* base = &circle;
  auto area = address<double (*)(void*)>("shapes::Shape", "area", {});
  EXPECT_EQ(area(base), 27.0);
}

TEST(FunctionAddresses, ReferencesStringsAndObjectsPassNatively) {
  auto addTo = address<void (*)(int&, int)>("", "addTo", {"int&", "int"});
  int total = 1;
  addTo(total, 2);
  EXPECT_EQ(total, 3);

  auto greet = address<std::string (*)(const std::string&)>("", "greet", {"const std::string&"});
  EXPECT_EQ(greet("fast path"), "hello, fast path");

  auto plus = address<shapes::Vec2 (*)(void*, const shapes::Vec2&)>("shapes::Vec2", "operator+",
                                                                    {"const shapes::Vec2&"});
  shapes::Vec2 a(1, 1);
  shapes::Vec2 sum = plus(&a, shapes::Vec2(2, 3));
  EXPECT_EQ(sum.x, 3.0);
  EXPECT_EQ(sum.y, 4.0);

  auto unit = address<shapes::Vec2 (*)()>("shapes::Vec2", "unit", {});
  EXPECT_EQ(unit().x, 1.0);
}

TEST(FunctionAddresses, EnumsCrossAsTheBuiltinClientsAreTold) {
  auto next = address<unsigned (*)(unsigned)>("scopes", "next", {"unsigned int"});
  EXPECT_EQ(next(scopes::Green), static_cast<unsigned>(scopes::Blue));
  // A one-byte enum is promoted: the wrapper takes and returns a whole int.
  auto toggle = address<int (*)(int)>("scopes", "toggle", {"int"});
  EXPECT_EQ(toggle(static_cast<int>(scopes::Mode::On)), static_cast<int>(scopes::Mode::Off));
  EXPECT_EQ(toggle(static_cast<int>(scopes::Mode::Off)), static_cast<int>(scopes::Mode::On));
}

TEST(FunctionAddresses, ExceptionsPropagateToTheCaller) {
  auto divide = address<int (*)(int, int)>("", "checkedDivide", {"int", "int"});
  EXPECT_EQ(divide(9, 3), 3);
  try {
    divide(1, 0);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "checkedDivide: division by zero");
  }
}

}  // namespace
}  // namespace genreflex_test
