// operators_emit_test.cpp - what genreflex describes for operators
// (data/operators.h): hidden friend operators as functions of their
// namespace whose stubs write the operator expression, a friend declared
// first in the class and then in the namespace (once), conversions named by
// the type the dictionary spells, and the const function __cpp_str__ it adds
// to a class C++ can write to a std::ostream (also through a base's
// operator<<, never through a conversion).
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "dictionary_view.h"
#include "operators.h"

namespace genreflex_test {
namespace {

const DictionaryView& operators() {
  static const DictionaryView dict(GENREFLEX_TEST_DICT_OPERATORS);
  return dict;
}

// The one function of scope called name, or a test failure.
const DlFunction& only(std::string_view scope, std::string_view name) {
  std::vector<const DlFunction*> found = operators().functions(scope, name);
  if (found.size() != 1)
    throw std::runtime_error(std::to_string(found.size()) + " functions " + std::string(name));
  return *found[0];
}

TEST(Operators, HiddenFriendsAreFunctionsOfTheirNamespace) {
  const DlFunction& plus = only("opsgen", "operator+");
  const DlFunction& minus = only("opsgen", "operator-");
  EXPECT_EQ(plus.kind, DL_FUNC_STATIC);
  EXPECT_EQ(operators().argumentTypes(plus),
            (std::vector<std::string>{"const opsgen::Amount&", "const opsgen::Amount&"}));
  EXPECT_EQ(minus.num_args, 1u);
  EXPECT_TRUE(plus.flags & DL_FUNC_OPERATOR);

  opsgen::Amount two(2), three(3);
  void* a = &two;
  void* b = &three;
  void* sum = nullptr;
  ASSERT_EQ(callStub(plus, nullptr, {&a, &b}, &sum), 0);
  std::unique_ptr<opsgen::Amount> owned(static_cast<opsgen::Amount*>(sum));
  EXPECT_EQ(owned->value, 5);
  void* negated = nullptr;
  ASSERT_EQ(callStub(minus, nullptr, {&a}, &negated), 0);
  EXPECT_EQ(std::unique_ptr<opsgen::Amount>(static_cast<opsgen::Amount*>(negated))->value, -2);
}

TEST(Operators, AFriendDeclaredFirstIsDescribedOnceInItsNamespace) {
  const DlFunction& less = only("opsgen", "operator<");
  opsgen::Amount two(2), three(3);
  void* a = &two;
  void* b = &three;
  bool result = false;
  ASSERT_EQ(callStub(less, nullptr, {&a, &b}, &result), 0);
  EXPECT_TRUE(result);
  EXPECT_TRUE(operators().functions("opsgen::Amount", "operator<").empty());
}

TEST(Operators, ConversionsAreNamedByTheirType) {
  const DlFunction& text = only("opsgen::Amount", "operator std::string");
  EXPECT_STREQ(operators().str(text.result_type), "std::string");
  EXPECT_TRUE(text.flags & DL_FUNC_OPERATOR);
  opsgen::Amount amount(1);
  void* result = nullptr;
  ASSERT_EQ(callStub(text, &amount, {}, &result), 0);
  EXPECT_EQ(*std::unique_ptr<std::string>(static_cast<std::string*>(result)), "amount");
  EXPECT_EQ(operators().functions("opsgen::Amount", "operator bool").size(), 1u);
}

TEST(Operators, StreamTextIsWhatOperatorShiftLeftWrites) {
  for (auto [scope, object, text] : {std::tuple<const char*, opsgen::Amount*, const char*>{
                                         "opsgen::Amount", new opsgen::Amount(12), "12 units"},
                                     {"opsgen::Share", new opsgen::Share, "7 units"}}) {
    std::unique_ptr<opsgen::Amount> owned(object);
    const DlFunction& fn = only(scope, "__cpp_str__");
    EXPECT_EQ(fn.kind, DL_FUNC_METHOD);
    EXPECT_TRUE(fn.flags & DL_FUNC_CONST);
    EXPECT_EQ(fn.num_args, 0u);
    EXPECT_EQ(fn.result_kind, DL_RESULT_STRING);
    EXPECT_STREQ(operators().str(fn.result_type), "std::string");
    void* result = nullptr;
    ASSERT_EQ(callStub(fn, object, {}, &result), 0) << scope;
    EXPECT_EQ(*std::unique_ptr<std::string>(static_cast<std::string*>(result)), text) << scope;
  }
}

TEST(Operators, NoStreamTextThroughAConversionOrWithoutOperator) {
  EXPECT_TRUE(operators().functions("opsgen::Counter", "__cpp_str__").empty());
  EXPECT_TRUE(operators().functions("opsgen::Silent", "__cpp_str__").empty());
  ASSERT_NE(operators().scope("opsgen::Counter"), nullptr);
}

}  // namespace
}  // namespace genreflex_test
