// declared_instantiations_test.cpp - functions only declared in the header
// (data/declared_instantiations.h, defined in subjects.cpp) whose signatures
// use class template instantiations that nothing else completes: each is in
// the dictionary with its instantiations, and its stub calls the library.
#include "declared_instantiations.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "dictionary_view.h"

namespace genreflex_test {
namespace {

const DictionaryView& declaredDict() {
  static const DictionaryView dict(GENREFLEX_TEST_DICT_DECLARED);
  return dict;
}

const DlFunction& only(std::string_view scope, std::string_view name,
                       const std::vector<std::string_view>& args) {
  const DlFunction* fn = declaredDict().function(scope, name, args);
  if (fn == nullptr) throw std::runtime_error("no " + std::string(scope) + "::" + std::string(name));
  return *fn;
}

template <class R>
R call(const DlFunction& fn, void* self, std::initializer_list<void*> args) {
  R result{};
  std::string error;
  if (callStub(fn, self, args, &result, error) != 0) throw std::runtime_error("stub failed: " + error);
  return result;
}

TEST(DeclaredInstantiations, EveryFunctionWhoseSignatureUsesOneIsKept) {
  EXPECT_NE(declaredDict().function("declared::Calc", "Calc", {"const std::vector<double>&"}), nullptr);
  EXPECT_NE(declaredDict().function("declared::Calc", "mean", {"const std::vector<double>&"}), nullptr);
  EXPECT_NE(declaredDict().function("declared::Calc", "scaled", {"const std::vector<double>&", "double"}),
            nullptr);
  EXPECT_NE(declaredDict().function("declared::Calc", "lookup",
                                    {"const std::map<std::string,int>&", "const std::string&"}),
            nullptr);
  EXPECT_NE(declaredDict().function("declared::Calc", "split", {"double"}), nullptr);
  EXPECT_NE(declaredDict().function("declared::Calc", "range", {"int"}), nullptr);
  EXPECT_NE(declaredDict().function("declared", "tally", {"const std::vector<std::string>&"}), nullptr);
  EXPECT_NE(declaredDict().function("declared", "join", {"const std::pair<int,double>&"}), nullptr);
  EXPECT_NE(declaredDict().function("declared::inner", "halves", {"const std::vector<float>&"}), nullptr);
  EXPECT_NE(declaredDict().function("", "declaredSum", {"const std::vector<double>&"}), nullptr);
  EXPECT_STREQ(declaredDict().str(only("declared::Calc", "split", {"double"}).result_type),
               "std::pair<int,double>");
}

TEST(DeclaredInstantiations, TheInstantiationsAreDescribedWithTheirMembers) {
  for (const char* name :
       {"std::vector<double>", "std::vector<int>", "std::vector<float>", "std::vector<std::string>",
        "std::map<std::string,int>", "std::pair<int,double>"}) {
    const DlScope* scope = declaredDict().scope(name);
    ASSERT_NE(scope, nullptr) << name;
    EXPECT_GT(scope->size, 0u) << name;
  }
  EXPECT_EQ(declaredDict().scope("std::vector<double>")->size, sizeof(std::vector<double>));
  EXPECT_FALSE(declaredDict().functions("std::vector<double>", "size").empty());
  EXPECT_NE(declaredDict().data("std::pair<int,double>", "second"), nullptr);
}

TEST(DeclaredInstantiations, OneOfAClassOnlyDeclaredIsLeftOutAlone) {
  EXPECT_TRUE(declaredDict().functions("declared", "countOpaque").empty());
  EXPECT_EQ(declaredDict().scope("std::vector<declared::Opaque>"), nullptr);
}

TEST(DeclaredInstantiations, StubsCallTheLibrarysDefinitions) {
  std::vector<double> values{1.0, 2.0, 6.0};
  std::vector<double>* valuesArg = &values;
  auto* calc = static_cast<declared::Calc*>(
      call<void*>(only("declared::Calc", "Calc", {"const std::vector<double>&"}), nullptr, {&valuesArg}));
  ASSERT_NE(calc, nullptr);
  EXPECT_EQ(calc->total(), 9.0);
  EXPECT_EQ(call<double>(only("declared::Calc", "mean", {"const std::vector<double>&"}), calc, {&valuesArg}),
            3.0);
  double factor = 2.0;
  auto* scaled = static_cast<std::vector<double>*>(
      call<void*>(only("declared::Calc", "scaled", {"const std::vector<double>&", "double"}), calc,
                  {&valuesArg, &factor}));
  ASSERT_NE(scaled, nullptr);
  EXPECT_EQ(*scaled, (std::vector<double>{2.0, 4.0, 12.0}));
  delete scaled;
  double x = 2.25;
  auto* split = static_cast<std::pair<int, double>*>(
      call<void*>(only("declared::Calc", "split", {"double"}), calc, {&x}));
  ASSERT_NE(split, nullptr);
  EXPECT_EQ(*split, (std::pair<int, double>{2, 0.25}));
  std::pair<int, double>* splitArg = split;
  EXPECT_EQ(call<double>(only("declared", "join", {"const std::pair<int,double>&"}), nullptr, {&splitArg}),
            2.25);
  delete split;
  std::map<std::string, int> counts{{"a", 3}};
  std::map<std::string, int>* countsArg = &counts;
  std::string key = "a";
  std::string* keyArg = &key;
  EXPECT_EQ(
      call<int>(only("declared::Calc", "lookup", {"const std::map<std::string,int>&", "const std::string&"}),
                calc, {&countsArg, &keyArg}),
      3);
  EXPECT_EQ(call<double>(only("", "declaredSum", {"const std::vector<double>&"}), nullptr, {&valuesArg}),
            9.0);
  char error[64] = "";
  EXPECT_EQ(
      declaredDict().scope("declared::Calc")->delete_object(calc, 0, nullptr, nullptr, error, sizeof error),
      0)
      << error;
}

}  // namespace
}  // namespace genreflex_test
