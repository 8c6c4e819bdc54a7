// function_address_test.cpp - the fast path: with --methptrgetter each function PyPy's JIT
// may call directly has an address callable as `ret f(void* self, args...)` (members) or
// `ret f(args...)`: the function's own symbol where the Itanium ABI gives it that shape,
// else a generated wrapper; the dictionary records the choice. Without it every address
// is null.
#include <dlfcn.h>
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
// The same headers with --methptrgetter=all.
const DictionaryView& fastPathAll() {
  static const DictionaryView all(GENREFLEX_TEST_DICT_ALL);
  return all;
}

const DlFunction& functionOf(const DictionaryView& view, std::string_view scope, std::string_view name,
                             const std::vector<std::string_view>& args) {
  const DlFunction* fn = view.function(scope, name, args);
  if (!fn) throw std::runtime_error("no function " + std::string(name));
  return *fn;
}

bool isDirect(const DlFunction& fn) { return (fn.flags & DL_FUNC_DIRECT_ADDRESS) != 0; }

// The address of the one function with this signature, cast to F.
template <class F>
F address(std::string_view scope, std::string_view name, const std::vector<std::string_view>& args) {
  const DlFunction* fn = withAddresses().function(scope, name, args);
  if (!fn) throw std::runtime_error("no function " + std::string(name));
  if (!fn->address) throw std::runtime_error("no address for " + std::string(name));
  return reinterpret_cast<F>(fn->address);
}

TEST(FunctionAddresses, PresentForEveryFunctionTheClientMayCallDirectly) {
  const DlDictionary& d = withAddresses().raw();
  ASSERT_GT(d.num_functions, 0u);
  unsigned withAddress = 0;
  for (std::uint32_t i = 0; i < d.num_functions; ++i) {
    const DlFunction& fn = d.functions[i];
    // PyPy's _cppyy never calls constructors or destructors through an address.
    if (fn.kind == DL_FUNC_CONSTRUCTOR || fn.kind == DL_FUNC_DESTRUCTOR) {
      EXPECT_EQ(fn.fast_path, static_cast<std::uint32_t>(DL_FAST_NOT_TAKEN)) << withAddresses().str(fn.name);
      // ABI 1.3: a constructor that cannot throw has `new T(args...)` for clients calling C directly
      if (fn.address) {
        EXPECT_TRUE(fn.kind == DL_FUNC_CONSTRUCTOR && (fn.flags & DL_FUNC_NOTHROW));
      }
      continue;
    }
    bool recorded = fn.fast_path == DL_FAST_GIVEN || fn.fast_path == DL_FAST_MAY_THROW;
    EXPECT_EQ(fn.address != nullptr, recorded) << withAddresses().str(fn.name);
    // Without =all, only what cannot throw is handed out as it stands.
    EXPECT_EQ(fn.fast_path == DL_FAST_GIVEN, fn.address && (fn.flags & DL_FUNC_NOTHROW))
        << withAddresses().str(fn.name);
    if (fn.address) ++withAddress;
  }
  EXPECT_GT(withAddress, 0u);
  EXPECT_EQ(d.flags & DL_DICT_FAST_PATH_ALL, 0u);
}

TEST(FunctionAddresses, AllGivesEveryAddressTheClientMayTake) {
  const DlDictionary& d = fastPathAll().raw();
  EXPECT_NE(d.flags & DL_DICT_FAST_PATH_ALL, 0u);
  EXPECT_NE(d.flags & DL_DICT_HAS_FUNCTION_ADDRESSES, 0u);
  for (std::uint32_t i = 0; i < d.num_functions; ++i) {
    const DlFunction& fn = d.functions[i];
    EXPECT_NE(fn.fast_path, static_cast<std::uint32_t>(DL_FAST_MAY_THROW)) << fastPathAll().str(fn.name);
    if (fn.kind == DL_FUNC_CONSTRUCTOR) continue;  // `new T(args...)` or nothing, as without =all
    EXPECT_EQ(fn.address != nullptr, fn.fast_path == DL_FAST_GIVEN) << fastPathAll().str(fn.name);
  }
  EXPECT_EQ(functionOf(fastPathAll(), "", "checkedDivide", {"int", "int"}).fast_path,
            static_cast<std::uint32_t>(DL_FAST_GIVEN));
  EXPECT_EQ(functionOf(withAddresses(), "", "checkedDivide", {"int", "int"}).fast_path,
            static_cast<std::uint32_t>(DL_FAST_MAY_THROW));
}

TEST(FunctionAddresses, OutOfLineMethodIsItsOwnSymbol) {
  // Rect::resize(double) is compiled into the subjects library: no wrapper, no extra call.
  const DlFunction& resize = functionOf(withAddresses(), "shapes::Rect", "resize", {"double"});
  ASSERT_TRUE(isDirect(resize));
  void* symbol = dlsym(RTLD_DEFAULT, "_ZN6shapes4Rect6resizeEd");
  ASSERT_NE(symbol, nullptr) << dlerror();
  EXPECT_EQ(resize.address, symbol);
  EXPECT_EQ(functionOf(fastPathAll(), "shapes::Rect", "resize", {"double"}).address, symbol);
  // Free functions too, when the shapes match.
  EXPECT_TRUE(isDirect(functionOf(withAddresses(), "", "add", {"int", "int"})));
  EXPECT_TRUE(isDirect(functionOf(withAddresses(), "scopes", "next", {"unsigned int"})));
}

TEST(FunctionAddresses, WrappersOnlyWhereTheyMust) {
  // virtual dispatch
  EXPECT_FALSE(isDirect(functionOf(withAddresses(), "shapes::Shape", "area", {})));
  // an inline body: the wrapper inlines it, so there is no extra call either
  EXPECT_FALSE(isDirect(functionOf(withAddresses(), "shapes::Shape", "sides", {})));
  // a one-byte enum, which the client passes and reads as a whole int
  EXPECT_FALSE(isDirect(functionOf(withAddresses(), "scopes", "toggle", {"int"})));
}

TEST(FunctionAddresses, NoneWhereTheClientNeverCallsAnAddress) {
  for (const DictionaryView* view : {&withAddresses(), &fastPathAll()}) {
    for (const DlFunction* fn :
         {&functionOf(*view, "", "greet", {"const std::string&"}),
          &functionOf(*view, "", "shout", {"std::string"}),
          &functionOf(*view, "", "countChars", {"const char*"}), &functionOf(*view, "", "greeting", {}),
          &functionOf(*view, "shapes::Vec2", "unit", {}),
          &functionOf(*view, "Builtins", "echo", {"long double"})}) {
      EXPECT_EQ(fn->fast_path, static_cast<std::uint32_t>(DL_FAST_NOT_TAKEN)) << view->str(fn->name);
      EXPECT_EQ(fn->address, nullptr) << view->str(fn->name);
    }
  }
}

TEST(FunctionAddresses, ConstructorsThatCannotThrowMakeObjects) {
  const DlFunction& makeDefault = functionOf(withAddresses(), "shapes::Rect", "Rect", {});
  EXPECT_EQ(makeDefault.fast_path, static_cast<std::uint32_t>(DL_FAST_NOT_TAKEN));
  auto make = address<void* (*)()>("shapes::Rect", "Rect", {});
  auto copy = address<void* (*)(const void*)>("shapes::Rect", "Rect", {"const shapes::Rect&"});
  auto area = address<double (*)(void*)>("shapes::Rect", "area", {});
  void* rect = make();
  ASSERT_NE(rect, nullptr);
  EXPECT_EQ(area(rect), 0.0);
  void* twin = copy(rect);
  ASSERT_NE(twin, nullptr);
  EXPECT_NE(twin, rect);
  EXPECT_EQ(area(twin), 0.0);
  // the one that may throw (it checks its sizes) goes through its stub only
  EXPECT_EQ(functionOf(withAddresses(), "shapes::Rect", "Rect", {"double", "double"}).address, nullptr);
  const DlScope* scope = withAddresses().scope("shapes::Rect");
  ASSERT_NE(scope, nullptr);
  char error[64];
  EXPECT_EQ(scope->delete_object(rect, 0, nullptr, nullptr, error, sizeof error), 0);
  EXPECT_EQ(scope->delete_object(twin, 0, nullptr, nullptr, error, sizeof error), 0);
}

TEST(FunctionAddresses, AllNullWithoutMethptrgetter) {
  const DictionaryView& stubsOnly = generatedDictionary(Generated::StubsOnly);
  const DlDictionary& d = stubsOnly.raw();
  ASSERT_GT(d.num_functions, 0u);
  for (std::uint32_t i = 0; i < d.num_functions; ++i) {
    EXPECT_EQ(d.functions[i].address, nullptr) << stubsOnly.str(d.functions[i].name);
    EXPECT_EQ(d.functions[i].fast_path, static_cast<std::uint32_t>(DL_FAST_NOT_GENERATED));
  }
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
  auto echoDouble = address<double (*)(double)>("Builtins", "echo", {"double"});
  EXPECT_EQ(echoDouble(1.0 / 3.0), 1.0 / 3.0);
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

TEST(FunctionAddresses, ReferencesPassNatively) {
  auto addTo = address<void (*)(int&, int)>("", "addTo", {"int&", "int"});
  int total = 1;
  addTo(total, 2);
  EXPECT_EQ(total, 3);

  auto largest = address<const int& (*)(const int&, const int&)>("", "largest", {"const int&", "const int&"});
  int a = 4, b = 9;
  EXPECT_EQ(&largest(a, b), &b);
}

TEST(FunctionAddresses, EnumsCrossAsTheBuiltinClientsAreTold) {
  auto next = address<unsigned (*)(unsigned)>("scopes", "next", {"unsigned int"});
  EXPECT_EQ(next(scopes::Green), static_cast<unsigned>(scopes::Blue));
  // A one-byte enum is promoted: the wrapper takes and returns a whole int.
  auto toggle = address<int (*)(int)>("scopes", "toggle", {"int"});
  EXPECT_EQ(toggle(static_cast<int>(scopes::Mode::On)), static_cast<int>(scopes::Mode::Off));
  EXPECT_EQ(toggle(static_cast<int>(scopes::Mode::Off)), static_cast<int>(scopes::Mode::On));
}

TEST(FunctionAddresses, ExceptionsPropagateThroughAnOwnSymbol) {
  // Direct: nothing between the caller and the function (in PyPy nothing
  // catches above it, and libdictloader's terminate handler names it).
  ASSERT_TRUE(isDirect(functionOf(withAddresses(), "", "checkedDivide", {"int", "int"})));
  auto divide = address<int (*)(int, int)>("", "checkedDivide", {"int", "int"});
  EXPECT_EQ(divide(9, 3), 3);
  try {
    divide(1, 0);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "checkedDivide: division by zero");
  }
}

TEST(FunctionAddressesDeathTest, AnExceptionEscapingAWrapperEndsTheProcessWithOneLine) {
  // throwing::mayThrow has an inline body, so its fast path is a wrapper,
  // which under =all catches and ends the process as noexcept would.
  const DlFunction& fn = functionOf(fastPathAll(), "throwing", "mayThrow", {"int"});
  ASSERT_FALSE(isDirect(fn));
  auto mayThrow = reinterpret_cast<int (*)(int)>(fn.address);
  EXPECT_EQ(mayThrow(5), 5);
  EXPECT_DEATH(
      mayThrow(-1),
      "^dictloader: fatal: C\\+\\+ exception escaped the fast-path call of throwing::mayThrow\\(int\\): "
      "throwing::mayThrow: negative\n$");
}

// Entries (ABI 1.4) are the same with or without --methptrgetter: that option
// is about PyPy's addresses. =all hands out every address, yet a function that
// may throw keeps its checked entry.
TEST(FunctionAddresses, EntriesDoNotDependOnMethptrgetter) {
  const DictionaryView& stubs = generatedDictionary(Generated::StubsOnly);
  for (const DictionaryView* view : {&withAddresses(), &fastPathAll(), &stubs}) {
    const DlDictionary& d = view->raw();
    ASSERT_EQ(d.num_functions, stubs.raw().num_functions);
    ASSERT_NE(d.entries, nullptr);
    for (std::uint32_t i = 0; i < d.num_functions; ++i) {
      const DlEntry& entry = d.entries[i];
      const DlEntry& reference = stubs.raw().entries[i];
      EXPECT_EQ(entry.kind, reference.kind) << view->str(d.functions[i].name);
      EXPECT_STREQ(view->str(entry.signature), stubs.str(reference.signature))
          << view->str(d.functions[i].name);
      bool nothrow = (d.functions[i].flags & DL_FUNC_NOTHROW) != 0;
      if (entry.kind != DL_ENTRY_NONE) {
        EXPECT_EQ(entry.kind, nothrow ? DL_ENTRY_PLAIN : DL_ENTRY_CHECKED) << view->str(d.functions[i].name);
      }
    }
  }
  const DlFunction& divide = functionOf(fastPathAll(), "", "checkedDivide", {"int", "int"});
  EXPECT_EQ(divide.fast_path, static_cast<std::uint32_t>(DL_FAST_GIVEN));
  EXPECT_EQ(fastPathAll().raw().entries[&divide - fastPathAll().raw().functions].kind,
            static_cast<std::uint32_t>(DL_ENTRY_CHECKED));
}

}  // namespace
}  // namespace genreflex_test
