// smart_pointers_test.cpp - std::shared_ptr and std::unique_ptr (dictionary
// ABI 1.6, native API 5) through the C APIs, on a dictionary of the Python
// tests' smart_base.h: what raw _cppyy asks (cppyy_is_smartptr,
// cppyy_smartptr_info, cppyy_is_subtype), what our clients ask
// (dictloader_smart_pointer, _of, _convert, the converter kinds), with objects
// made by the dictionary's calls; bad arguments. Built twice: with
// DICTLOADER_TEST_SMART_LEGACY the same dictionary as ABI 1.4 made it, which
// still loads and works, its smart pointers plain classes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictionary_abi.h"
#include "dictloader/dictloader.h"
#include "dictloader/direct_calls.h"

namespace {

std::string take(char* text) {
  std::string out = text ? text : "<NULL>";
  cppyy_free(text);
  return out;
}

class SmartPointers : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(dictloader_load(DICTLOADER_TEST_SMART_DICT), 1) << dictloader_last_error();
  }

  static cppyy_scope_t scope(const char* name) {
    cppyy_scope_t s = cppyy_get_scope(name);
    EXPECT_NE(s, 0u) << "no scope " << name;
    return s;
  }

  // The one function of scope called name with nargs arguments (the first of
  // them an int, when firstInt).
  static cppyy_method_t method(cppyy_scope_t s, const char* name, int nargs, bool firstInt = false) {
    cppyy_index_t* indices = cppyy_method_indices_from_name(s, name);
    cppyy_method_t found = 0;
    for (cppyy_index_t* i = indices; i && *i != static_cast<cppyy_index_t>(-1); ++i) {
      cppyy_method_t m = cppyy_get_method(s, *i);
      if (cppyy_method_num_args(m) == nargs && (!firstInt || take(cppyy_method_arg_type(m, 0)) == "int"))
        found = m;
    }
    cppyy_free(indices);
    EXPECT_NE(found, 0) << "no " << name << " of " << nargs << " arguments";
    return found;
  }

  // A new object made by a free function of namespace smart taking one int.
  static void* callWithInt(const char* function, cppyy_scope_t result, int value) {
    void* args = cppyy_allocate_function_args(1);
    std::memset(args, 0, cppyy_function_arg_sizeof() + 2 * sizeof(unsigned long));
    std::memcpy(args, &value, sizeof value);
    void* made = cppyy_call_o(method(scope("smart"), function, 1), nullptr, 1, args, result);
    cppyy_deallocate_function_args(args);
    return made;
  }

  static int alive() {
    unsigned long status[2] = {0, 0};
    return cppyy_call_i(method(scope("smart"), "aliveShapes", 0), nullptr, 0, status);
  }

  // A function of namespace smart taking one object (its address) returning an int or long.
  static long callWithObject(const char* function, void* object) {
    void* args = cppyy_allocate_function_args(1);
    std::memset(args, 0, cppyy_function_arg_sizeof() + 2 * sizeof(unsigned long));
    std::memcpy(args, &object, sizeof object);
    long out = cppyy_call_l(method(scope("smart"), function, 1), nullptr, 1, args);
    cppyy_deallocate_function_args(args);
    return out;
  }
};

#if !DICTLOADER_TEST_SMART_LEGACY

TEST_F(SmartPointers, RawCppyySeesSharedAndUniquePointers) {
  cppyy_scope_t shape = scope("smart::Shape");
  for (const char* name : {"std::shared_ptr<smart::Shape>", "std::unique_ptr<smart::Shape>",
                           "std::shared_ptr<const smart::Shape>"}) {
    cppyy_scope_t smart = scope(name);
    EXPECT_EQ(cppyy_is_smartptr(smart), 1) << name;
    cppyy_type_t raw = 0;
    cppyy_method_t deref = 0;
    ASSERT_EQ(cppyy_smartptr_info(name, &raw, &deref), 1) << name;
    EXPECT_EQ(raw, shape) << name;
    EXPECT_EQ(take(cppyy_method_name(deref)), "get") << name;
    EXPECT_EQ(cppyy_method_num_args(deref), 0) << name;
  }
  // other spellings of one name find the same class
  EXPECT_EQ(cppyy_smartptr_info("std::shared_ptr<smart::Shape >", nullptr, nullptr), 1);
  EXPECT_EQ(cppyy_is_smartptr(shape), 0);
  EXPECT_EQ(cppyy_smartptr_info("smart::Shape", nullptr, nullptr), 0);
  EXPECT_EQ(cppyy_smartptr_info("std::vector<std::shared_ptr<smart::Shape>>", nullptr, nullptr), 0);
}

TEST_F(SmartPointers, DerefGivesTheObject) {
  cppyy_scope_t smart = scope("std::shared_ptr<smart::Shape>");
  void* made = callWithInt("makeShape", smart, 42);
  ASSERT_NE(made, nullptr);
  cppyy_type_t raw = 0;
  cppyy_method_t deref = 0;
  ASSERT_EQ(cppyy_smartptr_info("std::shared_ptr<smart::Shape>", &raw, &deref), 1);
  unsigned long status[2] = {0, 0};
  void* shape = cppyy_call_r(deref, made, 0, status);
  ASSERT_NE(shape, nullptr);
  EXPECT_EQ(cppyy_call_i(method(raw, "id", 0), shape, 0, status), 42);
  EXPECT_EQ(callWithObject("useCount", made), 1);
  cppyy_destruct(smart, made);
}

TEST_F(SmartPointers, NativeApiDescribesThem) {
  cppyy_scope_t shape = scope("smart::Shape");
  cppyy_scope_t shared = scope("std::shared_ptr<smart::Shape>");
  cppyy_scope_t constShared = scope("std::shared_ptr<const smart::Shape>");
  cppyy_scope_t unique = scope("std::unique_ptr<smart::Shape>");
  struct dictloader_smart_pointer info {};
  ASSERT_EQ(dictloader_smart_pointer(shared, &info), 1);
  EXPECT_EQ(info.kind, DL_SMART_SHARED);
  EXPECT_EQ(info.pointee, shape);
  EXPECT_EQ(info.pointee_const, 0);
  EXPECT_NE(info.get, nullptr);
  EXPECT_NE(info.copy, nullptr);
  EXPECT_NE(info.adopt, nullptr);
  ASSERT_EQ(dictloader_smart_pointer(constShared, &info), 1);
  EXPECT_EQ(info.pointee, shape);
  EXPECT_EQ(info.pointee_const, 1);
  ASSERT_EQ(dictloader_smart_pointer(unique, &info), 1);
  EXPECT_EQ(info.kind, DL_SMART_UNIQUE);
  EXPECT_EQ(info.copy, nullptr);
  EXPECT_EQ(dictloader_smart_pointer_of(shape, DL_SMART_SHARED, 0), shared);
  EXPECT_EQ(dictloader_smart_pointer_of(shape, DL_SMART_SHARED, 1), constShared);
  EXPECT_EQ(dictloader_smart_pointer_of(shape, DL_SMART_UNIQUE, 0), unique);
  // every class of headers that declare std::shared_ptr has its smart pointers, used or not
  EXPECT_NE(dictloader_smart_pointer_of(scope("smart::Holder"), DL_SMART_SHARED, 0), 0u);
  EXPECT_EQ(dictloader_smart_pointer_of(scope("smart::Holder"), DL_SMART_SHARED, 1), 0u);
  EXPECT_EQ(dictloader_smart_pointer_of(shared, DL_SMART_SHARED, 0), 0u);

  dictloader_converter c{};
  ASSERT_EQ(dictloader_converter_for("std::shared_ptr<smart::Shape>", 1, &c), 1);
  EXPECT_EQ(c.kind, DICTLOADER_CONVERT_SMART_VALUE);
  EXPECT_EQ(c.klass, shared);
  ASSERT_EQ(dictloader_converter_for("const std::shared_ptr<smart::Shape>&", 0, &c), 1);
  EXPECT_EQ(c.kind, DICTLOADER_CONVERT_SMART_REF);
  ASSERT_EQ(dictloader_converter_for("std::shared_ptr<smart::Shape>*", 0, &c), 1);
  EXPECT_EQ(c.kind, DICTLOADER_CONVERT_CLASS_PTR);
}

TEST_F(SmartPointers, AdoptCopyAndConvertShareOwnership) {
  cppyy_scope_t shape = scope("smart::Shape");
  cppyy_scope_t shared = scope("std::shared_ptr<smart::Shape>");
  cppyy_scope_t constShared = scope("std::shared_ptr<const smart::Shape>");
  struct dictloader_smart_pointer info {};
  ASSERT_EQ(dictloader_smart_pointer(shared, &info), 1);
  // an object made by the constructor's stub (`new T`), adopted
  void* args = cppyy_allocate_function_args(1);
  std::memset(args, 0, cppyy_function_arg_sizeof() + 2 * sizeof(unsigned long));
  int id = 7;
  std::memcpy(args, &id, sizeof id);
  void* object = cppyy_constructor(method(shape, "Shape", 1, true), shape, 1, args);
  cppyy_deallocate_function_args(args);
  ASSERT_NE(object, nullptr);
  auto* owner = static_cast<char*>(::operator new(cppyy_size_of_klass(shared)));
  ASSERT_EQ(info.adopt(object, owner), 0);
  EXPECT_EQ(info.get(owner), object);
  EXPECT_EQ(callWithObject("useCount", owner), 1);

  auto* copy = static_cast<char*>(::operator new(cppyy_size_of_klass(shared)));
  info.copy(owner, copy);
  EXPECT_EQ(callWithObject("useCount", owner), 2);

  auto* asConst = static_cast<char*>(::operator new(cppyy_size_of_klass(constShared)));
  ASSERT_EQ(dictloader_smart_convert(shared, owner, constShared, asConst), 1);
  EXPECT_EQ(callWithObject("useCount", owner), 3);
  EXPECT_EQ(callWithObject("idOfConst", asConst), 7);
  // const is never dropped, and only shared_ptrs convert
  auto* back = static_cast<char*>(::operator new(cppyy_size_of_klass(shared)));
  EXPECT_EQ(dictloader_smart_convert(constShared, asConst, shared, back), 0);
  EXPECT_EQ(dictloader_smart_convert(shared, owner, scope("std::unique_ptr<smart::Shape>"), back), 0);
  EXPECT_EQ(dictloader_smart_convert(shared, owner, shape, back), 0);
  ::operator delete(back);

  int before = alive();
  cppyy_destruct(constShared, asConst);
  cppyy_destruct(shared, copy);
  EXPECT_EQ(alive(), before);
  cppyy_destruct(shared, owner);  // the last owner
  EXPECT_EQ(alive(), before - 1);
}

TEST_F(SmartPointers, RawCppyyPassesTToConstTNotTheReverse) {
  cppyy_scope_t shared = scope("std::shared_ptr<smart::Shape>");
  cppyy_scope_t constShared = scope("std::shared_ptr<const smart::Shape>");
  EXPECT_EQ(cppyy_is_subtype(shared, constShared), 1);
  EXPECT_EQ(cppyy_is_subtype(constShared, shared), 0);
  EXPECT_EQ(cppyy_is_subtype(shared, scope("std::unique_ptr<smart::Shape>")), 0);
  EXPECT_EQ(cppyy_base_offset(shared, constShared, nullptr, 1), 0);
}

TEST_F(SmartPointers, BadArguments) {
  EXPECT_EQ(cppyy_is_smartptr(0), 0);
  EXPECT_EQ(cppyy_smartptr_info(nullptr, nullptr, nullptr), 0);
  EXPECT_EQ(cppyy_smartptr_info("no::Such", nullptr, nullptr), 0);
  struct dictloader_smart_pointer info {};
  EXPECT_EQ(dictloader_smart_pointer(0, &info), 0);
  EXPECT_EQ(dictloader_smart_pointer(scope("std::shared_ptr<smart::Shape>"), nullptr), 0);
  EXPECT_EQ(dictloader_smart_pointer(scope("smart"), &info), 0);
  EXPECT_EQ(dictloader_smart_pointer_of(0, DL_SMART_SHARED, 0), 0u);
  EXPECT_EQ(dictloader_smart_pointer_of(scope("smart::Shape"), 3, 0), 0u);
  cppyy_scope_t shared = scope("std::shared_ptr<smart::Shape>");
  char storage[16];
  EXPECT_EQ(dictloader_smart_convert(0, storage, shared, storage), 0);
  EXPECT_EQ(dictloader_smart_convert(shared, nullptr, shared, storage), 0);
  EXPECT_EQ(dictloader_smart_convert(shared, storage, shared, nullptr), 0);
}

#else  // the same dictionary as ABI 1.4 made it

TEST_F(SmartPointers, DictionaryOfAbi14LoadsAndWorks) {
  const DlDictionary* tables = nullptr;
  for (size_t i = 0; i < dictloader_num_dictionaries(); ++i)
    if (std::string(dictloader_dictionary_origin(i)) == DICTLOADER_TEST_SMART_DICT)
      tables = static_cast<const DlDictionary*>(dictloader_dictionary_table(i));
  ASSERT_NE(tables, nullptr);
  EXPECT_EQ(tables->abi_minor, 4);
  // its shared_ptr is a plain class: constructed, called, destroyed
  cppyy_scope_t shared = scope("std::shared_ptr<smart::Shape>");
  EXPECT_EQ(cppyy_is_smartptr(shared), 0);
  EXPECT_EQ(cppyy_smartptr_info("std::shared_ptr<smart::Shape>", nullptr, nullptr), 0);
  struct dictloader_smart_pointer info {};
  EXPECT_EQ(dictloader_smart_pointer(shared, &info), 0);
  dictloader_converter c{};
  ASSERT_EQ(dictloader_converter_for("std::shared_ptr<smart::Shape>", 1, &c), 1);
  EXPECT_EQ(c.kind, DICTLOADER_CONVERT_CLASS_VALUE);
  void* made = callWithInt("makeShape", shared, 5);
  ASSERT_NE(made, nullptr);
  EXPECT_EQ(callWithObject("idOf", made), 5);
  EXPECT_EQ(callWithObject("useCount", made), 1);
  cppyy_destruct(shared, made);
  struct dictloader_object_ops ops {};
  ASSERT_EQ(dictloader_object_ops(scope("smart::Shape"), &ops), 1);
  EXPECT_NE(ops.destroy, nullptr);
}

#endif

}  // namespace
