// scopes_test.cpp - scope lookup, typedefs and enum scopes through the cppyy C API.
#include <algorithm>
#include <string>
#include <vector>

#include "capi_support.h"
#include "loader_api.h"

namespace dictloader_test {
namespace {

using Scopes = LoaderTest;

TEST_F(Scopes, LoadingTheSameDictionaryAgainSucceeds) {
  size_t before = dictloader_num_dictionaries();
  EXPECT_EQ(dictloader_load(DICTLOADER_TEST_API_DICT), 1) << dictloader_last_error();
  EXPECT_EQ(dictloader_num_dictionaries(), before);
  EXPECT_STREQ(dictloader_last_error(), "");
}

TEST_F(Scopes, LoadedDictionaryIsListedWithItsOrigin) {
  bool listed = false;
  for (size_t i = 0; i < dictloader_num_dictionaries(); ++i) {
    const char* origin = dictloader_dictionary_origin(i);
    ASSERT_NE(origin, nullptr);
    ASSERT_NE(dictloader_dictionary_name(i), nullptr);
    if (std::string(origin) == DICTLOADER_TEST_API_DICT) listed = true;
  }
  EXPECT_TRUE(listed);
  EXPECT_EQ(dictloader_dictionary_name(dictloader_num_dictionaries()), nullptr);
}

TEST_F(Scopes, GlobalAndStdAreNamespaces) {
  // PyPy's _post_import_startup needs both non-zero and namespaces.
  cppyy_scope_t global = cppyy_get_scope("");
  cppyy_scope_t stdScope = cppyy_get_scope("std");
  ASSERT_NE(global, 0u);
  ASSERT_NE(stdScope, 0u);
  EXPECT_NE(global, stdScope);
  EXPECT_EQ(cppyy_is_namespace(global), 1);
  EXPECT_EQ(cppyy_is_namespace(stdScope), 1);
  EXPECT_EQ(take(cppyy_scoped_final_name(stdScope)), "std");
}

TEST_F(Scopes, BuiltinAndUnknownNamesAreNotScopes) {
  for (const char* name :
       {"int", "double", "unsigned long", "bool", "void", "api::Nothing", "nothing::at::all"})
    EXPECT_EQ(cppyy_get_scope(name), 0u) << name;
}

TEST_F(Scopes, ClassesAndNestedNamespacesHaveDistinctHandles) {
  cppyy_scope_t api = scopeOf("api");
  cppyy_scope_t util = scopeOf("api::util");
  cppyy_scope_t widget = scopeOf("api::Widget");
  EXPECT_EQ(cppyy_is_namespace(api), 1);
  EXPECT_EQ(cppyy_is_namespace(util), 1);
  EXPECT_EQ(cppyy_is_namespace(widget), 0);
  EXPECT_NE(util, api);
  EXPECT_EQ(cppyy_get_scope("::api::Widget"), widget);  // leading :: as PyPy may spell it
  EXPECT_EQ(take(cppyy_final_name(widget)), "Widget");
  EXPECT_EQ(take(cppyy_scoped_final_name(widget)), "api::Widget");
  EXPECT_EQ(take(cppyy_scoped_final_name(util)), "api::util");
  EXPECT_EQ(cppyy_size_of_klass(widget), sizeof(api::Widget));
}

TEST_F(Scopes, TypedefsResolveToTheirTargets) {
  EXPECT_EQ(take(cppyy_resolve_name("api::Count")), "int");
  EXPECT_EQ(take(cppyy_resolve_name("api::WidgetAlias")), "api::Widget");
  EXPECT_EQ(cppyy_get_scope("api::WidgetAlias"), cppyy_get_scope("api::Widget"));
  EXPECT_EQ(cppyy_get_scope("api::Count"), 0u);  // a typedef of a builtin is no scope
}

TEST_F(Scopes, NonTypedefsResolveToThemselves) {
  // PyPy treats any change as an alias, so the input must come back byte for byte.
  for (const char* name :
       {"api::Widget", "int", "const int&", "api::Widget*", "int[5]", "no::such::Name", "std::string"})
    EXPECT_EQ(take(cppyy_resolve_name(name)), name);
}

TEST_F(Scopes, EnumScopesAreNamespacesOfTheirValues) {
  cppyy_scope_t mode = scopeOf("api::Mode");
  EXPECT_EQ(cppyy_is_namespace(mode), 1);
  EXPECT_EQ(cppyy_is_enum("api::Mode"), 1);
  EXPECT_EQ(cppyy_is_enum("::api::Color"), 1);  // has_enum on gbl passes a leading ::
  EXPECT_EQ(cppyy_is_enum("api::Widget"), 0);
  EXPECT_EQ(cppyy_is_enum("api"), 0);
  ASSERT_EQ(cppyy_num_datamembers(mode), 3);
  EXPECT_EQ(take(cppyy_datamember_name(mode, 0)), "Off");
  EXPECT_EQ(take(cppyy_datamember_name(mode, 1)), "On");
  EXPECT_EQ(take(cppyy_datamember_name(mode, 2)), "Auto");
  // Narrow enums are promoted: values are read as int, whatever the declared width.
  EXPECT_EQ(take(cppyy_datamember_type(mode, 2)), "int");
}

TEST_F(Scopes, EnumHandleListsNamesAndValues) {
  cppyy_enum_t mode = cppyy_get_enum(scopeOf("api"), "Mode");
  ASSERT_NE(mode, nullptr);
  ASSERT_EQ(cppyy_get_num_enum_data(mode), 3u);
  EXPECT_EQ(take(cppyy_get_enum_data_name(mode, 2)), "Auto");
  EXPECT_EQ(cppyy_get_enum_data_value(mode, 1), 7);
  EXPECT_EQ(cppyy_get_enum_data_value(mode, 2), -3);
  EXPECT_EQ(cppyy_get_enum(scopeOf("api"), "Widget"), nullptr);  // a class is no enum
  EXPECT_EQ(cppyy_get_enum(scopeOf("api"), "Nope"), nullptr);
}

TEST_F(Scopes, StdStringIsAClassWithCStr) {
  cppyy_scope_t str = scopeOf("std::string");
  EXPECT_EQ(cppyy_is_namespace(str), 0);
  cppyy_method_t cStr = methodOf(str, "c_str", "()");
  ASSERT_NE(cStr, 0);
  EXPECT_EQ(take(cppyy_method_result_type(cStr)), "const char*");

  cppyy_object_t text = cppyy_charp2stdstring("pypy", 4);
  Args args(0);
  args.clearStatus();
  auto* chars = static_cast<const char*>(cppyy_call_r(cStr, text, 0, args.get()));
  EXPECT_EQ(args.takeError(), "");
  ASSERT_NE(chars, nullptr);
  EXPECT_STREQ(chars, "pypy");
  size_t size = 0;
  EXPECT_STREQ(cppyy_stdstring2charp(text, &size), "pypy");
  EXPECT_EQ(size, 4u);
  cppyy_destruct(str, text);
}

TEST_F(Scopes, AllCppNamesListsChildrenFunctionsAndVariables) {
  size_t count = 0;
  const char** names = cppyy_get_all_cpp_names(scopeOf("api"), &count);
  ASSERT_NE(names, nullptr);
  std::vector<std::string> listed;
  for (size_t i = 0; i < count; ++i) {
    ASSERT_NE(names[i], nullptr);
    listed.push_back(names[i]);
    cppyy_free(const_cast<char*>(names[i]));
  }
  cppyy_free(names);
  for (const char* expected : {"Widget", "util", "Mode", "Color", "Green", "Multi"})
    EXPECT_NE(std::find(listed.begin(), listed.end(), expected), listed.end()) << expected;
  EXPECT_EQ(std::find(listed.begin(), listed.end(), "Off"), listed.end());  // scoped: not in api
}

}  // namespace
}  // namespace dictloader_test
