// exceptions_test.cpp - exception classes (dictionary ABI 1.7, native API 7)
// through the C APIs, on a dictionary of the Python tests' exceptions_typed.h:
// its table of exception classes, dictloader_is_exception_class, and a C++
// exception reported by a stub call (dictloader_call_exception_object) or a
// checked entry (dictloader_error_object) as a copy of the most derived
// exception class that catches it; a damaged table refused. Built twice: with
// DICTLOADER_TEST_EXCEPTIONS_LEGACY the same dictionary as ABI 1.6 made it,
// which still loads and calls, its exceptions the generic ones (no object).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictionary_abi.h"
#include "dictloader/dictloader.h"
#include "dictloader/direct_calls.h"

namespace {

constexpr bool kLegacy = DICTLOADER_TEST_EXCEPTIONS_LEGACY != 0;

std::string take(char* text) {
  std::string out = text ? text : "<NULL>";
  cppyy_free(text);
  return out;
}

class Exceptions : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(dictloader_load(DICTLOADER_TEST_EXCEPTIONS_DICT), 1) << dictloader_last_error();
  }

  static cppyy_scope_t scope(const char* name) {
    cppyy_scope_t s = cppyy_get_scope(name);
    EXPECT_NE(s, 0u) << "no scope " << name;
    return s;
  }

  // The one function of s called name.
  static cppyy_method_t method(cppyy_scope_t s, const char* name) {
    cppyy_index_t* indices = cppyy_method_indices_from_name(s, name);
    EXPECT_NE(indices, nullptr) << "no " << name;
    if (indices == nullptr) return 0;
    cppyy_method_t found = cppyy_get_method(s, indices[0]);
    EXPECT_EQ(indices[1], static_cast<cppyy_index_t>(-1)) << name << " is overloaded";
    cppyy_free(indices);
    return found;
  }

  static const DlDictionary* table() {
    for (size_t i = 0; i < dictloader_num_dictionaries(); ++i)
      if (std::strcmp(dictloader_dictionary_origin(i), DICTLOADER_TEST_EXCEPTIONS_DICT) == 0)
        return static_cast<const DlDictionary*>(dictloader_dictionary_table(i));
    ADD_FAILURE() << "the test dictionary is not registered";
    return nullptr;
  }

  // Read in place (a call to ask would release an exception the loader holds).
  static int liveErrors() {
    static int* live = [] {
      void* args = cppyy_allocate_function_args(0);
      std::memset(args, 0, 2 * sizeof(unsigned long));
      void* address = cppyy_call_r(method(scope("typed"), "liveErrors"), nullptr, 0, args);
      cppyy_deallocate_function_args(args);
      return static_cast<int*>(address);
    }();
    return live ? *live : -1;
  }

  // One argument slot: an int, or a new std::string (destroyed after the call).
  struct Arg {
    bool isString;
    int number;
    std::string text;
  };

  // Calls typed::function (or constructs klass, when given) through its stub
  // (the C API) with args, expecting a C++ exception: its text and the
  // object dictloader_call_exception_object gives, with its class's name.
  struct Caught {
    std::string what;
    void* object = nullptr;
    cppyy_scope_t type = 0;
    std::string typeName;
  };
  static Caught throwThroughStub(const char* function, std::vector<Arg> args, const char* klass = nullptr) {
    int n = static_cast<int>(args.size());
    char* buffer = static_cast<char*>(cppyy_allocate_function_args(n));
    std::memset(buffer, 0, n * cppyy_function_arg_sizeof() + 2 * sizeof(unsigned long));
    std::vector<void*> strings;
    for (int i = 0; i < n; ++i) {
      char* slot = buffer + i * cppyy_function_arg_sizeof();
      if (args[i].isString) {
        void* text = cppyy_charp2stdstring(args[i].text.c_str(), args[i].text.size());
        strings.push_back(text);
        std::memcpy(slot, &text, sizeof text);
      } else {
        std::memcpy(slot, &args[i].number, sizeof(int));
      }
    }
    if (klass != nullptr) {
      cppyy_scope_t k = scope(klass);
      cppyy_method_t constructor = 0;
      for (int i = 0; i < cppyy_num_methods(k); ++i) {
        cppyy_method_t m = cppyy_get_method(k, i);
        if (cppyy_is_constructor(m) && cppyy_method_num_args(m) == 1 &&
            take(cppyy_method_arg_type(m, 0)) == "int")
          constructor = m;  // Thrower(int)
      }
      EXPECT_NE(constructor, 0);
      EXPECT_EQ(cppyy_constructor(constructor, k, n, buffer), nullptr);
    } else {
      cppyy_call_v(method(scope("typed"), function), nullptr, n, buffer);
    }
    Caught caught;
    auto* status = reinterpret_cast<unsigned long*>(buffer + n * cppyy_function_arg_sizeof());
    EXPECT_NE(status[0], 0u) << function << " did not throw";
    if (status[0] != 0) caught.what = take(reinterpret_cast<char*>(status[1]));
    caught.object = dictloader_call_exception_object(&caught.type);
    if (caught.type != 0) caught.typeName = take(cppyy_scoped_final_name(caught.type));
    cppyy_deallocate_function_args(buffer);
    for (void* text : strings) cppyy_destruct(scope("std::string"), text);
    return caught;
  }

  static int callInt(cppyy_scope_t klass, const char* name, void* object) {
    void* args = cppyy_allocate_function_args(0);
    std::memset(args, 0, 2 * sizeof(unsigned long));
    int value = cppyy_call_i(method(klass, name), object, 0, args);
    cppyy_deallocate_function_args(args);
    return value;
  }
};

TEST_F(Exceptions, TheDictionaryRecordsItsExceptionClasses) {
  const DlDictionary* d = table();
  ASSERT_NE(d, nullptr);
  if (kLegacy) {
    EXPECT_EQ(d->abi_minor, 6u);
    EXPECT_EQ(d->header_size, offsetof(DlDictionary, exception_classes));
    return;
  }
  EXPECT_EQ(d->abi_minor, DLDICT_ABI_MINOR);
  EXPECT_NE(d->take_stub_exception, nullptr);
  std::set<std::string> copyable, notCopyable;
  for (uint32_t i = 0; i < d->num_exception_classes; ++i) {
    const DlExceptionClass& record = d->exception_classes[i];
    std::string name = d->strings + d->scopes[record.scope].qualified_name;
    (record.copy_caught ? copyable : notCopyable).insert(name);
  }
  EXPECT_EQ(copyable, (std::set<std::string>{"typed::MyError", "typed::DerivedError", "typed::ConcreteError",
                                             "typed::Problem"}));
  // abstract, and without a copy constructor: exception classes all the same
  EXPECT_EQ(notCopyable, (std::set<std::string>{"typed::AbstractError", "typed::MoveOnlyError"}));
}

TEST_F(Exceptions, ExceptionClassesAreThoseOfARecordOrABase) {
  EXPECT_EQ(dictloader_is_exception_class(scope("std::exception")), 1);  // the loader's own
  EXPECT_EQ(dictloader_is_exception_class(scope("std::out_of_range")), 1);
  EXPECT_EQ(dictloader_is_exception_class(scope("typed::MyError")), 1);  // a base is one, whatever its ABI
  EXPECT_EQ(dictloader_is_exception_class(scope("typed::DerivedError")), 1);
  EXPECT_EQ(dictloader_is_exception_class(scope("typed::Problem")), kLegacy ? 0 : 1);  // thrown by value
  EXPECT_EQ(dictloader_is_exception_class(scope("typed::Thrower")), 0);
  EXPECT_EQ(dictloader_is_exception_class(scope("std::string")), 0);
  EXPECT_EQ(dictloader_is_exception_class(scope("typed")), 0);
  EXPECT_EQ(dictloader_is_exception_class(0), 0);
}

TEST_F(Exceptions, AStubCallGivesTheExceptionAsTheMostDerivedClassThatCatchesIt) {
  int live = liveErrors();
  struct Case {
    const char* function;
    std::vector<Arg> args;
    const char* type;  // what it is copied as
    std::string what;
  };
  const std::vector<Case> cases = {
      {"throwMyError", {{true, 0, "boom"}, {false, 7, ""}}, "typed::MyError", "boom"},
      {"throwDerived", {{true, 0, "deeper"}, {false, 8, ""}}, "typed::DerivedError", "deeper"},
      {"throwHidden", {{false, 5, ""}}, "typed::MyError", "hidden"},  // a class no dictionary describes
      {"throwMoveOnly", {}, "std::logic_error", "move only"},         // cannot be copied: its base is
      {"throwConcrete", {{false, 3, ""}}, "typed::ConcreteError", "concrete"},
      {"throwProblem", {{false, 4, ""}}, "typed::Problem", "unknown C++ exception"},
      {"outOfRange", {{false, 9, ""}}, "std::out_of_range", ""},
      {"throwRuntime", {{true, 0, "plain"}}, "std::runtime_error", "plain"},
      {"throwInt", {}, "", "unknown C++ exception"},  // no class: the generic exception
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.function);
    Caught caught = throwThroughStub(c.function, c.args);
    if (!c.what.empty()) {
      EXPECT_EQ(caught.what, c.what);
    }
    if (kLegacy || *c.type == '\0') {
      EXPECT_EQ(caught.object, nullptr);
      EXPECT_EQ(caught.type, 0u);
      continue;
    }
    ASSERT_NE(caught.object, nullptr);
    EXPECT_EQ(caught.typeName, c.type);
    if (std::string(c.type) == "typed::MyError" || std::string(c.type) == "typed::DerivedError") {
      EXPECT_EQ(callInt(scope("typed::MyError"), "code", caught.object),
                c.args.back().number);  // at offset 0
    }
    if (std::string(c.type) == "typed::Problem") {
      int index = cppyy_datamember_index(caught.type, "code");
      ASSERT_GE(index, 0);
      EXPECT_EQ(*reinterpret_cast<int*>(static_cast<char*>(caught.object) +
                                        cppyy_datamember_offset(caught.type, index)),
                4);
    }
    cppyy_destruct(caught.type, caught.object);
  }
  EXPECT_EQ(liveErrors(), live) << "a copy or a held exception was not released";
}

TEST_F(Exceptions, AConstructorsExceptionToo) {
  Caught caught = throwThroughStub(nullptr, {{false, -1, ""}}, "typed::Thrower");
  EXPECT_EQ(caught.what, "negative limit");
  if (kLegacy) {
    EXPECT_EQ(caught.object, nullptr);
    return;
  }
  ASSERT_NE(caught.object, nullptr);
  EXPECT_EQ(caught.typeName, "std::invalid_argument");
  cppyy_destruct(caught.type, caught.object);
}

TEST_F(Exceptions, TheHeldExceptionGoesWithItsArgumentBuffer) {
  int live = liveErrors();
  cppyy_method_t thrower = method(scope("typed"), "throwHidden");
  char* buffer = static_cast<char*>(cppyy_allocate_function_args(1));
  std::memset(buffer, 0, cppyy_function_arg_sizeof() + 2 * sizeof(unsigned long));
  int code = 1;
  std::memcpy(buffer, &code, sizeof code);
  cppyy_call_v(thrower, nullptr, 1, buffer);
  auto* status = reinterpret_cast<unsigned long*>(buffer + cppyy_function_arg_sizeof());
  ASSERT_NE(status[0], 0u);
  cppyy_free(reinterpret_cast<void*>(status[1]));
  if (!kLegacy) {
    EXPECT_EQ(liveErrors(), live + 1);  // held for dictloader_call_exception_object
  }
  cppyy_deallocate_function_args(buffer);  // a client that does not ask (raw _cppyy)
  // (the ABI 1.6 copy is today's code with its header cut: its stub keeps the
  // exception for a loader that never takes it, which a real one does not)
  if (!kLegacy) {
    EXPECT_EQ(liveErrors(), live);
  }
  cppyy_scope_t type = 1;
  EXPECT_EQ(dictloader_call_exception_object(&type), nullptr);
  EXPECT_EQ(type, 0u);
}

TEST_F(Exceptions, ACheckedEntryGivesTheExceptionAsItsClass) {
  int live = liveErrors();
  cppyy_method_t thrower = method(scope("typed"), "throwMyError");
  dictloader_entry entry;
  ASSERT_EQ(dictloader_function_entry(thrower, &entry), 1);
  ASSERT_EQ(entry.kind, DL_ENTRY_CHECKED);
  ASSERT_STREQ(entry.signature, "vpi");
  std::string what = "from the entry";
  DlError error{};
  reinterpret_cast<void (*)(void*, int, DlError*)>(entry.address)(&what, 11, &error);
  ASSERT_NE(error.kind, static_cast<uint32_t>(DL_ERROR_NONE));
  EXPECT_STREQ(error.type_name, "typed::MyError");
  cppyy_scope_t type = 0;
  void* copy = dictloader_error_object(thrower, &error, &type);
  dictloader_error_release(&error);
  if (kLegacy) {
    EXPECT_EQ(copy, nullptr);  // as the stubs of a dictionary older than ABI 1.7
    EXPECT_EQ(type, 0u);
  } else {
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(type, scope("typed::MyError"));
    EXPECT_EQ(callInt(type, "code", copy), 11);
    cppyy_destruct(type, copy);
  }
  EXPECT_EQ(liveErrors(), live);

  cppyy_method_t outOfRange = method(scope("typed"), "outOfRange");
  ASSERT_EQ(dictloader_function_entry(outOfRange, &entry), 1);
  ASSERT_STREQ(entry.signature, "ii");
  error = DlError{};
  reinterpret_cast<int (*)(int, DlError*)>(entry.address)(5, &error);
  ASSERT_NE(error.kind, static_cast<uint32_t>(DL_ERROR_NONE));
  copy = dictloader_error_object(outOfRange, &error, &type);
  dictloader_error_release(&error);
  if (!kLegacy) {
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(take(cppyy_scoped_final_name(type)), "std::out_of_range");
    cppyy_destruct(type, copy);
  }
}

TEST_F(Exceptions, BadArgumentsGiveNothing) {
  EXPECT_EQ(dictloader_error_object(0, nullptr, nullptr), nullptr);
  cppyy_scope_t type = 7;
  EXPECT_EQ(dictloader_error_object(0, nullptr, &type), nullptr);
  EXPECT_EQ(type, 0u);
  DlError empty{};  // no exception in it
  type = 7;
  EXPECT_EQ(dictloader_error_object(method(scope("typed"), "throwInt"), &empty, &type), nullptr);
  EXPECT_EQ(type, 0u);
  EXPECT_EQ(dictloader_call_exception_object(nullptr), nullptr);
  type = 7;
  EXPECT_EQ(dictloader_call_exception_object(&type), nullptr);  // no call failed
  EXPECT_EQ(type, 0u);
}

TEST_F(Exceptions, ADamagedTableIsRefusedWithTheRecordNamed) {
  if (kLegacy) GTEST_SKIP() << "an ABI 1.6 dictionary has no table";
  const DlDictionary* d = table();
  ASSERT_NE(d, nullptr);
  DlDictionary damaged = *d;
  const DlExceptionClass records[] = {d->exception_classes[0], {d->num_scopes, 0, nullptr}};
  damaged.exception_classes = records;
  damaged.num_exception_classes = 2;
  ASSERT_EQ(dictloader_register(&damaged, "damaged-exceptions.so"), 0);
  EXPECT_EQ(
      std::string(dictloader_last_error()),
      "refused dictionary 'damaged-exceptions.so': damaged dictionary: exception class record 1 names no "
      "class (scope " +
          std::to_string(d->num_scopes) + ")");
  const DlExceptionClass namespaceRecord[] = {{1, 0, nullptr}};  // scope 1: namespace typed
  damaged.exception_classes = namespaceRecord;
  damaged.num_exception_classes = 1;
  ASSERT_EQ(dictloader_register(&damaged, "damaged-exceptions.so"), 0);
  EXPECT_NE(std::string(dictloader_last_error()).find("exception class record 0 names no class (scope 1)"),
            std::string::npos);
}

}  // namespace
