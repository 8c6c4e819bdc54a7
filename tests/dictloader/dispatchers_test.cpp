// dispatchers_test.cpp - dispatchers for Python subclasses (dictionary ABI
// 1.8, native API 8) through the C APIs, on a dictionary of the Python tests'
// cross.h, with this test as the client: a dispatcher's constructors and
// slots, its objects calling the client's handler where the "Python class"
// overrides a slot (a C++ call of a virtual function through a base
// reference), the slots' own stubs reaching C++'s implementation, a failing
// handler's exception coming back through a stub and a checked entry as the
// client's token, the destruction notice; protected members; classes without
// a dispatcher. Built twice: with DICTLOADER_TEST_DISPATCH_LEGACY the same
// dictionary as ABI 1.6 made it, which loads and works without dispatchers.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "capi_support.h"
#include "dictloader/direct_calls.h"

namespace {

using dictloader_test::Args;
using dictloader_test::take;

// What the test's handler saw and does.
struct Client {
  std::vector<std::string> calls;  // slot names, "~" for a destruction notice
  int result = 0;                  // what an override of an int slot returns
  bool fail = false;               // raise "ValueError: bad value" (token 77)
};

int handler(void* self, cppyy_method_t slot, void* const* args, void* result, unsigned long long* token,
            char* text, size_t size) {
  auto* client = static_cast<Client*>(self);
  if (slot == 0) {
    client->calls.push_back("~");
    return 0;
  }
  std::string name = take(cppyy_method_name(slot));
  client->calls.push_back(name);
  if (client->fail) {
    *token = 77;
    std::snprintf(text, size, "ValueError: bad value");
    return 1;
  }
  if (name == "value") *static_cast<int*>(result) = client->result;
  if (name == "add") *static_cast<int*>(result) = client->result + *static_cast<int*>(args[0]);
  if (name == "name") {
    static std::string text = "from the client";
    *static_cast<void**>(result) = &text;  // an object the override copies
  }
  return 0;
}

class Dispatchers : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(dictloader_load(DICTLOADER_TEST_CROSS_DICT), 1) << dictloader_last_error();
    dictloader_set_override_handler(&handler);
  }
  void TearDown() override { dictloader_set_override_handler(nullptr); }

  static cppyy_scope_t scope(const char* name) {
    cppyy_scope_t s = cppyy_get_scope(name);
    EXPECT_NE(s, 0u) << "no scope " << name;
    return s;
  }

  // The function of s called name with nargs arguments.
  static cppyy_method_t method(cppyy_scope_t s, const char* name, int nargs) {
    cppyy_index_t* indices = cppyy_method_indices_from_name(s, name);
    cppyy_method_t found = 0;
    for (cppyy_index_t* i = indices; i && *i != static_cast<cppyy_index_t>(-1); ++i) {
      cppyy_method_t m = cppyy_get_method(s, *i);
      if (cppyy_method_num_args(m) == nargs) found = m;
    }
    cppyy_free(indices);
    EXPECT_NE(found, 0) << "no " << name << " of " << nargs << " arguments";
    return found;
  }

  static std::vector<std::string> names(const cppyy_method_t* methods, int n) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) out.push_back(take(cppyy_method_name(methods[i])));
    return out;
  }

  // A dispatcher object of Base made by its constructor of one int.
  static void* makeBase(const struct dictloader_dispatcher& d, int value) {
    for (int i = 0; i < d.num_constructors; ++i) {
      if (cppyy_method_num_args(d.constructors[i]) != 1 ||
          take(cppyy_method_arg_type(d.constructors[i], 0)) != "int")
        continue;
      Args args(1);
      args.set<int>(0, value);
      void* object = cppyy_constructor(d.constructors[i], d.klass, 1, args.get());
      EXPECT_EQ(args.takeError(), "");
      return object;
    }
    ADD_FAILURE() << "no constructor of one int";
    return nullptr;
  }

  // Base::call_value(object) through its stub (C++ calling value() virtually).
  static int callValue(void* object, std::string& error) {
    Args args(1);
    args.setPointer(0, object);
    int out = cppyy_call_i(method(scope("cross::Base"), "call_value", 1), nullptr, 1, args.get());
    error = args.takeError();
    return out;
  }

  static std::vector<unsigned char> overriding(const struct dictloader_dispatcher& d,
                                               std::set<std::string> which) {
    std::vector<unsigned char> out;
    for (int i = 0; i < d.num_slots; ++i)
      out.push_back(which.count(take(cppyy_method_name(d.slots[i]))) ? 1 : 0);
    return out;
  }
};

#if !DICTLOADER_TEST_DISPATCH_LEGACY

TEST_F(Dispatchers, DescribesConstructorsAndSlots) {
  struct dictloader_dispatcher d {};
  ASSERT_EQ(dictloader_dispatcher(scope("cross::Base"), &d), 1) << dictloader_last_error();
  EXPECT_EQ(d.klass, scope("cross::Base"));
  EXPECT_GE(d.size, cppyy_size_of_klass(d.klass) + sizeof(void*));
  EXPECT_EQ(d.num_constructors, 3);  // (), (int), (const Base&)
  for (int i = 0; i < d.num_constructors; ++i) EXPECT_TRUE(cppyy_is_constructor(d.constructors[i]));
  std::vector<std::string> slots = names(d.slots, d.num_slots);
  std::multiset<std::string> got(slots.begin(), slots.end());
  std::multiset<std::string> expected = {"value",       "add",    "add",  "scale", "name",  "bump",
                                         "other_value", "chosen", "mood", "check", "secret"};
  EXPECT_EQ(got, expected);
  EXPECT_NE(d.delete_object, nullptr);
  EXPECT_NE(d.set_self, nullptr);
  // a slot is described as a method of the class, with its types
  for (int i = 0; i < d.num_slots; ++i) {
    if (slots[i] != "bump") continue;
    EXPECT_EQ(cppyy_method_num_args(d.slots[i]), 1);
    EXPECT_EQ(take(cppyy_method_arg_type(d.slots[i], 0)), "int&");
    EXPECT_EQ(take(cppyy_method_result_type(d.slots[i])), "void");
  }
  // asked again: the same handles
  struct dictloader_dispatcher again {};
  ASSERT_EQ(dictloader_dispatcher(d.klass, &again), 1);
  EXPECT_EQ(again.slots, d.slots);
}

TEST_F(Dispatchers, AnObjectCallsTheClientWhereItOverrides) {
  struct dictloader_dispatcher d {};
  ASSERT_EQ(dictloader_dispatcher(scope("cross::Base"), &d), 1);
  void* object = makeBase(d, 5);
  ASSERT_NE(object, nullptr);
  std::string error;
  EXPECT_EQ(callValue(object, error), 5) << "no self yet: C++'s own value()";
  EXPECT_EQ(error, "");

  Client client;
  client.result = 1234;
  std::vector<unsigned char> flags = overriding(d, {"value"});
  d.set_self(object, &client, flags.data());
  EXPECT_EQ(callValue(object, error), 1234);
  EXPECT_EQ(error, "");
  EXPECT_EQ(client.calls, std::vector<std::string>{"value"});

  // add is not overridden: C++'s
  Args args(2);
  args.setPointer(0, object).set<int>(1, 3);
  EXPECT_EQ(cppyy_call_i(method(scope("cross::Base"), "call_add", 2), nullptr, 2, args.get()), 8);
  EXPECT_EQ(client.calls.size(), 1u);

  // a slot's own stub: C++'s implementation, not the override
  for (int i = 0; i < d.num_slots; ++i) {
    if (take(cppyy_method_name(d.slots[i])) == "value") {
      EXPECT_EQ(cppyy_call_i(d.slots[i], object, 0, Args(0).get()), 5);
    }
  }
  EXPECT_EQ(client.calls.size(), 1u);

  // a class result: what the client points at, copied
  flags = overriding(d, {"value", "name"});
  d.set_self(object, &client, flags.data());
  Args nameArgs(1);
  nameArgs.setPointer(0, object);
  size_t length = 0;
  char* text =
      cppyy_call_s(method(scope("cross::Base"), "call_name", 1), nullptr, 1, nameArgs.get(), &length);
  EXPECT_EQ(std::string(text, length), "from the client");
  cppyy_free(text);

  // destroyed by its C++ owner: the client is told
  char message[256];
  EXPECT_EQ(d.delete_object(object, 0, nullptr, nullptr, message, sizeof message), 0);
  EXPECT_EQ(client.calls.back(), "~");
}

TEST_F(Dispatchers, WithoutSelfAnObjectIsItsClass) {
  struct dictloader_dispatcher d {};
  ASSERT_EQ(dictloader_dispatcher(scope("cross::Base"), &d), 1);
  void* object = makeBase(d, 9);
  Client client;
  std::vector<unsigned char> flags = overriding(d, {"value"});
  d.set_self(object, &client, flags.data());
  d.set_self(object, nullptr, nullptr);  // what a client does before deleting it itself
  std::string error;
  EXPECT_EQ(callValue(object, error), 9);
  char message[256];
  EXPECT_EQ(d.delete_object(object, 0, nullptr, nullptr, message, sizeof message), 0);
  EXPECT_TRUE(client.calls.empty());
}

TEST_F(Dispatchers, APythonExceptionComesBackAsTheClientsToken) {
  struct dictloader_dispatcher d {};
  ASSERT_EQ(dictloader_dispatcher(scope("cross::Base"), &d), 1);
  void* object = makeBase(d, 5);
  Client client;
  client.fail = true;
  std::vector<unsigned char> flags = overriding(d, {"value"});
  d.set_self(object, &client, flags.data());

  // through a stub: the text
  std::string error;
  callValue(object, error);
  EXPECT_EQ(error, "Python override of cross::Base::value() const raised ValueError: bad value");
  EXPECT_EQ(dictloader_override_exception(nullptr, error.c_str()), 77u);
  EXPECT_EQ(dictloader_override_exception(nullptr, error.c_str()), 0u) << "given back once";
  EXPECT_EQ(dictloader_override_exception(nullptr, "another C++ exception"), 0u);

  // through a checked entry: the exception itself
  dictloader_entry entry{};
  ASSERT_EQ(dictloader_function_entry(method(scope("cross::Base"), "call_value", 1), &entry), 1);
  ASSERT_EQ(entry.kind, DL_ENTRY_CHECKED);
  DlError dlError{};
  auto call = reinterpret_cast<int (*)(void*, DlError*)>(entry.address);
  call(object, &dlError);
  ASSERT_NE(dlError.kind, static_cast<uint32_t>(DL_ERROR_NONE));
  EXPECT_EQ(dictloader_override_exception(&dlError, nullptr), 77u);
  dictloader_error_release(&dlError);

  // C++ that catches it and throws its own: not the client's
  Args args(1);
  args.setPointer(0, object);
  cppyy_call_i(method(scope("cross"), "value_or_rethrow_own", 1), nullptr, 1, args.get());
  std::string own = args.takeError();
  EXPECT_EQ(own, "C++ caught the override's exception and threw its own");
  EXPECT_EQ(dictloader_override_exception(nullptr, own.c_str()), 0u);

  d.set_self(object, nullptr, nullptr);
  char message[256];
  d.delete_object(object, 0, nullptr, nullptr, message, sizeof message);
}

TEST_F(Dispatchers, WithoutAHandlerAnOverrideFailsInCpp) {
  struct dictloader_dispatcher d {};
  ASSERT_EQ(dictloader_dispatcher(scope("cross::Base"), &d), 1);
  void* object = makeBase(d, 5);
  Client client;
  std::vector<unsigned char> flags = overriding(d, {"value"});
  d.set_self(object, &client, flags.data());
  dictloader_set_override_handler(nullptr);
  std::string error;
  callValue(object, error);
  EXPECT_NE(error.find("no client handles them"), std::string::npos) << error;
  d.set_self(object, nullptr, nullptr);
  char message[256];
  d.delete_object(object, 0, nullptr, nullptr, message, sizeof message);
}

TEST_F(Dispatchers, AnAbstractClassHasOne) {
  cppyy_scope_t shape = scope("cross::Shape");
  EXPECT_TRUE(cppyy_is_abstract(shape));
  struct dictloader_dispatcher d {};
  ASSERT_EQ(dictloader_dispatcher(shape, &d), 1) << dictloader_last_error();
  EXPECT_GE(d.num_constructors, 1);  // the protected default constructor
  EXPECT_EQ(names(d.slots, d.num_slots), (std::vector<std::string>{"area", "kind"}));
  void* object = nullptr;
  for (int i = 0; i < d.num_constructors; ++i)
    if (cppyy_method_num_args(d.constructors[i]) == 0)
      object = cppyy_constructor(d.constructors[i], shape, 0, Args(0).get());
  ASSERT_NE(object, nullptr);
  // the base call of a pure virtual function fails, as does the override without Python's
  Args args(0);
  cppyy_call_d(d.slots[0], object, 0, args.get());
  EXPECT_NE(args.takeError(0).find("is pure virtual"), std::string::npos);
  Args total(1);
  total.setPointer(0, object);
  cppyy_free(cppyy_call_s(method(shape, "describe", 1), nullptr, 1, total.get(), nullptr));  // "" on failure
  EXPECT_NE(total.takeError().find("the Python class does not override it"), std::string::npos);
  char message[256];
  EXPECT_EQ(d.delete_object(object, 0, nullptr, nullptr, message, sizeof message), 0);

  // derived from an abstract class with a constructor that takes an argument
  struct dictloader_dispatcher sized {};
  ASSERT_EQ(dictloader_dispatcher(scope("cross::Sized"), &sized), 1);
  EXPECT_EQ(names(sized.slots, sized.num_slots), (std::vector<std::string>{"area", "kind"}));
}

TEST_F(Dispatchers, NotForEveryClass) {
  struct dictloader_dispatcher d {};
  EXPECT_EQ(dictloader_dispatcher(scope("cross::Holder"), &d), 0) << "no virtual functions";
  EXPECT_EQ(dictloader_dispatcher(scope("cross"), &d), 0) << "a namespace";
  EXPECT_EQ(dictloader_dispatcher(0, &d), 0);
  EXPECT_EQ(dictloader_dispatcher(scope("cross::Base"), nullptr), 0);
  EXPECT_EQ(dictloader_override_exception(nullptr, nullptr), 0u);
}

TEST_F(Dispatchers, ProtectedMembersAreDescribedAsProtected) {
  cppyy_scope_t base = scope("cross::Base");
  std::set<std::string> protectedMethods, publicMethods;
  for (int i = 0; i < cppyy_num_methods(base); ++i) {
    cppyy_method_t m = cppyy_get_method(base, i);
    (cppyy_is_protected_method(m) ? protectedMethods : publicMethods).insert(take(cppyy_method_name(m)));
    EXPECT_NE(cppyy_is_protected_method(m), cppyy_is_public_method(m));
  }
  EXPECT_EQ(protectedMethods, (std::set<std::string>{"secret", "helper", "static_helper"}));
  EXPECT_EQ(publicMethods.count("helper"), 0u);
  // callable on any object of the class, through their stubs
  struct dictloader_dispatcher d {};
  ASSERT_EQ(dictloader_dispatcher(base, &d), 1);
  void* object = makeBase(d, 1);
  Args args(1);
  args.set<int>(0, 4);
  EXPECT_EQ(cppyy_call_i(method(base, "helper", 1), object, 1, args.get()), 12);
  EXPECT_EQ(cppyy_call_i(method(base, "static_helper", 0), nullptr, 0, Args(0).get()), 5);
  int data = cppyy_datamember_index(base, "m_protected");
  ASSERT_GE(data, 0);
  EXPECT_TRUE(cppyy_is_protecteddata(base, data));
  EXPECT_FALSE(cppyy_is_publicdata(base, data));
  EXPECT_EQ(*reinterpret_cast<int*>(static_cast<char*>(object) + cppyy_datamember_offset(base, data)), 101);
  char message[256];
  d.delete_object(object, 0, nullptr, nullptr, message, sizeof message);
}

#else  // the dictionary as ABI 1.6 made it

TEST_F(Dispatchers, AnOlderDictionaryLoadsAndWorksWithoutThem) {
  struct dictloader_dispatcher d {};
  EXPECT_EQ(dictloader_dispatcher(scope("cross::Base"), &d), 0);
  cppyy_scope_t base = scope("cross::Base");
  void* object = nullptr;
  for (int i = 0; i < cppyy_num_methods(base); ++i) {
    cppyy_method_t m = cppyy_get_method(base, i);
    if (cppyy_is_constructor(m) && cppyy_method_num_args(m) == 0)
      object = cppyy_constructor(m, base, 0, Args(0).get());
  }
  ASSERT_NE(object, nullptr);
  std::string error;
  EXPECT_EQ(callValue(object, error), 42);
  EXPECT_EQ(error, "");
  cppyy_destruct(base, object);
}

#endif

}  // namespace
