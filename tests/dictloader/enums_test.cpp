// enums_test.cpp - enum types (dictionary ABI 1.5, native API 5): what the C
// API reports for enum-typed arguments, results and data (promoted builtins,
// for PyPy's _cppyy), what the native API names (the enum), the converter
// libdictloader decides for both of our clients, and a dictionary of ABI 1.4
// (no enum types recorded) that still loads and calls.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>

#include "capi_support.h"
#include "dictloader/dictionary_abi.h"
#include "dictloader/direct_calls.h"

namespace {
using namespace dictloader_test;

dictloader_converter converterOf(const char* type, bool isResult) {
  dictloader_converter c{-1, 0, 0};
  EXPECT_EQ(dictloader_converter_for(type, isResult ? 1 : 0, &c), 1);
  return c;
}

class Enums : public LoaderTest {
 protected:
  void SetUp() override {
    LoaderTest::SetUp();
    palette_ = scopeOf("api::Palette");
  }
  cppyy_scope_t palette_ = 0;
};

TEST_F(Enums, ArgumentsAreTheirPromotedBuiltinToTheCApiAndTheirEnumToTheNativeApi) {
  // api::Color holds 1..4: clang gives it unsigned int; Mode is a short, promoted to int.
  cppyy_method_t byColor = methodOf(palette_, "Code", "(api::Color)");
  cppyy_method_t byMode = methodOf(palette_, "Code", "(api::Mode)");
  ASSERT_NE(byColor, 0);
  ASSERT_NE(byMode, 0);
  EXPECT_EQ(take(cppyy_method_arg_type(byColor, 0)), "unsigned int");
  EXPECT_EQ(take(cppyy_method_arg_type(byMode, 0)), "int");
  EXPECT_EQ(take(dictloader_method_arg_type(byColor, 0)), "api::Color");
  EXPECT_EQ(take(dictloader_method_arg_type(byMode, 0)), "api::Mode");
  EXPECT_EQ(take(cppyy_method_prototype(palette_, byMode, 1)), "static int api::Palette::Code(api::Mode m)");
  // A reference keeps its form; the result too.
  cppyy_method_t flip = methodOf(palette_, "Flip", "(const api::Mode&)");
  ASSERT_NE(flip, 0);
  EXPECT_EQ(take(cppyy_method_arg_type(flip, 0)), "const short&");
  EXPECT_EQ(take(dictloader_method_arg_type(flip, 0)), "const api::Mode&");
  EXPECT_EQ(take(cppyy_method_result_type(flip)), "int");
  EXPECT_EQ(take(dictloader_method_result_type(flip)), "api::Mode");
  cppyy_method_t favourite = methodOf(palette_, "Favourite", "()");
  EXPECT_EQ(take(cppyy_method_result_type(favourite)), "const unsigned int&");
  EXPECT_EQ(take(dictloader_method_result_type(favourite)), "const api::Color&");
  // Not an enum: the same text from both.
  cppyy_method_t add = methodOf(scopeOf("api::Widget"), "Add", "(int)");
  EXPECT_EQ(take(dictloader_method_arg_type(add, 0)), "int");
  EXPECT_EQ(take(dictloader_method_result_type(add)), "int");
  cppyy_method_t ctor = methodOf(scopeOf("api::Widget"), "Widget", "(int)");
  EXPECT_EQ(take(dictloader_method_result_type(ctor)), "constructor");
}

TEST_F(Enums, BadHandlesAndIndicesGiveEmptyText) {
  EXPECT_EQ(take(dictloader_method_arg_type(0, 0)), "");
  EXPECT_EQ(take(dictloader_method_result_type(0)), "");
  EXPECT_EQ(take(dictloader_datamember_type(0, 0)), "");
  cppyy_method_t byMode = methodOf(palette_, "Code", "(api::Mode)");
  EXPECT_EQ(take(dictloader_method_arg_type(byMode, 1)), "");
  EXPECT_EQ(take(dictloader_method_arg_type(byMode, -1)), "");
  EXPECT_EQ(take(dictloader_datamember_type(palette_, 1000)), "");
}

TEST_F(Enums, DataMembersAndEnumValuesNameTheirEnum) {
  int mode = dataIndexOf(palette_, "mode");
  int colors = dataIndexOf(palette_, "colors");
  int favourite = dataIndexOf(palette_, "favourite");
  ASSERT_GE(mode, 0);
  ASSERT_GE(colors, 0);
  ASSERT_GE(favourite, 0);
  EXPECT_EQ(take(cppyy_datamember_type(palette_, mode)), "short");
  EXPECT_EQ(take(dictloader_datamember_type(palette_, mode)), "api::Mode");
  EXPECT_EQ(take(dictloader_datamember_type(palette_, colors)), "api::Color[2]");
  EXPECT_EQ(take(dictloader_datamember_type(palette_, favourite)), "api::Color");
  // Values of the unscoped api::Color are data of api; those of api::Mode of the enum.
  cppyy_scope_t api = scopeOf("api");
  int red = cppyy_datamember_index(api, "Red");
  ASSERT_GE(red, 0);
  EXPECT_EQ(take(cppyy_datamember_type(api, red)), "unsigned int");
  EXPECT_EQ(take(dictloader_datamember_type(api, red)), "api::Color");
  cppyy_scope_t modeScope = scopeOf("api::Mode");
  int on = cppyy_datamember_index(modeScope, "On");
  ASSERT_GE(on, 0);
  EXPECT_EQ(take(cppyy_datamember_type(modeScope, on)), "int");
  EXPECT_EQ(take(dictloader_datamember_type(modeScope, on)), "api::Mode");
}

TEST_F(Enums, ResolveEnumGivesTheUnderlyingType) {
  EXPECT_EQ(take(cppyy_resolve_enum("api::Mode")), "short");
  EXPECT_EQ(take(cppyy_resolve_enum("api::Color")), "unsigned int");
  // What PyPy's _cppyy passes (a namespace enum value's type) comes back unchanged.
  EXPECT_EQ(take(cppyy_resolve_enum("unsigned int")), "unsigned int");
  EXPECT_EQ(take(cppyy_resolve_enum("no::Such")), "no::Such");
  EXPECT_EQ(take(cppyy_resolve_enum(nullptr)), "");
}

TEST_F(Enums, TheConverterIsTheEnumsOwn) {
  cppyy_scope_t mode = scopeOf("api::Mode");
  cppyy_scope_t color = scopeOf("api::Color");
  dictloader_converter c = converterOf("api::Mode", false);
  EXPECT_EQ(c.kind, DICTLOADER_CONVERT_ENUM);
  EXPECT_EQ(c.klass, mode);
  EXPECT_EQ(c.flags >> 8, static_cast<unsigned>(DICTLOADER_CONVERT_INT));  // short, promoted
  EXPECT_TRUE(c.flags & DICTLOADER_CONVERT_SCOPED_ENUM);
  c = converterOf("api::Color", true);
  EXPECT_EQ(c.kind, DICTLOADER_CONVERT_ENUM);
  EXPECT_EQ(c.klass, color);
  EXPECT_EQ(c.flags, static_cast<unsigned>(DICTLOADER_CONVERT_UINT) << 8);
  // const E& arguments cross by value, promoted; a reference result is read in place.
  c = converterOf("const api::Mode&", false);
  EXPECT_EQ(c.kind, DICTLOADER_CONVERT_ENUM);
  EXPECT_EQ(c.flags >> 8, static_cast<unsigned>(DICTLOADER_CONVERT_INT));
  c = converterOf("const api::Mode&", true);
  EXPECT_EQ(c.kind, DICTLOADER_CONVERT_ENUM);
  EXPECT_EQ(c.flags >> 8, static_cast<unsigned>(DICTLOADER_CONVERT_SHORT));
  EXPECT_TRUE(c.flags & DICTLOADER_CONVERT_CONST_REF);
  EXPECT_FALSE(c.flags & DICTLOADER_CONVERT_REF_RESULT);
  c = converterOf("api::Mode&", true);
  EXPECT_TRUE(c.flags & DICTLOADER_CONVERT_REF_RESULT);
  // Data in place: the enum's own width.
  dictloader_converter data{};
  ASSERT_EQ(dictloader_converter_for("api::Mode", 2, &data), 1);
  EXPECT_EQ(data.kind, DICTLOADER_CONVERT_ENUM);
  EXPECT_EQ(data.flags >> 8, static_cast<unsigned>(DICTLOADER_CONVERT_SHORT));
  // Not yet: non-const references and pointers as arguments.
  EXPECT_EQ(converterOf("api::Mode&", false).kind, DICTLOADER_CONVERT_UNSUPPORTED);
  EXPECT_EQ(converterOf("api::Mode*", false).kind, DICTLOADER_CONVERT_UNSUPPORTED);
  // The builtin spelling stays an integer.
  EXPECT_EQ(converterOf("unsigned int", false).kind, DICTLOADER_CONVERT_UINT);
}

TEST_F(Enums, StubsTakeAndGiveTheValues) {
  cppyy_method_t byMode = methodOf(palette_, "Code", "(api::Mode)");
  cppyy_method_t byColor = methodOf(palette_, "Code", "(api::Color)");
  cppyy_method_t flip = methodOf(palette_, "Flip", "(const api::Mode&)");
  Args args(1);
  args.set<int>(0, 7);
  EXPECT_EQ(cppyy_call_i(byMode, nullptr, 1, args.get()), 207);
  args.set<unsigned>(0, 4);
  EXPECT_EQ(cppyy_call_i(byColor, nullptr, 1, args.get()), 104);
  args.set<int>(0, 7);
  EXPECT_EQ(cppyy_call_i(flip, nullptr, 1, args.get()), 0);
  args.set<int>(0, -3);
  EXPECT_EQ(cppyy_call_i(flip, nullptr, 1, args.get()), 7);
}

// A dictionary of ABI 1.4: enum types unrecorded, so everything is its builtin.
// (Its own process, without the dictionary of ABI 1.5 of the same header.)
class LegacyEnums : public LoaderTest {
 protected:
  void SetUp() override {}
};

TEST_F(LegacyEnums, ADictionaryOfAbi14LoadsAndCallsWithBuiltins) {
  ASSERT_EQ(dictloader_load(DICTLOADER_TEST_LEGACY_1_4_DICT), 1) << dictloader_last_error();
  const DlDictionary* d = nullptr;
  for (size_t i = 0; i < dictloader_num_dictionaries(); ++i)
    if (std::string(dictloader_dictionary_origin(i)) == DICTLOADER_TEST_LEGACY_1_4_DICT)
      d = static_cast<const DlDictionary*>(dictloader_dictionary_table(i));
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->abi_minor, 4u);
  EXPECT_EQ(d->header_size, offsetof(DlDictionary, argument_enums));
  cppyy_scope_t palette = cppyy_get_scope("api::Palette");
  ASSERT_NE(palette, 0u);
  cppyy_method_t byMode = methodOf(palette, "Code", "(int)");
  ASSERT_NE(byMode, 0);
  EXPECT_EQ(take(dictloader_method_arg_type(byMode, 0)), "int");
  EXPECT_EQ(take(dictloader_method_result_type(byMode)), "int");
  int mode = -1;
  for (int i = 0; i < cppyy_num_datamembers(palette); ++i)
    if (take(cppyy_datamember_name(palette, i)) == "mode") mode = i;
  ASSERT_GE(mode, 0);
  EXPECT_EQ(take(dictloader_datamember_type(palette, mode)), "short");
  // Enum values still name their enum: the enum tables of ABI 1.0 say so.
  cppyy_scope_t api = cppyy_get_scope("api");
  EXPECT_EQ(take(dictloader_datamember_type(api, cppyy_datamember_index(api, "Red"))), "api::Color");
  // Entries (ABI 1.4) are there, and calls work.
  dictloader_entry entry{};
  ASSERT_EQ(dictloader_function_entry(byMode, &entry), 1);
  EXPECT_NE(entry.kind, DL_ENTRY_NONE);
  Args args(1);
  args.set<int>(0, -3);
  EXPECT_EQ(cppyy_call_i(byMode, nullptr, 1, args.get()), 197);
}

}  // namespace
