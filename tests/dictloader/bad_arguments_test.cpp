// bad_arguments_test.cpp - every C API entry point given null names, 0 handles or
// out-of-range indices answers 0, "", -1 or NULL as documented, and never crashes.
#include <string>

#include "capi_support.h"
#include "dictloader/dictionary_abi.h"
#include "dictloader/direct_calls.h"
#include "loader_api.h"

namespace dictloader_test {
namespace {

class BadArguments : public LoaderTest {
 protected:
  void SetUp() override {
    LoaderTest::SetUp();
    widget_ = scopeOf("api::Widget");
    anyMethod_ = methodOf(widget_, "Scale", "(int, int)");
  }
  cppyy_scope_t widget_ = 0;
  cppyy_method_t anyMethod_ = 0;
};

TEST_F(BadArguments, NamesAndScopes) {
  EXPECT_EQ(take(cppyy_resolve_name(nullptr)), "");
  EXPECT_EQ(take(cppyy_resolve_enum(nullptr)), "");
  EXPECT_EQ(cppyy_get_scope(nullptr), 0u);
  EXPECT_EQ(cppyy_actual_class(0, nullptr), 0u);
  EXPECT_EQ(cppyy_size_of_klass(0), 0u);
  EXPECT_EQ(cppyy_size_of_klass(scopeOf("api")), 0u);  // a namespace has no size
  EXPECT_EQ(cppyy_size_of_type(nullptr), 0u);
  EXPECT_EQ(cppyy_size_of_type("no::Such"), 0u);
  EXPECT_EQ(cppyy_is_builtin(nullptr), 0);
  EXPECT_EQ(cppyy_is_complete(nullptr), 0);
  EXPECT_EQ(cppyy_is_complete("no::Such"), 0);
}

TEST_F(BadArguments, Objects) {
  cppyy_destruct(0, nullptr);
  cppyy_destruct(widget_, nullptr);
  cppyy_destruct(scopeOf("api"), nullptr);
  EXPECT_EQ(cppyy_allocate(0), nullptr);
  cppyy_deallocate(0, nullptr);
  EXPECT_EQ(cppyy_construct(0), nullptr);
  EXPECT_EQ(cppyy_construct(scopeOf("api::Abstract")), nullptr);  // no constructor to call
  cppyy_destructor(0, nullptr);
}

TEST_F(BadArguments, CallsThroughANullMethodReportAndReturnZero) {
  Args args(1);
  // Each call must report into the status words (PyPy frees every message it gets).
  auto reported = [&args] {
    std::string error = args.takeError();
    return error.find("null method") != std::string::npos;
  };
  args.clearStatus();
  cppyy_call_v(0, nullptr, 1, args.get());
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_b(0, nullptr, 1, args.get()), 0);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_c(0, nullptr, 1, args.get()), 0);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_h(0, nullptr, 1, args.get()), 0);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_i(0, nullptr, 1, args.get()), 0);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_l(0, nullptr, 1, args.get()), 0);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_ll(0, nullptr, 1, args.get()), 0);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_f(0, nullptr, 1, args.get()), 0.0f);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_d(0, nullptr, 1, args.get()), 0.0);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_ld(0, nullptr, 1, args.get()), 0.0L);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_nld(0, nullptr, 1, args.get()), 0.0);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_r(0, nullptr, 1, args.get()), nullptr);
  EXPECT_TRUE(reported());
  size_t length = 99;
  EXPECT_EQ(take(cppyy_call_s(0, nullptr, 1, args.get(), &length)), "");
  EXPECT_EQ(length, 0u);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_constructor(0, widget_, 1, args.get()), nullptr);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_call_o(0, nullptr, 1, args.get(), widget_), nullptr);
  EXPECT_TRUE(reported());
  EXPECT_EQ(cppyy_function_address(0), nullptr);
}

TEST_F(BadArguments, CallsWithImpossibleArgumentCounts) {
  Args args(3);
  api::Widget widget(5);
  for (int nargs : {-1, 0, 3}) {  // Scale takes 1 or 2
    int slot = nargs < 0 ? 0 : nargs;
    args.clearStatus(slot);
    EXPECT_EQ(cppyy_call_i(anyMethod_, &widget, nargs, args.get()), 0) << nargs;
    EXPECT_NE(args.takeError(slot).find("arguments"), std::string::npos) << nargs;
  }
  // No buffer at all: nothing to report into, yet no crash.
  EXPECT_EQ(cppyy_call_i(anyMethod_, &widget, 1, nullptr), 0);
}

TEST_F(BadArguments, MethodCallsWithoutAnObjectAreRefused) {
  // What an unbound call (MyClass.Method() in Python) or a destroyed instance
  // hands the backend: a null object. Every call entry point refuses it before C++ runs.
  Args args(2);
  args.set<int>(0, 4).set<int>(1, 2);
  auto refused = [&] {
    std::string error = args.takeError(2);
    args.clearStatus(2);
    return error.find("api::Widget::Scale() without an object") != std::string::npos;
  };
  args.clearStatus(2);
  EXPECT_EQ(cppyy_call_i(anyMethod_, nullptr, 2, args.get()), 0);
  EXPECT_TRUE(refused());
  EXPECT_EQ(cppyy_call_l(anyMethod_, nullptr, 2, args.get()), 0);
  EXPECT_TRUE(refused());
  EXPECT_EQ(cppyy_call_d(anyMethod_, nullptr, 2, args.get()), 0.0);
  EXPECT_TRUE(refused());
  cppyy_call_v(anyMethod_, nullptr, 2, args.get());
  EXPECT_TRUE(refused());
  EXPECT_EQ(cppyy_call_r(anyMethod_, nullptr, 2, args.get()), nullptr);
  EXPECT_TRUE(refused());
  size_t length = 99;
  EXPECT_EQ(take(cppyy_call_s(anyMethod_, nullptr, 2, args.get(), &length)), "");
  EXPECT_TRUE(refused());
  EXPECT_EQ(cppyy_call_o(anyMethod_, nullptr, 2, args.get(), widget_), nullptr);
  EXPECT_TRUE(refused());
  // Static member functions need no object.
  cppyy_method_t twice = methodOf(widget_, "Twice", "(int)");
  args.clearStatus(1);
  EXPECT_EQ(cppyy_call_i(twice, nullptr, 1, args.get()), 8);
  EXPECT_EQ(args.takeError(1), "");
  // With an object the same call goes through (the 1-argument status words overwrote slot 1).
  api::Widget widget(1);
  args.set<int>(1, 2).clearStatus(2);
  EXPECT_EQ(cppyy_call_i(anyMethod_, &widget, 2, args.get()), 8);
  EXPECT_EQ(args.takeError(2), "");
}

TEST_F(BadArguments, ArgumentBuffers) {
  void* empty = cppyy_allocate_function_args(0);
  EXPECT_NE(empty, nullptr);  // PyPy writes the status words even for no arguments
  cppyy_deallocate_function_args(empty);
  void* negative = cppyy_allocate_function_args(-5);
  EXPECT_NE(negative, nullptr);
  cppyy_deallocate_function_args(negative);
  void* many = cppyy_allocate_function_args(40);  // beyond the pooled size
  ASSERT_NE(many, nullptr);
  reinterpret_cast<unsigned long*>(static_cast<char*>(many) + 40 * cppyy_function_arg_sizeof())[1] =
      1;  // fits
  cppyy_deallocate_function_args(many);
  cppyy_deallocate_function_args(nullptr);
  EXPECT_EQ(cppyy_function_arg_sizeof() % 8, 0u);
  EXPECT_GE(cppyy_function_arg_typeoffset(), sizeof(long double));  // the type code follows the value
  EXPECT_LT(cppyy_function_arg_typeoffset(), cppyy_function_arg_sizeof());
}

TEST_F(BadArguments, ScopeReflection) {
  EXPECT_EQ(cppyy_is_namespace(0), 0);
  EXPECT_EQ(cppyy_is_template(nullptr), 0);
  EXPECT_EQ(cppyy_is_abstract(0), 0);
  EXPECT_EQ(cppyy_is_enum(nullptr), 0);
  EXPECT_EQ(cppyy_is_aggregate(nullptr), 0);
  EXPECT_EQ(cppyy_is_default_constructable(nullptr), 0);
  size_t count = 99;
  const char** names = cppyy_get_all_cpp_names(0, &count);
  EXPECT_EQ(count, 0u);
  cppyy_free(names);
  cppyy_free(cppyy_get_all_cpp_names(0, nullptr));
  EXPECT_EQ(cppyy_get_using_namespaces(0), 0u);
}

TEST_F(BadArguments, Classes) {
  EXPECT_EQ(take(cppyy_final_name(0)), "");
  EXPECT_EQ(take(cppyy_scoped_final_name(0)), "");
  EXPECT_EQ(cppyy_has_virtual_destructor(0), 0);
  EXPECT_EQ(cppyy_has_complex_hierarchy(0), 0);
  EXPECT_EQ(cppyy_num_bases(0), 0);
  EXPECT_EQ(take(cppyy_base_name(0, 0)), "");
  EXPECT_EQ(take(cppyy_base_name(widget_, -1)), "");
  EXPECT_EQ(take(cppyy_base_name(scopeOf("api::Multi"), 2)), "");
  EXPECT_EQ(cppyy_is_subtype(0, 0), 0);  // no scope is no subtype of anything
  EXPECT_EQ(cppyy_is_subtype(widget_, 0), 0);
  EXPECT_EQ(cppyy_is_subtype(0, widget_), 0);
  EXPECT_EQ(cppyy_is_smartptr(0), 0);
  EXPECT_EQ(cppyy_smartptr_info(nullptr, nullptr, nullptr), 0);
  cppyy_add_smartptr_type(nullptr);
  cppyy_add_type_reducer(nullptr, nullptr);
  EXPECT_EQ(cppyy_base_offset(0, 0, nullptr, 1), 0);
  EXPECT_EQ(cppyy_base_offset(widget_, 0, nullptr, 1), 0);
  // A virtual base needs the object; without one the answer is 0, not a crash.
  EXPECT_EQ(cppyy_base_offset(scopeOf("api::VLeft"), scopeOf("api::VBase"), nullptr, 1), 0);
}

TEST_F(BadArguments, Functions) {
  EXPECT_EQ(cppyy_num_methods(0), 0);
  EXPECT_EQ(cppyy_method_indices_from_name(0, "Scale"), nullptr);
  EXPECT_EQ(cppyy_method_indices_from_name(widget_, nullptr), nullptr);
  EXPECT_EQ(cppyy_get_method(0, 0), 0);
  EXPECT_EQ(cppyy_get_method(widget_, static_cast<cppyy_index_t>(-1)), 0);
  EXPECT_EQ(take(cppyy_method_name(0)), "");
  EXPECT_EQ(take(cppyy_method_full_name(0)), "");
  EXPECT_EQ(take(cppyy_method_mangled_name(0)), "");
  EXPECT_EQ(take(cppyy_method_result_type(0)), "");
  EXPECT_EQ(cppyy_method_num_args(0), 0);
  EXPECT_EQ(cppyy_method_req_args(0), 0);
  for (int i : {-1, 2, 1000}) {  // Scale has arguments 0 and 1
    EXPECT_EQ(take(cppyy_method_arg_name(anyMethod_, i)), "") << i;
    EXPECT_EQ(take(cppyy_method_arg_type(anyMethod_, i)), "") << i;
    EXPECT_EQ(take(cppyy_method_arg_default(anyMethod_, i)), "") << i;
  }
  EXPECT_EQ(take(cppyy_method_arg_name(0, 0)), "");
  EXPECT_EQ(take(cppyy_method_arg_type(0, 0)), "");
  EXPECT_EQ(take(cppyy_method_arg_default(0, 0)), "");
  take(cppyy_method_signature(0, 0));  // any text will do, as long as it is a string
  take(cppyy_method_signature(0, 1));
  take(cppyy_method_signature_max(0, 0, 3));
  EXPECT_EQ(take(cppyy_method_signature_max(anyMethod_, 0, -1)), "(int, int)");  // negative: no limit
  EXPECT_EQ(take(cppyy_method_prototype(0, 0, 1)), "");
  EXPECT_EQ(cppyy_is_const_method(0), 0);
  EXPECT_EQ(cppyy_get_num_templated_methods(0), 0);
  EXPECT_EQ(take(cppyy_get_templated_method_name(0, 0)), "");
  EXPECT_EQ(cppyy_is_templated_constructor(0, 0), 0);
  EXPECT_EQ(cppyy_exists_method_template(0, nullptr), 0);
  EXPECT_EQ(cppyy_method_is_template(0, 0), 0);
  EXPECT_EQ(cppyy_get_method_template(0, nullptr, nullptr), 0);
  EXPECT_EQ(cppyy_get_global_operator(0, 0, 0, nullptr), static_cast<cppyy_index_t>(-1));
  EXPECT_EQ(cppyy_is_public_method(0), 0);
  EXPECT_EQ(cppyy_is_protected_method(0), 0);
  EXPECT_EQ(cppyy_is_constructor(0), 0);
  EXPECT_EQ(cppyy_is_destructor(0), 0);
  EXPECT_EQ(cppyy_is_staticmethod(0), 0);
}

TEST_F(BadArguments, Data) {
  EXPECT_EQ(cppyy_num_datamembers(0), 0);
  int n = cppyy_num_datamembers(widget_);
  for (cppyy_scope_t scope : {cppyy_scope_t{0}, widget_}) {
    for (int i : {-1, n, 100000}) {
      EXPECT_EQ(take(cppyy_datamember_name(scope, i)), "") << i;
      EXPECT_EQ(take(cppyy_datamember_type(scope, i)), "") << i;
      EXPECT_EQ(cppyy_datamember_offset(scope, i), -1) << i;  // PyPy skips a member at -1
      EXPECT_EQ(cppyy_is_publicdata(scope, i), 0) << i;
      EXPECT_EQ(cppyy_is_protecteddata(scope, i), 0) << i;
      EXPECT_EQ(cppyy_is_staticdata(scope, i), 0) << i;
      EXPECT_EQ(cppyy_is_const_data(scope, i), 0) << i;
      EXPECT_EQ(cppyy_is_enum_data(scope, i), 0) << i;
      EXPECT_EQ(cppyy_get_dimension_size(scope, i, 0), -1) << i;
    }
  }
  EXPECT_EQ(cppyy_datamember_index(0, "value"), -1);
  EXPECT_EQ(cppyy_datamember_index(widget_, nullptr), -1);
  EXPECT_EQ(cppyy_get_dimension_size(widget_, dataIndexOf(widget_, "table"), -1), -1);
}

TEST_F(BadArguments, Enums) {
  EXPECT_EQ(cppyy_get_enum(0, "Mode"), nullptr);
  EXPECT_EQ(cppyy_get_enum(scopeOf("api"), nullptr), nullptr);
  EXPECT_EQ(cppyy_get_num_enum_data(nullptr), 0u);
  EXPECT_EQ(take(cppyy_get_enum_data_name(nullptr, 0)), "");
  EXPECT_EQ(cppyy_get_enum_data_value(nullptr, 0), 0);
  cppyy_enum_t mode = cppyy_get_enum(scopeOf("api"), "Mode");
  ASSERT_NE(mode, nullptr);
  EXPECT_EQ(take(cppyy_get_enum_data_name(mode, 3)), "");
  EXPECT_EQ(cppyy_get_enum_data_value(mode, 3), 0);
}

TEST_F(BadArguments, Helpers) {
  EXPECT_EQ(cppyy_strtoll(nullptr), 0);
  EXPECT_EQ(cppyy_strtoll(""), 0);  // PyPy parses every default, even absent ones
  EXPECT_EQ(cppyy_strtoll("-12"), -12);
  EXPECT_EQ(cppyy_strtoull(nullptr), 0u);
  EXPECT_EQ(cppyy_strtoull("0x10"), 16u);
  cppyy_free(nullptr);
  cppyy_scope_t str = scopeOf("std::string");
  cppyy_object_t empty = cppyy_charp2stdstring(nullptr, 5);
  ASSERT_NE(empty, nullptr);
  size_t size = 99;
  EXPECT_STREQ(cppyy_stdstring2charp(empty, &size), "");
  EXPECT_EQ(size, 0u);
  cppyy_destruct(str, empty);
  size = 99;
  const char* none = cppyy_stdstring2charp(nullptr, &size);
  ASSERT_NE(none, nullptr);
  EXPECT_STREQ(none, "");
  EXPECT_EQ(size, 0u);
  cppyy_object_t copy = cppyy_stdstring2stdstring(nullptr);
  ASSERT_NE(copy, nullptr);
  cppyy_destruct(str, copy);
  EXPECT_EQ(cppyy_longdouble2double(nullptr), 0.0);
  cppyy_double2longdouble(1.0, nullptr);
  long double value = 0;
  cppyy_double2longdouble(2.5, &value);
  EXPECT_EQ(cppyy_longdouble2double(&value), 2.5);
}

TEST_F(BadArguments, NativeApi) {
  EXPECT_EQ(dictloader_dictionary_name(static_cast<size_t>(-1)), nullptr);
  EXPECT_EQ(dictloader_dictionary_origin(static_cast<size_t>(-1)), nullptr);
  ASSERT_NE(dictloader_version(), nullptr);
  EXPECT_STRNE(dictloader_version(), "");
  EXPECT_EQ(dictloader_api_version(), DICTLOADER_API_VERSION);
  EXPECT_EQ(dictloader_dictionary_abi(), static_cast<int>(DLDICT_ABI_MAJOR * 1000 + DLDICT_ABI_MINOR));
  ASSERT_NE(dictloader_last_error(), nullptr);
}

// dictloader_converter_for: what each type means for a call, the one decision
// both Python clients take.
TEST_F(BadArguments, ConvertersOfEveryKind) {
  auto decide = [](const char* type, int isResult) {
    dictloader_converter c{-1, 99, 99};
    EXPECT_EQ(dictloader_converter_for(type, isResult, &c), 1) << type;
    return c;
  };
  EXPECT_EQ(decide("int", 0).kind, DICTLOADER_CONVERT_INT);
  EXPECT_EQ(decide("unsigned long", 0).kind, DICTLOADER_CONVERT_ULONG);
  EXPECT_EQ(decide("size_t", 1).kind, DICTLOADER_CONVERT_ULONG);
  EXPECT_EQ(decide("double", 1).kind, DICTLOADER_CONVERT_DOUBLE);
  EXPECT_EQ(decide("void", 1).kind, DICTLOADER_CONVERT_VOID);
  EXPECT_EQ(decide("const char*", 0).kind, DICTLOADER_CONVERT_CHARP);
  EXPECT_EQ(decide("void*", 0).kind, DICTLOADER_CONVERT_VOIDP);
  dictloader_converter constRef = decide("const double&", 0);
  EXPECT_EQ(constRef.kind, DICTLOADER_CONVERT_DOUBLE);
  EXPECT_EQ(constRef.flags, unsigned{DICTLOADER_CONVERT_CONST_REF});
  dictloader_converter refResult = decide("int&", 1);
  EXPECT_EQ(refResult.kind, DICTLOADER_CONVERT_INT);
  EXPECT_EQ(refResult.flags, unsigned{DICTLOADER_CONVERT_CONST_REF | DICTLOADER_CONVERT_REF_RESULT});
  EXPECT_EQ(decide("int&", 0).kind, DICTLOADER_CONVERT_UNSUPPORTED);  // an out-parameter: not yet
  EXPECT_EQ(decide("int**", 0).kind, DICTLOADER_CONVERT_UNSUPPORTED);
  EXPECT_EQ(decide("std::string", 0).kind, DICTLOADER_CONVERT_STRING);
  EXPECT_EQ(decide("const std::string&", 1).flags, unsigned{DICTLOADER_CONVERT_CONST_REF});
  dictloader_converter stringRef = decide("std::string&", 0);
  EXPECT_EQ(stringRef.kind, DICTLOADER_CONVERT_CLASS_REF);
  EXPECT_EQ(stringRef.klass, cppyy_get_scope("std::string"));
  // an enum: its own kind, with its (promoted) underlying type
  dictloader_converter mode = decide("api::Mode", 0);
  EXPECT_EQ(mode.kind, DICTLOADER_CONVERT_ENUM);
  EXPECT_EQ(mode.flags, unsigned{DICTLOADER_CONVERT_INT} << 8 | DICTLOADER_CONVERT_SCOPED_ENUM);
  EXPECT_EQ(mode.klass, cppyy_get_scope("api::Mode"));
  dictloader_converter buffer = decide("unsigned char*", 0);
  EXPECT_EQ(buffer.kind, DICTLOADER_CONVERT_BUILTIN_PTR);
  EXPECT_EQ(buffer.flags >> 8, unsigned{DICTLOADER_CONVERT_UCHAR});
  dictloader_converter widget = decide("const api::Widget&", 0);
  EXPECT_EQ(widget.kind, DICTLOADER_CONVERT_CLASS_REF);
  EXPECT_EQ(widget.klass, widget_);
  EXPECT_EQ(decide("api::WidgetAlias*", 1).kind, DICTLOADER_CONVERT_CLASS_PTR);  // a typedef, resolved
  EXPECT_EQ(decide("api::WidgetAlias*", 1).klass, widget_);
  EXPECT_EQ(decide("api::Widget", 1).kind, DICTLOADER_CONVERT_CLASS_VALUE);
  // an object reached through a const reference or pointer is const (its proxy prefers const overloads)
  EXPECT_TRUE(widget.flags & DICTLOADER_CONVERT_CONST_OBJECT);
  EXPECT_TRUE(decide("const api::Widget*", 1).flags & DICTLOADER_CONVERT_CONST_OBJECT);
  EXPECT_TRUE(decide("api::Widget const&", 1).flags & DICTLOADER_CONVERT_CONST_OBJECT);
  EXPECT_EQ(decide("api::Widget const&", 1).klass, widget_);
  EXPECT_FALSE(decide("api::Widget&", 1).flags & DICTLOADER_CONVERT_CONST_OBJECT);
  EXPECT_FALSE(decide("api::Widget*", 1).flags & DICTLOADER_CONVERT_CONST_OBJECT);
  EXPECT_FALSE(decide("const api::Widget", 1).flags & DICTLOADER_CONVERT_CONST_OBJECT);  // a new copy
  EXPECT_TRUE(decide("const std::string*", 1).flags & DICTLOADER_CONVERT_CONST_OBJECT);
  EXPECT_EQ(decide("api", 0).kind, DICTLOADER_CONVERT_UNSUPPORTED);  // a namespace is no type
  EXPECT_EQ(decide("no::SuchClass", 0).kind, DICTLOADER_CONVERT_UNSUPPORTED);
  dictloader_converter out{};
  EXPECT_EQ(dictloader_converter_for(nullptr, 0, &out), 0);
  EXPECT_EQ(dictloader_converter_for("int", 0, nullptr), 0);
}

}  // namespace
}  // namespace dictloader_test
