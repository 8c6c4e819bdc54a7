// methods_test.cpp - function reflection: names, result and argument types, defaults, signatures.
#include <string>
#include <vector>

#include "capi_support.h"

namespace dictloader_test {
namespace {

using Methods = LoaderTest;

TEST_F(Methods, ConstructorsReportConstructorAsResultType) {
  cppyy_scope_t widget = scopeOf("api::Widget");
  int constructors = 0;
  for (int i = 0; i < cppyy_num_methods(widget); ++i) {
    cppyy_method_t m = cppyy_get_method(widget, i);
    ASSERT_NE(m, 0);
    if (!cppyy_is_constructor(m)) {
      EXPECT_NE(take(cppyy_method_result_type(m)), "constructor") << take(cppyy_method_name(m));
      continue;
    }
    ++constructors;
    EXPECT_EQ(take(cppyy_method_name(m)), "Widget");
    EXPECT_EQ(take(cppyy_method_result_type(m)), "constructor");
  }
  EXPECT_EQ(constructors, 3);  // (), (int), (const api::Widget&)
}

TEST_F(Methods, ANonConstMethodIsListedBeforeItsConstTwin) {
  ASSERT_EQ(dictloader_load(DICTLOADER_TEST_CONST_TWINS_DICT), 1) << dictloader_last_error();
  cppyy_scope_t pair = cppyy_get_scope("twins::Pair");
  ASSERT_NE(pair, 0u);
  auto named = [&](const char* name) {
    std::vector<std::string> out;  // "signature const?" in the order the C API lists them
    cppyy_index_t* indices = cppyy_method_indices_from_name(pair, name);
    for (size_t i = 0; indices && indices[i] != static_cast<cppyy_index_t>(-1); ++i) {
      cppyy_method_t m = cppyy_get_method(pair, indices[i]);
      EXPECT_EQ(m, cppyy_get_method(pair, indices[i]));
      out.push_back(take(cppyy_method_signature(m, 0)) + (cppyy_is_const_method(m) ? " const" : ""));
    }
    cppyy_free(indices);
    return out;
  };
  EXPECT_EQ(named("f"), (std::vector<std::string>{"()", "() const"}));
  // the twin moves up to its const one's place; the rest keep the header's order
  EXPECT_EQ(named("g"), (std::vector<std::string>{"(int)", "(int) const", "(double) const"}));
  EXPECT_EQ(named("h"), (std::vector<std::string>{"() const"}));
  // what num_methods/get_method walk (PyPy's _build_overloads) is in the same order
  std::vector<std::string> walked;
  for (int i = 0; i < cppyy_num_methods(pair); ++i) {
    cppyy_method_t m = cppyy_get_method(pair, i);
    if (take(cppyy_method_name(m)) == "f") walked.push_back(cppyy_is_const_method(m) ? "const" : "non-const");
  }
  EXPECT_EQ(walked, (std::vector<std::string>{"non-const", "const"}));
}

TEST_F(Methods, DestructorIsNotListed) {
  // A listed ~Widget would become a callable Python attribute.
  cppyy_scope_t widget = scopeOf("api::Widget");
  for (int i = 0; i < cppyy_num_methods(widget); ++i) {
    cppyy_method_t m = cppyy_get_method(widget, i);
    EXPECT_EQ(cppyy_is_destructor(m), 0);
    EXPECT_NE(take(cppyy_method_name(m)), "~Widget");
  }
}

TEST_F(Methods, MethodHandlesAreStable) {
  cppyy_scope_t widget = scopeOf("api::Widget");
  ASSERT_GT(cppyy_num_methods(widget), 2);
  EXPECT_EQ(cppyy_get_method(widget, 2), cppyy_get_method(widget, 2));
  EXPECT_NE(cppyy_get_method(widget, 1), cppyy_get_method(widget, 2));
  EXPECT_EQ(cppyy_get_method(widget, cppyy_num_methods(widget)), 0);
}

TEST_F(Methods, DefaultArgumentsAreReported) {
  cppyy_method_t scale = methodOf(scopeOf("api::Widget"), "Scale", "(int, int)");
  ASSERT_NE(scale, 0);
  EXPECT_EQ(cppyy_method_num_args(scale), 2);
  EXPECT_EQ(cppyy_method_req_args(scale), 1);
  EXPECT_EQ(take(cppyy_method_arg_type(scale, 0)), "int");
  EXPECT_EQ(take(cppyy_method_arg_type(scale, 1)), "int");
  EXPECT_EQ(take(cppyy_method_arg_name(scale, 1)), "factor");
  EXPECT_EQ(take(cppyy_method_arg_default(scale, 0)), "");
  EXPECT_EQ(take(cppyy_method_arg_default(scale, 1)), "3");
  EXPECT_EQ(take(cppyy_method_result_type(scale)), "int");
}

TEST_F(Methods, SignatureIsTheParenthesisedArgumentTypesOnly) {
  // PyPy's __overload__("int, int") compares against "(" + text + ")": a const
  // method's signature must not carry " const".
  cppyy_method_t scale = methodOf(scopeOf("api::Widget"), "Scale", "(int, int)");
  ASSERT_NE(scale, 0);
  EXPECT_EQ(cppyy_is_const_method(scale), 1);
  EXPECT_EQ(take(cppyy_method_signature(scale, 0)), "(int, int)");
  EXPECT_EQ(take(cppyy_method_signature(scale, 1)), "(int x, int factor = 3)");
  EXPECT_EQ(take(cppyy_method_signature_max(scale, 0, 1)), "(int)");
  // The const belongs to the prototype, which is only shown to people.
  EXPECT_EQ(take(cppyy_method_prototype(scopeOf("api::Widget"), scale, 1)),
            "int api::Widget::Scale(int x, int factor = 3) const");
}

TEST_F(Methods, StringAndClassArgumentTypesAreSpelledQualified) {
  cppyy_scope_t widget = scopeOf("api::Widget");
  cppyy_method_t join = methodOf(widget, "Join", "(const std::string&, const std::string&)");
  ASSERT_NE(join, 0);
  EXPECT_EQ(take(cppyy_method_result_type(join)), "std::string");
  cppyy_method_t plus = methodOf(widget, "Plus", "(const api::Widget&)");
  ASSERT_NE(plus, 0);
  EXPECT_EQ(take(cppyy_method_result_type(plus)), "api::Widget");
  EXPECT_NE(methodOf(widget, "Greet", "(std::string)"), 0);
  EXPECT_NE(methodOf(widget, "SumWith", "(api::Widget)"), 0);
}

TEST_F(Methods, StaticAndConstPropertiesAreReported) {
  cppyy_scope_t widget = scopeOf("api::Widget");
  cppyy_method_t twice = methodOf(widget, "Twice", "(int)");
  cppyy_method_t set = methodOf(widget, "Set", "(int)");
  ASSERT_NE(twice, 0);
  ASSERT_NE(set, 0);
  EXPECT_EQ(cppyy_is_staticmethod(twice), 1);
  EXPECT_EQ(cppyy_is_staticmethod(set), 0);
  EXPECT_EQ(cppyy_is_const_method(set), 0);
  EXPECT_EQ(cppyy_is_public_method(set), 1);
  EXPECT_EQ(take(cppyy_method_full_name(set)), "api::Widget::Set");
  EXPECT_EQ(take(cppyy_method_prototype(widget, twice, 0)), "static int api::Widget::Twice(int)");
}

TEST_F(Methods, NamespaceFunctionsAreFoundByName) {
  cppyy_scope_t util = scopeOf("api::util");
  std::vector<cppyy_index_t> sums = indicesOf(util, "Sum");
  ASSERT_EQ(sums.size(), 2u);
  int seen = 0;
  for (cppyy_index_t i : sums) {
    cppyy_method_t m = cppyy_get_method(util, i);
    ASSERT_NE(m, 0);
    EXPECT_EQ(take(cppyy_method_name(m)), "Sum");
    EXPECT_EQ(cppyy_is_staticmethod(m), 1);  // namespace functions are called without self
    seen |= 1 << cppyy_method_num_args(m);
  }
  EXPECT_EQ(seen, (1 << 2) | (1 << 3));
  ASSERT_EQ(indicesOf(util, "Half").size(), 1u);
}

TEST_F(Methods, UnknownFunctionNameGivesNull) {
  EXPECT_EQ(cppyy_method_indices_from_name(scopeOf("api::util"), "NoSuchFunction"), nullptr);
  EXPECT_EQ(cppyy_method_indices_from_name(scopeOf("api"), "Widget"), nullptr);  // a class, not a function
}

TEST_F(Methods, AbstractClassListsNoConstructor) {
  cppyy_scope_t abstract = scopeOf("api::Abstract");
  EXPECT_EQ(cppyy_is_abstract(abstract), 1);
  EXPECT_EQ(cppyy_is_abstract(scopeOf("api::Concrete")), 0);
  for (int i = 0; i < cppyy_num_methods(abstract); ++i)
    EXPECT_EQ(cppyy_is_constructor(cppyy_get_method(abstract, i)), 0);
  EXPECT_NE(methodOf(abstract, "Area", "()"), 0);
}

}  // namespace
}  // namespace dictloader_test
