// template_names_test.cpp - the spellings users write for an instantiation all
// reach its one scope through the C API (get_scope, resolve_name, is_template),
// with the dictionary of tests/genreflex/data/templates.h loaded; and calls of
// the standard containers' members that PyPy makes.
#include <string>
#include <vector>

#include "capi_support.h"

namespace dictloader_test {
namespace {

class TemplateNames : public LoaderTest {
 protected:
  void SetUp() override {
    LoaderTest::SetUp();
    ASSERT_EQ(dictloader_load(DICTLOADER_TEST_TEMPLATES_DICT), 1) << dictloader_last_error();
  }
};

TEST_F(TemplateNames, EverySpellingFindsTheOneScope) {
  cppyy_scope_t vector = cppyy_get_scope("std::vector<int>");
  ASSERT_NE(vector, 0u);
  EXPECT_EQ(take(cppyy_scoped_final_name(vector)), "std::vector<int>");
  EXPECT_EQ(take(cppyy_final_name(vector)), "vector<int>");
  for (const char* spelling : {"vector<int>", "::std::vector<int>", "std::vector<int, std::allocator<int> >",
                               "std::vector<int,std::allocator<int>>", " std::vector< int > "})
    EXPECT_EQ(cppyy_get_scope(spelling), vector) << spelling;

  cppyy_scope_t map = cppyy_get_scope("std::map<std::string,int>");
  ASSERT_NE(map, 0u);
  for (const char* spelling : {"std::map<std::string, int>", "map<string,int>",
                               "std::map<std::basic_string<char>, int, std::less<std::basic_string<char> >, "
                               "std::allocator<std::pair<const std::basic_string<char>, int> > >"})
    EXPECT_EQ(cppyy_get_scope(spelling), map) << spelling;

  EXPECT_EQ(cppyy_get_scope("std::vector<std::vector<double> >"),
            cppyy_get_scope("std::vector<std::vector<double>>"));
  EXPECT_NE(cppyy_get_scope("tmpl::Histogram<double, 4>"), 0u);
  EXPECT_EQ(cppyy_get_scope("tmpl::Histogram<double, 4>"), cppyy_get_scope("tmpl::Histogram<double,4>"));
}

TEST_F(TemplateNames, BuiltinSpellingsAndTypedefsInsideTheArguments) {
  // unsigned and unsigned int are one type; so are a typedef and what it names
  cppyy_scope_t unsignedInts = cppyy_get_scope("std::vector<unsigned int>");
  ASSERT_NE(unsignedInts, 0u);
  EXPECT_EQ(cppyy_get_scope("std::vector<unsigned>"), unsignedInts);
  cppyy_scope_t longs = cppyy_get_scope("std::vector<long>");
  ASSERT_NE(longs, 0u);
  EXPECT_EQ(cppyy_get_scope("std::vector<long int>"), longs);
  EXPECT_EQ(cppyy_get_scope("vector<signed long int>"), longs);
  EXPECT_NE(cppyy_get_scope("tmpl::Floats"), 0u);
  EXPECT_EQ(cppyy_get_scope("tmpl::Floats"), cppyy_get_scope("std::vector<float>"));
  EXPECT_EQ(cppyy_get_scope("std::vector<tmpl::Real>"), cppyy_get_scope("std::vector<double>"));
  EXPECT_NE(cppyy_get_scope("std::vector<tmpl::Real>"), 0u);
  EXPECT_EQ(cppyy_get_scope("std::vector<char16_t>"), 0u);  // no such instantiation (not even in the standard dictionary): not another one
}

TEST_F(TemplateNames, ResolveNameGivesTheScopesOwnName) {
  EXPECT_EQ(take(cppyy_resolve_name("std::vector<int, std::allocator<int> >")), "std::vector<int>");
  EXPECT_EQ(take(cppyy_resolve_name("vector<int>")), "std::vector<int>");
  EXPECT_EQ(take(cppyy_resolve_name("std::map<std::string, int>")), "std::map<std::string,int>");
  EXPECT_EQ(take(cppyy_resolve_name("std::vector<int>")), "std::vector<int>");
  EXPECT_EQ(take(cppyy_resolve_name("tmpl::Floats")), "std::vector<float>");
  EXPECT_EQ(take(cppyy_resolve_name("std::vector<double>::value_type")), "double");
  EXPECT_EQ(take(cppyy_resolve_name("std::vector<short>")), "std::vector<short>");  // unknown: as given
}

TEST_F(TemplateNames, AContainersIteratorTypedefsNameItsIteratorClasses) {
  // PyPy tests iterability by <container>::iterator as a scope
  cppyy_scope_t iterator = cppyy_get_scope("std::_Rb_tree_iterator<std::pair<const std::string,int>>");
  ASSERT_NE(iterator, 0u);
  EXPECT_EQ(cppyy_get_scope("std::map<std::string,int>::iterator"), iterator);
  EXPECT_EQ(cppyy_get_scope("std::map<std::string, int>::iterator"), iterator);
  EXPECT_EQ(take(cppyy_resolve_name("std::map<std::string,int>::iterator")),
            "std::_Rb_tree_iterator<std::pair<const std::string,int>>");
}

TEST_F(TemplateNames, AClassNameWithConstInsideAnIdentifierIsFoundByPyPysStrippedSpelling) {
  // _cppyy's clean_type turns std::_Rb_tree_const_iterator<int> (what
  // std::set<int>::begin() returns) into std::_Rb_tree__iterator<int> before
  // it looks the class up
  cppyy_scope_t iterator = cppyy_get_scope("std::_Rb_tree_const_iterator<int>");
  ASSERT_NE(iterator, 0u);
  EXPECT_EQ(cppyy_get_scope("std::_Rb_tree__iterator<int>"), iterator);
  EXPECT_EQ(take(cppyy_resolve_name("std::_Rb_tree__iterator<int>")), "std::_Rb_tree_const_iterator<int>");
  EXPECT_EQ(take(cppyy_resolve_name("std::_Rb_tree_const_iterator<int>")),
            "std::_Rb_tree_const_iterator<int>");
  EXPECT_EQ(cppyy_get_scope("std::_Rb_tree__iterator<long>"), 0u);  // no such class: no alias
}

TEST_F(TemplateNames, AFailedCallReturningAReferenceToABuiltinGivesAReadableAddress) {
  // PyPy reads through the address before it looks at the status words:
  // std::vector<int>::at past the end must not hand it null
  cppyy_scope_t vector = cppyy_get_scope("std::vector<int>");
  ASSERT_NE(vector, 0u);
  cppyy_method_t at = 0;
  for (int i = 0; i < cppyy_num_methods(vector); ++i) {
    cppyy_method_t m = cppyy_get_method(vector, i);
    if (take(cppyy_method_name(m)) == "at" && take(cppyy_method_result_type(m)) == "int&") at = m;
  }
  ASSERT_NE(at, 0u);
  Args none(0);
  none.clearStatus();
  cppyy_object_t object = cppyy_constructor(methodOf(vector, "vector<int>", "()"), vector, 0, none.get());
  ASSERT_NE(object, nullptr);
  Args index(1);
  index.set<unsigned long>(0, 3).clearStatus();
  auto* element = static_cast<int*>(cppyy_call_r(at, object, 1, index.get()));
  ASSERT_NE(element, nullptr);
  EXPECT_EQ(*element, 0);
  EXPECT_NE(index.takeError().find("_M_range_check"), std::string::npos);
  cppyy_destruct(vector, object);
}

TEST_F(TemplateNames, IsTemplateAnswersForTemplatesWithAnInstantiation) {
  EXPECT_EQ(cppyy_is_template("std::vector"), 1);
  EXPECT_EQ(cppyy_is_template("vector"), 1);
  EXPECT_EQ(cppyy_is_template("std::map"), 1);
  EXPECT_EQ(cppyy_is_template("std::pair"), 1);
  EXPECT_EQ(cppyy_is_template("tmpl::Histogram"), 1);
  EXPECT_EQ(cppyy_is_template("tmpl::Box"), 1);
  EXPECT_EQ(cppyy_is_template("std::forward_list"), 0);  // no instantiation in any dictionary, the standard one included
  EXPECT_EQ(cppyy_is_template("tmpl::Store"), 0);
  EXPECT_EQ(cppyy_is_template("std::vector<int>"), 0);
  EXPECT_EQ(cppyy_get_scope("std::vector"), 0u);
}

TEST_F(TemplateNames, TheSameInstantiationInTwoDictionariesIsOneScope) {
  cppyy_scope_t vector = cppyy_get_scope("std::vector<int>");
  ASSERT_NE(vector, 0u);
  ASSERT_EQ(dictloader_load(DICTLOADER_TEST_MORE_TEMPLATES_DICT), 1) << dictloader_last_error();
  EXPECT_EQ(cppyy_get_scope("std::vector<int>"), vector);
  EXPECT_EQ(cppyy_get_scope("vector<int>"), vector);
  cppyy_scope_t stdScope = cppyy_get_scope("std");
  size_t count = 0;
  const char** names = cppyy_get_all_cpp_names(stdScope, &count);
  int listed = 0;
  for (size_t i = 0; i < count; ++i) {
    if (std::string(names[i]) == "vector<int>") ++listed;
    cppyy_free(const_cast<char*>(names[i]));
  }
  cppyy_free(names);
  EXPECT_EQ(listed, 1);
}

TEST_F(TemplateNames, AVectorBuiltThroughTheCApiWorks) {
  cppyy_scope_t vector = cppyy_get_scope("vector<double>");
  ASSERT_NE(vector, 0u);
  cppyy_method_t ctor = 0;
  for (int i = 0; i < cppyy_num_methods(vector); ++i) {
    cppyy_method_t m = cppyy_get_method(vector, i);
    if (cppyy_is_constructor(m) && cppyy_method_num_args(m) == 0) ctor = m;
  }
  ASSERT_NE(ctor, 0);
  Args none(0);
  cppyy_object_t object = cppyy_constructor(ctor, vector, 0, none.get());
  ASSERT_NE(object, nullptr);
  cppyy_method_t pushBack = methodOf(vector, "push_back", "(const double&)");
  cppyy_method_t size = methodOf(vector, "size", "()");
  for (double value : {1.5, 2.5}) {
    Args one(1);
    one.set(0, value);  // a const builtin reference: the value in the slot, as PyPy writes it
    cppyy_call_v(pushBack, object, 1, one.get());
  }
  Args noArgs(0);
  EXPECT_EQ(cppyy_call_l(size, object, 0, noArgs.get()), 2);
  EXPECT_EQ(static_cast<std::vector<double>*>(object)->at(1), 2.5);
  cppyy_destruct(vector, object);
}

TEST(VectorBool, ElementsAreReadAndWrittenThroughTheCApi) {
  std::vector<bool> bits{true, false, true};
  EXPECT_EQ(cppyy_vectorbool_getitem(&bits, 0), 1);
  EXPECT_EQ(cppyy_vectorbool_getitem(&bits, 1), 0);
  cppyy_vectorbool_setitem(&bits, 1, 1);
  cppyy_vectorbool_setitem(&bits, 2, 0);
  EXPECT_EQ(bits, (std::vector<bool>{true, true, false}));
}

}  // namespace
}  // namespace dictloader_test
