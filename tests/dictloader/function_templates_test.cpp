// function_templates_test.cpp - function template instances through the C API
// (tests/genreflex/data/function_templates.h): named for clients by their
// template, chosen by a call's arguments where those tell them apart, and
// otherwise reached by template arguments through a placeholder.
#include <string>
#include <vector>

#include "capi_support.h"

namespace dictloader_test {
namespace {

class FunctionTemplates : public LoaderTest {
 protected:
  void SetUp() override {
    LoaderTest::SetUp();
    ASSERT_EQ(dictloader_load(DICTLOADER_TEST_TEMPLATES_DICT), 1) << dictloader_last_error();
  }

  static int indexOf(cppyy_scope_t scope, cppyy_method_t m) {
    for (int i = 0; i < cppyy_num_methods(scope); ++i)
      if (cppyy_get_method(scope, i) == m) return i;
    return -1;
  }
};

TEST_F(FunctionTemplates, InstancesChosenByArgumentsJoinTheirTemplatesOverloads) {
  cppyy_scope_t summer = scopeOf("ftmpl::Summer");
  cppyy_method_t sumOfDoubles = methodOf(summer, "sum", "(const std::vector<double>&)");
  cppyy_method_t sumOfParticles = methodOf(summer, "sum", "(const std::vector<ftmpl::Particle>&)");
  ASSERT_NE(sumOfDoubles, 0);
  ASSERT_NE(sumOfParticles, 0);
  EXPECT_EQ(take(cppyy_method_full_name(sumOfDoubles)), "ftmpl::Summer::sum<double>");
  EXPECT_EQ(cppyy_method_is_template(summer, indexOf(summer, sumOfDoubles)), 1);
  EXPECT_EQ(cppyy_exists_method_template(summer, "sum"), 1);
  EXPECT_EQ(cppyy_get_method_template(summer, "sum<double>", "std::vector<double>&"), sumOfDoubles);
  EXPECT_EQ(cppyy_get_method_template(summer, "sum< ftmpl::Particle >", ""), sumOfParticles);
  EXPECT_EQ(cppyy_get_method_template(summer, "sum<short>", ""), 0);
  // the constructor template is one of the constructors
  EXPECT_NE(methodOf(summer, "Summer", "(const std::vector<ftmpl::Particle>&)"), 0);
  EXPECT_TRUE(cppyy_is_constructor(methodOf(summer, "Summer", "(const std::vector<double>&)")));
}

TEST_F(FunctionTemplates, InstancesTheArgumentsCannotTellApartAreReachedByTemplateArguments) {
  cppyy_scope_t summer = scopeOf("ftmpl::Summer");
  ASSERT_EQ(cppyy_get_num_templated_methods(summer), 1);
  EXPECT_EQ(take(cppyy_get_templated_method_name(summer, 0)), "width");
  EXPECT_EQ(cppyy_exists_method_template(summer, "width"), 1);
  cppyy_method_t ofInt = cppyy_get_method_template(summer, "width<int>", "");
  cppyy_method_t ofDouble = cppyy_get_method_template(summer, "width<double>", "");
  ASSERT_NE(ofInt, 0);
  ASSERT_NE(ofDouble, 0);
  EXPECT_NE(ofInt, ofDouble);
  EXPECT_EQ(take(cppyy_method_name(ofInt)), "width<int>");
  EXPECT_EQ(cppyy_call_i(ofInt, 0, 0, nullptr), static_cast<int>(sizeof(int)));
  EXPECT_EQ(cppyy_call_i(ofDouble, 0, 0, nullptr), static_cast<int>(sizeof(double)));

  cppyy_scope_t ns = scopeOf("ftmpl");
  EXPECT_TRUE(indicesOf(ns, "scaled").empty());  // scaled<3>(int): 3 is not in the arguments
  EXPECT_EQ(cppyy_exists_method_template(ns, "scaled"), 1);
  cppyy_method_t scaled = cppyy_get_method_template(ns, "scaled<3>", "int");
  ASSERT_NE(scaled, 0);
  EXPECT_EQ(take(cppyy_method_signature(scaled, 0)), "(int)");
  Args args(1);
  args.set<int>(0, 5);
  EXPECT_EQ(cppyy_call_i(scaled, 0, 1, args.get()), 15);
}

TEST_F(FunctionTemplates, StaticAndFreeInstancesAreOrdinaryOverloads) {
  // PyPy 7.3.11 calls a static template overload with a null `this` as an
  // argument: free and static instances are not reported as templates
  cppyy_scope_t ns = scopeOf("ftmpl");
  std::vector<cppyy_index_t> largest = indicesOf(ns, "largest");
  ASSERT_FALSE(largest.empty());
  for (cppyy_index_t i : largest) EXPECT_EQ(cppyy_method_is_template(ns, i), 0);
  EXPECT_FALSE(indicesOf(ns, "largest<double>").empty());  // and by full name
  EXPECT_TRUE(indicesOf(ns, "unused").empty());
  EXPECT_EQ(cppyy_exists_method_template(ns, "unused"), 0);
}

}  // namespace
}  // namespace dictloader_test
