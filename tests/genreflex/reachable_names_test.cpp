// reachable_names_test.cpp - what the dictionaries hold of declarations whose
// signatures name private, protected or nested types (unreachable_names.h,
// unqualified_names.h). That the dictionaries compiled at all (with -Werror,
// at C++17 and C++20) is the first check; these say what is in them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dictionary_view.h"
#include "unqualified_names.h"
#include "unreachable_names.h"

namespace genreflex_test {
namespace {

class ReachableNames : public ::testing::TestWithParam<Generated> {
 protected:
  const DictionaryView& dict() const { return generatedDictionary(GetParam()); }

  bool hasFunction(std::string_view scope, std::string_view name) const {
    return !dict().functions(scope, name).empty();
  }

  std::string resultType(const DlFunction& fn) const { return dict().str(fn.result_type); }
};

TEST_P(ReachableNames, WhatNamesAPrivateOrProtectedClassIsLeftOut) {
  ASSERT_NE(dict().scope("unreachable::Keeper"), nullptr);
  EXPECT_FALSE(
      hasFunction("unreachable::Keeper", "disclose"));          // returns a private class by a public typedef
  EXPECT_FALSE(hasFunction("unreachable::Keeper", "code"));     // takes it
  EXPECT_FALSE(hasFunction("unreachable::Keeper", "guarded"));  // returns a protected class
  EXPECT_FALSE(hasFunction("unreachable", "secretCode"));       // a free function taking it
  EXPECT_EQ(dict().data("unreachable::Keeper", "secretPointer"), nullptr);
  EXPECT_EQ(dict().typedefNamed("unreachable::Keeper::Disclosed"), nullptr);
  EXPECT_EQ(dict().typedefNamed("unreachable::KeeperSecret"), nullptr);
  EXPECT_EQ(dict().scope("unreachable::Keeper::Secret"), nullptr);
  EXPECT_EQ(dict().scope("unreachable::Keeper::Guarded"), nullptr);
}

TEST_P(ReachableNames, WhatCanBeWrittenThroughAReachableNameStays) {
  // A private typedef of int is written as int; a protected typedef of the class as the class.
  const DlFunction* doubled = dict().function("unreachable::Keeper", "doubled", {"int"});
  ASSERT_NE(doubled, nullptr);
  EXPECT_EQ(resultType(*doubled), "int");
  unreachable::Keeper keeper;
  int value = 21, result = 0;
  ASSERT_EQ(callStub(*doubled, &keeper, {&value}, &result), 0);
  EXPECT_EQ(result, 42);

  std::vector<const DlFunction*> itself = dict().functions("unreachable::Keeper", "itself");
  ASSERT_EQ(itself.size(), 1u);
  EXPECT_EQ(resultType(*itself[0]), "unreachable::Keeper&");
  void* address = nullptr;
  ASSERT_EQ(callStub(*itself[0], &keeper, {}, &address), 0);
  EXPECT_EQ(address, &keeper);

  const DlDataMember* count = dict().data("unreachable::Keeper", "count");
  ASSERT_NE(count, nullptr);
  EXPECT_STREQ(dict().str(count->type), "int");
  EXPECT_TRUE(hasFunction("unreachable::Keeper", "plain"));
  EXPECT_TRUE(hasFunction("unreachable", "keeperCount"));
}

TEST_P(ReachableNames, ABaseClassOutOfReachIsLeftOutNotTheClass) {
  ASSERT_NE(dict().scope("unreachable::Keeper::Exposed"), nullptr);
  EXPECT_EQ(dict().scope("unreachable::Keeper::Exposed")->num_bases, 0u);
  EXPECT_NE(dict().data("unreachable::Keeper::Exposed", "extra"), nullptr);
}

TEST_P(ReachableNames, NestedNamesAreWrittenInFull) {
  // Point*[] decays to Point**, written with its namespace (cppyy's ArrayTest::get_pp_px).
  const DlFunction* sumX = dict().function("unqualified", "sumX", {"unqualified::Point**", "int"});
  ASSERT_NE(sumX, nullptr);
  unqualified::Point a, b;
  a.x = 3;
  b.x = 4;
  unqualified::Point* points[] = {&a, &b};
  unqualified::Point** first = points;
  int count = 2, sum = 0;
  ASSERT_EQ(callStub(*sumX, nullptr, {&first, &count}, &sum), 0);
  EXPECT_EQ(sum, 7);

  EXPECT_NE(dict().function("unqualified", "lastX", {"const unqualified::Point*"}), nullptr);
  EXPECT_NE(dict().function("unqualified", "firstY", {"unqualified::Point**"}), nullptr);
  EXPECT_NE(dict().function("unqualified::Polygon", "total", {"const unqualified::Polygon::Corner*"}),
            nullptr);
  EXPECT_NE(
      dict().function("unqualified::Polygon", "count", {"const std::vector<unqualified::Polygon::Corner>&"}),
      nullptr);
  EXPECT_EQ(dict().functions("unqualified", "measure").size(), 1u);

  // inside a template argument's array or function type too
  EXPECT_NE(dict().scope("std::unique_ptr<unqualified::Point[]>"), nullptr);
  EXPECT_NE(dict().data("unqualified::Cloud", "points"), nullptr);
  const DlFunction* reader = dict().function("unqualified", "xReader", {});
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(std::string(dict().str(reader->result_type)), "std::function<int (const unqualified::Point&)>");
  EXPECT_NE(dict().scope("std::function<int (const unqualified::Point&)>"), nullptr);
}

TEST_P(ReachableNames, AConstByValueResultIsCopiedIntoANewObject) {
  std::vector<const DlFunction*> frozen = dict().functions("unqualified::Polygon", "frozen");
  ASSERT_EQ(frozen.size(), 1u);
  EXPECT_EQ(frozen[0]->result_kind, DL_RESULT_NEW_OBJECT);
  unqualified::Polygon polygon;
  void* corner = nullptr;
  ASSERT_EQ(callStub(*frozen[0], &polygon, {}, &corner), 0);
  ASSERT_NE(corner, nullptr);
  EXPECT_EQ(static_cast<unqualified::Polygon::Corner*>(corner)->x, 1.5);
  const DlScope* scope = dict().scope("unqualified::Polygon::Corner");
  ASSERT_NE(scope, nullptr);
  char error[64] = "";
  EXPECT_EQ(scope->delete_object(corner, 0, nullptr, nullptr, error, sizeof error), 0) << error;
}

INSTANTIATE_TEST_SUITE_P(BothDictionaries, ReachableNames,
                         ::testing::Values(Generated::WithAddresses, Generated::StubsOnly),
                         [](const auto& info) { return std::string(generatedLabel(info.param)); });

}  // namespace
}  // namespace genreflex_test
