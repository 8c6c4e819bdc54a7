// entries_test.cpp - entries and object operations (dictionary ABI 1.4, native
// API 3) of a dictionary made without --methptrgetter, called the way a client
// calls them: dictloader_function_entry, then a cast to the exact C function
// type the signature describes. Results, construction into the caller's
// storage, exceptions stored in a DlError (and released), side effects that
// happen once, and the object operations of each kind of class; then the
// dictionaries that have no entries: ABI 1.3, DICTLOADER_FASTPATH=none, and
// records the loader cannot use.
#include "entries.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

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

cppyy_scope_t scopeOf(const char* name) {
  cppyy_scope_t scope = cppyy_get_scope(name);
  EXPECT_NE(scope, 0u) << "no scope " << name;
  return scope;
}

// The one method of scope called name whose signature (no argument names) is sig.
cppyy_method_t methodOf(cppyy_scope_t scope, const std::string& name, const std::string& sig) {
  cppyy_method_t found = 0;
  for (int i = 0; i < cppyy_num_methods(scope); ++i) {
    cppyy_method_t m = cppyy_get_method(scope, i);
    if (take(cppyy_method_name(m)) == name && take(cppyy_method_signature(m, 0)) == sig) found = m;
  }
  EXPECT_NE(found, 0) << "no method " << name << sig;
  return found;
}

dictloader_entry entryOf(cppyy_method_t method) {
  dictloader_entry entry{};
  EXPECT_EQ(dictloader_function_entry(method, &entry), 1);
  return entry;
}

struct dictloader_object_ops objectOpsOf(const char* name) {
  struct dictloader_object_ops ops {};
  EXPECT_EQ(dictloader_object_ops(scopeOf(name), &ops), 1) << name;
  return ops;
}

// A DlError as a client keeps one: kind cleared before the first call.
struct Error : DlError {
  Error() : DlError{} {}
  ~Error() { dictloader_error_release(this); }
  std::string type() const { return type_name; }
  std::string text() const { return what; }
};

class Entries : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(dictloader_load(DICTLOADER_TEST_ENTRIES_DICT), 1) << dictloader_last_error();
    calc_ = scopeOf("entries::Calc");
    util_ = scopeOf("entries::util");
  }

  // The entry of a method, which must be of this kind and signature, as F.
  template <class F>
  F entry(cppyy_scope_t scope, const std::string& name, const std::string& sig, int kind,
          const std::string& signature) {
    dictloader_entry e = entryOf(methodOf(scope, name, sig));
    EXPECT_EQ(e.kind, kind) << name << sig;
    EXPECT_EQ(std::string(e.signature), signature) << name << sig;
    EXPECT_EQ(e.missing, DL_ENTRY_MISSING_NONE) << name << sig;
    if (e.address == nullptr) throw std::runtime_error("no entry for " + name + sig);
    return reinterpret_cast<F>(e.address);
  }

  cppyy_scope_t calc_ = 0;
  cppyy_scope_t util_ = 0;
};

TEST_F(Entries, PlainEntriesReturnResultsInRegisters) {
  entries::Calc calc(10);
  auto add = entry<int (*)(void*, int, int)>(calc_, "add", "(int, int)", DL_ENTRY_PLAIN, "iii");
  EXPECT_EQ(add(&calc, 1, 2), 13);
  // Every entry takes every argument: the default is the stub's business.
  auto scaled = entry<double (*)(void*, double)>(calc_, "scaled", "(double)", DL_ENTRY_PLAIN, "dd");
  EXPECT_DOUBLE_EQ(scaled(&calc, 0.5), 5.0);
  auto widened = entry<long long (*)(void*, short, unsigned char, bool)>(
      calc_, "widened", "(short, unsigned char, bool)", DL_ENTRY_PLAIN, "qhB?");
  EXPECT_EQ(widened(&calc, -3, 200, true), -2800);
  auto twice = entry<int (*)(int)>(calc_, "twice", "(int)", DL_ENTRY_PLAIN, "ii");
  EXPECT_EQ(twice(21), 42);
  auto precise = entry<long double (*)(long double)>(util_, "precise", "(long double)", DL_ENTRY_PLAIN, "gg");
  EXPECT_EQ(precise(1.25L), 2.5L);
  // const int& arguments travel as values; int& results as the referent's address.
  auto largest =
      entry<int (*)(int, int)>(util_, "largest", "(const int&, const int&)", DL_ENTRY_PLAIN, "iii");
  EXPECT_EQ(largest(4, 9), 9);
  auto baseRef = entry<int* (*)(void*)>(calc_, "baseRef", "()", DL_ENTRY_PLAIN, "p");
  EXPECT_EQ(baseRef(&calc), &calc.baseRef());
  auto baseConstRef = entry<const int* (*)(void*)>(calc_, "baseConstRef", "()", DL_ENTRY_PLAIN, "p");
  EXPECT_EQ(*baseConstRef(&calc), 10);
  auto self = entry<const void* (*)(void*)>(calc_, "self", "()", DL_ENTRY_PLAIN, "p");
  EXPECT_EQ(self(&calc), &calc);
}

TEST_F(Entries, AFunctionThatCannotThrowAndHasTheShapeIsItsOwnSymbol) {
  // Out of line and noexcept: the entry is the function itself, no wrapper.
  void* method = dlsym(RTLD_DEFAULT, "_ZNK7entries4Calc11addNoexceptEi");
  void* fill = dlsym(RTLD_DEFAULT, "_ZN7entries4util4fillERix");
  ASSERT_NE(method, nullptr) << dlerror();
  ASSERT_NE(fill, nullptr) << dlerror();
  auto addNoexcept = entry<int (*)(void*, int)>(calc_, "addNoexcept", "(int)", DL_ENTRY_PLAIN, "ii");
  EXPECT_EQ(reinterpret_cast<void*>(addNoexcept), method);
  auto fillEntry =
      entry<void (*)(int*, long long)>(util_, "fill", "(int&, long long)", DL_ENTRY_PLAIN, "vpq");
  EXPECT_EQ(reinterpret_cast<void*>(fillEntry), fill);
  entries::Calc calc(5);
  int before = entries::calls;
  EXPECT_EQ(addNoexcept(&calc, 1), 6);
  int out = 0;
  fillEntry(&out, 77);
  EXPECT_EQ(out, 77);
  EXPECT_EQ(entries::calls, before + 2);
  // An out-of-line function that may throw gets a checked wrapper instead.
  void* outOfLine = dlsym(RTLD_DEFAULT, "_ZNK7entries4Calc12addOutOfLineEi");
  dictloader_entry checked = entryOf(methodOf(calc_, "addOutOfLine", "(int)"));
  EXPECT_EQ(checked.kind, DL_ENTRY_CHECKED);
  EXPECT_NE(checked.address, outOfLine);
}

TEST_F(Entries, CheckedEntriesReturnNormallyWithoutAnException) {
  entries::Calc calc(3);
  auto addOutOfLine =
      entry<int (*)(void*, int, DlError*)>(calc_, "addOutOfLine", "(int)", DL_ENTRY_CHECKED, "ii");
  auto sum =
      entry<int (*)(int, int, int, DlError*)>(util_, "sum", "(int, int, int)", DL_ENTRY_CHECKED, "iiii");
  auto kind = entry<int (*)(void*, DlError*)>(calc_, "kind", "()", DL_ENTRY_CHECKED, "i");
  Error error;
  int before = entries::calls;
  EXPECT_EQ(addOutOfLine(&calc, 4, &error), 7);
  EXPECT_EQ(sum(1, 2, 3, &error), 6);  // all three: no default
  EXPECT_EQ(error.kind, DL_ERROR_NONE);
  EXPECT_EQ(error.exception, nullptr);
  EXPECT_EQ(entries::calls, before + 2);
  // A virtual method dispatches on the object.
  entries::DerivedCalc derived(1);
  EXPECT_EQ(kind(static_cast<entries::Calc*>(&derived), &error), 2);
}

TEST_F(Entries, AnExceptionIsStoredWithItsTypeAndTextAndTheEntryReturns) {
  entries::Calc calc(1);
  auto divide =
      entry<int (*)(void*, int, int, DlError*)>(calc_, "divide", "(int, int)", DL_ENTRY_CHECKED, "iii");
  Error error;
  int before = entries::calls;
  EXPECT_EQ(divide(&calc, 12, 4, &error), 3);
  EXPECT_EQ(error.kind, DL_ERROR_NONE);
  int returned = divide(&calc, 1, 0, &error);  // reaching the next line is the test
  (void)returned;
  EXPECT_EQ(entries::calls, before + 1);  // the body ran once, not again for the error
  EXPECT_EQ(error.kind, DL_ERROR_EXCEPTION);
  EXPECT_EQ(error.type(), "std::runtime_error");
  EXPECT_EQ(error.text(), "division by zero");
  ASSERT_NE(error.exception, nullptr);
  // The exception itself, for clients that rethrow it or map its type.
  try {
    std::rethrow_exception(*static_cast<std::exception_ptr*>(error.exception));
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "division by zero");
  }
  dictloader_error_release(&error);
  EXPECT_EQ(error.kind, DL_ERROR_NONE);
  EXPECT_EQ(error.exception, nullptr);
  // The same DlError serves the next call.
  EXPECT_EQ(divide(&calc, 9, 3, &error), 3);
  EXPECT_EQ(error.kind, DL_ERROR_NONE);
}

TEST_F(Entries, ACustomExceptionIsNamedByItsQualifiedName) {
  entries::Calc calc(1);
  auto checkedDivide = entry<int (*)(void*, int, int, DlError*)>(calc_, "checkedDivide", "(int, int)",
                                                                 DL_ENTRY_CHECKED, "iii");
  Error error;
  checkedDivide(&calc, 5, 0, &error);
  EXPECT_EQ(error.kind, DL_ERROR_EXCEPTION);
  EXPECT_EQ(error.type(), "entries::BadInput");
  EXPECT_EQ(error.text(), "divide by zero: 5");
  try {
    std::rethrow_exception(*static_cast<std::exception_ptr*>(error.exception));
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "divide by zero: 5");
  }
}

TEST_F(Entries, AnExceptionOfAnotherTypeIsStoredAsOther) {
  entries::Calc calc(1);
  auto throwsInt = entry<int (*)(void*, int, DlError*)>(calc_, "throwsInt", "(int)", DL_ENTRY_CHECKED, "ii");
  Error error;
  int before = entries::calls;
  throwsInt(&calc, -1, &error);
  EXPECT_EQ(entries::calls, before + 1);
  EXPECT_EQ(error.kind, DL_ERROR_OTHER);
  EXPECT_EQ(error.type(), "int");
  EXPECT_EQ(error.text(), "unknown C++ exception");
  ASSERT_NE(error.exception, nullptr);
  try {
    std::rethrow_exception(*static_cast<std::exception_ptr*>(error.exception));
  } catch (int value) {
    EXPECT_EQ(value, 42);
  }
  dictloader_error_release(&error);
  EXPECT_EQ(throwsInt(&calc, 8, &error), 8);
  EXPECT_EQ(error.kind, DL_ERROR_NONE);
}

TEST_F(Entries, ClassAndStringResultsAreConstructedInTheCallersStorage) {
  entries::Calc calc(100);
  auto makeCounted = entry<void (*)(void*, void*, int)>(calc_, "makeCounted", "(int)", DL_ENTRY_PLAIN, "oi");
  struct dictloader_object_ops counted = objectOpsOf("entries::Counted");
  ASSERT_NE(counted.allocate, nullptr);
  ASSERT_NE(counted.destroy, nullptr);
  int live = entries::liveCounted;
  void* storage = counted.allocate();
  ASSERT_NE(storage, nullptr);
  makeCounted(&calc, storage, 5);
  EXPECT_EQ(static_cast<entries::Counted*>(storage)->value, 105);
  EXPECT_EQ(entries::liveCounted, live + 1);  // constructed once, no temporary left
  int destroyed = entries::destroyed;
  counted.destroy(storage);
  EXPECT_EQ(entries::destroyed, destroyed + 1);
  EXPECT_EQ(entries::liveCounted, live);

  auto label = entry<void (*)(void*, void*, DlError*)>(calc_, "label", "()", DL_ENTRY_CHECKED, "o");
  entries::Calc labelled(1, "first");
  alignas(std::string) unsigned char text[sizeof(std::string)];
  Error error;
  label(&labelled, text, &error);
  ASSERT_EQ(error.kind, DL_ERROR_NONE);
  auto* result = std::launder(reinterpret_cast<std::string*>(text));
  EXPECT_EQ(*result, "first");
  result->~basic_string();
}

TEST_F(Entries, ObjectAndStringArgumentsArePointersAndOutParametersAreWritten) {
  entries::Calc calc(7);
  auto join = entry<void (*)(void*, void*, const void*, void*, DlError*)>(
      calc_, "join", "(const std::string&, std::string)", DL_ENTRY_CHECKED, "opp");
  std::string a = "left", b = "right";
  alignas(std::string) unsigned char text[sizeof(std::string)];
  Error error;
  int before = entries::calls;
  join(&calc, text, &a, &b, &error);
  ASSERT_EQ(error.kind, DL_ERROR_NONE);
  auto* joined = std::launder(reinterpret_cast<std::string*>(text));
  EXPECT_EQ(*joined, "left+right");
  joined->~basic_string();
  EXPECT_EQ(b, "right");  // passed by value: the caller's string is copied, not moved from
  EXPECT_EQ(entries::calls, before + 1);

  auto split = entry<void (*)(void*, int, int*, int*, DlError*)>(calc_, "split", "(int, int&, int&)",
                                                                 DL_ENTRY_CHECKED, "vipp");
  int quotient = 0, remainder = 0;
  split(&calc, 23, &quotient, &remainder, &error);
  EXPECT_EQ(error.kind, DL_ERROR_NONE);
  EXPECT_EQ(quotient, 3);
  EXPECT_EQ(remainder, 2);
  EXPECT_EQ(entries::calls, before + 2);

  // A class by value is copied from the caller's object (and the copy destroyed).
  auto readCounted =
      entry<int (*)(void*, const void*)>(calc_, "readCounted", "(entries::Counted)", DL_ENTRY_PLAIN, "ip");
  entries::Counted counted(31);
  int live = entries::liveCounted;
  EXPECT_EQ(readCounted(&calc, &counted), 31);
  EXPECT_EQ(entries::liveCounted, live);
  EXPECT_EQ(counted.value, 31);
  auto countsCall = entry<int (*)(void*, int)>(calc_, "countsCall", "(int)", DL_ENTRY_PLAIN, "ii");
  EXPECT_EQ(countsCall(&calc, 1), 2);
  EXPECT_EQ(entries::calls, before + 3);
}

TEST_F(Entries, EnumsTravelAsTheirPromotedBuiltin) {
  entries::Calc calc;
  // Color is an enum class of unsigned char: an int in the entry's signature
  // (the C API's signature names the enum).
  auto shade = entry<int (*)(void*, int)>(calc_, "shade", "(entries::Color)", DL_ENTRY_PLAIN, "ii");
  EXPECT_EQ(shade(&calc, 1), 250);
  EXPECT_EQ(shade(&calc, 250), 1);
  auto colorValue =
      entry<int (*)(void*, int)>(calc_, "colorValue", "(const entries::Color&)", DL_ENTRY_PLAIN, "ii");
  EXPECT_EQ(colorValue(&calc, 2), 2);
  auto levelOf = entry<int (*)(void*, int)>(calc_, "levelOf", "(int)", DL_ENTRY_PLAIN, "ii");
  EXPECT_EQ(levelOf(&calc, 3), 1000);
  EXPECT_EQ(levelOf(&calc, -3), -1);
}

TEST_F(Entries, ConstructorsConstructIntoTheCallersStorage) {
  struct dictloader_object_ops ops = objectOpsOf("entries::Calc");
  EXPECT_EQ(ops.size, sizeof(entries::Calc));
  EXPECT_EQ(ops.align, alignof(entries::Calc));
  auto fromInt = entry<void (*)(void*, int, DlError*)>(calc_, "Calc", "(int)", DL_ENTRY_CHECKED, "vi");
  auto fromDouble = entry<void (*)(void*, double)>(calc_, "Calc", "(double)", DL_ENTRY_PLAIN, "vd");
  auto labelled = entry<void (*)(void*, int, const void*, DlError*)>(
      calc_, "Calc", "(int, const std::string&)", DL_ENTRY_CHECKED, "vip");
  Error error;
  void* storage = ops.allocate();
  ASSERT_NE(storage, nullptr);
  fromInt(storage, 40, &error);
  ASSERT_EQ(error.kind, DL_ERROR_NONE);
  EXPECT_EQ(static_cast<entries::Calc*>(storage)->add(1, 1), 42);
  ops.destroy(storage);
  storage = ops.allocate();
  fromDouble(storage, 0.5);
  EXPECT_EQ(static_cast<entries::Calc*>(storage)->base(), 7);
  ops.destroy(storage);
  // A constructor that throws leaves nothing to destroy; the storage is the caller's.
  storage = ops.allocate();
  std::string empty;
  labelled(storage, 1, &empty, &error);
  EXPECT_EQ(error.kind, DL_ERROR_EXCEPTION);
  EXPECT_EQ(error.type(), "std::invalid_argument");
  EXPECT_EQ(error.text(), "empty label");
  dictloader_error_release(&error);
  std::string name = "named";
  labelled(storage, 2, &name, &error);
  ASSERT_EQ(error.kind, DL_ERROR_NONE);
  EXPECT_EQ(static_cast<entries::Calc*>(storage)->label(), "named");
  ops.destroy(storage);
}

// The raw records: what no C API handle reaches (destructors), and what has no
// entry (dispatchers' records, protected members).
TEST_F(Entries, DestructorsHaveNoEntry) {
  const DlDictionary* d = nullptr;
  for (size_t i = 0; i < dictloader_num_dictionaries(); ++i)
    if (std::string(dictloader_dictionary_origin(i)) == DICTLOADER_TEST_ENTRIES_DICT)
      d = static_cast<const DlDictionary*>(dictloader_dictionary_table(i));
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->abi_minor, DLDICT_ABI_MINOR);
  EXPECT_EQ(d->header_size, sizeof(DlDictionary));
  ASSERT_NE(d->entries, nullptr);
  ASSERT_NE(d->objects, nullptr);
  EXPECT_EQ(d->flags & DL_DICT_HAS_FUNCTION_ADDRESSES, 0u);  // made without --methptrgetter
  int destructors = 0;
  // the dispatchers' records (ABI 1.8) follow the scopes' functions; they and
  // protected members are called through their stubs only
  std::uint32_t scopesFunctions = 0;
  for (std::uint32_t s = 0; s < d->num_scopes; ++s) scopesFunctions += d->scopes[s].num_functions;
  for (std::uint32_t f = 0; f < d->num_functions; ++f) {
    const DlEntry& e = d->entries[f];
    if (d->functions[f].kind == DL_FUNC_DESTRUCTOR || f >= scopesFunctions ||
        (d->functions[f].flags & DL_FUNC_PROTECTED)) {
      destructors += d->functions[f].kind == DL_FUNC_DESTRUCTOR;
      EXPECT_EQ(e.kind, DL_ENTRY_NONE);
      EXPECT_EQ(e.missing, DL_ENTRY_MISSING_NOT_CALLABLE);
      EXPECT_EQ(e.address, nullptr);
      continue;
    }
    EXPECT_NE(e.kind, DL_ENTRY_NONE) << d->strings + d->functions[f].name;
  }
  EXPECT_GT(destructors, 0);
  for (std::uint32_t s = 0; s < d->num_scopes; ++s) {
    if (d->scopes[s].kind == DL_SCOPE_NAMESPACE) {
      EXPECT_EQ(d->objects[s].align, 0u);
    }
  }
}

TEST_F(Entries, DestructorFlagsSayWhenDestroyingCanBeSkipped) {
  const unsigned trivial = DL_OBJECT_TRIVIAL_DESTRUCTOR, noEffect = DL_OBJECT_NO_DESTRUCTOR_EFFECT;
  const unsigned polymorphic = DICTLOADER_OBJECT_POLYMORPHIC;  // the loader's, from the scope's record
  struct Expected {
    const char* name;
    unsigned flags;
  };
  for (const Expected& expected : {
           Expected{"entries::Plain", trivial | noEffect},
           Expected{"entries::Aligned", trivial | noEffect},
           Expected{"entries::EmptyInline", noEffect},     // ~EmptyInline() {}
           Expected{"entries::EmptyOverEmpty", noEffect | polymorphic},  // virtual, over empty members, arrays and pointers
           Expected{"entries::OverEmptyBase", noEffect},   // an implicit destructor over an empty base
           Expected{"entries::Shape", noEffect | polymorphic},         // virtual ~Shape() = default
           Expected{"entries::WithString", 0},             // a std::string member
           Expected{"entries::DeclaredOnly", 0},           // defined in a library
           Expected{"entries::WithStatement", 0},
           Expected{"entries::Counted", 0},
           Expected{"entries::Calc", polymorphic},  // virtual kind()
       })
    EXPECT_EQ(objectOpsOf(expected.name).flags, expected.flags) << expected.name;
}

TEST_F(Entries, ObjectOperationsAllocateDestroyAndMove) {
  struct dictloader_object_ops aligned = objectOpsOf("entries::Aligned");
  EXPECT_EQ(aligned.size, sizeof(entries::Aligned));
  EXPECT_EQ(aligned.align, 32u);
  std::vector<void*> blocks;
  for (int i = 0; i < 8; ++i) {
    blocks.push_back(aligned.allocate());
    ASSERT_NE(blocks.back(), nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(blocks.back()) % 32, 0u);
  }
  for (void* block : blocks) {
    new (block) entries::Aligned(1.5);
    aligned.destroy(block);
  }

  // move_to_heap leaves the original moved-from; the copy is deleted as C++ deletes.
  struct dictloader_object_ops counted = objectOpsOf("entries::Counted");
  ASSERT_NE(counted.move_to_heap, nullptr);
  int live = entries::liveCounted;
  void* storage = counted.allocate();
  new (storage) entries::Counted(9);
  void* heap = counted.move_to_heap(storage);
  ASSERT_NE(heap, nullptr);
  EXPECT_EQ(static_cast<entries::Counted*>(heap)->value, 9);
  EXPECT_EQ(static_cast<entries::Counted*>(storage)->value, -1);
  EXPECT_EQ(entries::liveCounted, live + 2);
  counted.destroy(storage);
  char error[64] = "";
  EXPECT_EQ(dictloader_delete_function(scopeOf("entries::Counted"))(heap, 0, nullptr, nullptr, error, 64), 0);
  EXPECT_EQ(entries::liveCounted, live);

  // A class that can be copied only: moving copies.
  struct dictloader_object_ops calc = objectOpsOf("entries::Calc");
  entries::Calc original(5, "kept");
  void* copy = calc.move_to_heap(&original);
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(static_cast<entries::Calc*>(copy)->base(), 5);
  delete static_cast<entries::Calc*>(copy);

  EXPECT_EQ(objectOpsOf("entries::NoCopy").move_to_heap, nullptr);  // neither movable nor copyable
  EXPECT_NE(objectOpsOf("entries::NoCopy").allocate, nullptr);
  struct dictloader_object_ops shape = objectOpsOf("entries::Shape");  // abstract
  EXPECT_EQ(shape.allocate, nullptr);
  EXPECT_EQ(shape.move_to_heap, nullptr);
  EXPECT_EQ(objectOpsOf("entries::PrivateDestructor").destroy, nullptr);
}

TEST_F(Entries, BadArgumentsAreRefusedNotFollowed) {
  dictloader_entry e{};
  EXPECT_EQ(dictloader_function_entry(0, &e), 0);
  EXPECT_EQ(dictloader_function_entry(methodOf(calc_, "add", "(int, int)"), nullptr), 0);
  struct dictloader_object_ops ops {};
  EXPECT_EQ(dictloader_object_ops(0, &ops), 0);
  EXPECT_EQ(dictloader_object_ops(scopeOf("entries"), &ops), 0);  // a namespace
  EXPECT_EQ(dictloader_object_ops(calc_, nullptr), 0);
  dictloader_error_release(nullptr);
  DlError empty{};
  empty.kind = DL_ERROR_OTHER;
  dictloader_error_release(&empty);  // no exception to delete
  EXPECT_EQ(empty.kind, DL_ERROR_NONE);
}

// A dictionary of ABI 1.3: a header without entries or object operations.
TEST(LegacyEntries, ADictionaryOfAbi13LoadsAndHasNoEntries) {
  ASSERT_EQ(dictloader_load(DICTLOADER_TEST_LEGACY_1_3_DICT), 1) << dictloader_last_error();
  const DlDictionary* d = nullptr;
  for (size_t i = 0; i < dictloader_num_dictionaries(); ++i)
    if (std::string(dictloader_dictionary_origin(i)) == DICTLOADER_TEST_LEGACY_1_3_DICT)
      d = static_cast<const DlDictionary*>(dictloader_dictionary_table(i));
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->abi_minor, 3u);
  EXPECT_EQ(d->header_size, offsetof(DlDictionary, entries));
  cppyy_scope_t widget = scopeOf("api::Widget");
  cppyy_method_t add = methodOf(widget, "Add", "(int)");
  dictloader_entry e = entryOf(add);
  EXPECT_EQ(e.kind, DL_ENTRY_NONE);
  EXPECT_EQ(e.missing, DL_ENTRY_MISSING_UNRECORDED);
  EXPECT_EQ(e.address, nullptr);
  EXPECT_STREQ(e.signature, "");
  struct dictloader_object_ops ops = objectOpsOf("api::Widget");
  EXPECT_GT(ops.size, 0u);
  EXPECT_EQ(ops.align, 0u);
  EXPECT_EQ(ops.flags, 0u);
  EXPECT_EQ(ops.allocate, nullptr);
  EXPECT_EQ(ops.destroy, nullptr);
  EXPECT_EQ(ops.move_to_heap, nullptr);
  // The stubs work as before: construct, call, destroy.
  cppyy_method_t ctor = methodOf(widget, "Widget", "(int)");
  std::vector<char> args(8 * cppyy_function_arg_sizeof() + 16, 0);
  int value = 4;
  std::memcpy(args.data(), &value, sizeof value);
  cppyy_object_t object = cppyy_constructor(ctor, widget, 1, args.data());
  ASSERT_NE(object, nullptr);
  value = 3;
  std::memcpy(args.data(), &value, sizeof value);
  EXPECT_EQ(cppyy_call_i(add, object, 1, args.data()), 7);
  cppyy_destruct(widget, object);
}

// A copy of the entries dictionary whose records this loader cannot use:
// registered in place of the original (the first definition of a class wins).
TEST(DamagedEntries, ARecordTheLoaderCannotUseIsNoEntry) {
  void* library = dlopen(DICTLOADER_TEST_ENTRIES_DICT, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(library, nullptr) << dlerror();
  const auto* original = static_cast<const DlDictionary*>(dlsym(library, DLDICT_ENTRY_SYMBOL));
  ASSERT_NE(original, nullptr);
  static DlDictionary copy;
  static std::vector<DlEntry> entries;
  copy = *original;
  entries.assign(original->entries, original->entries + original->num_functions);
  copy.entries = entries.data();
  // add(int, int): a signature of the wrong length ("ii" is one of add's siblings').
  // kind(): a kind no loader knows yet. twice(int): a known kind without an address.
  auto find = [&](const char* name) -> DlEntry& {
    for (std::uint32_t f = 0; f < copy.num_functions; ++f)
      if (std::string(copy.strings + copy.functions[f].name) == name) return entries[f];
    throw std::runtime_error(name);
  };
  std::uint32_t shortSignature = find("addNoexcept").signature;
  find("add").signature = shortSignature;
  find("kind").kind = 7;
  find("twice").address = nullptr;
  ASSERT_EQ(dictloader_register(&copy, "damaged copy"), 1) << dictloader_last_error();
  cppyy_scope_t calc = scopeOf("entries::Calc");
  dictloader_entry add = entryOf(methodOf(calc, "add", "(int, int)"));
  EXPECT_EQ(add.kind, DL_ENTRY_NONE);
  EXPECT_EQ(add.address, nullptr);
  EXPECT_EQ(add.missing, DL_ENTRY_MISSING_SIGNATURE);
  dictloader_entry kind = entryOf(methodOf(calc, "kind", "()"));
  EXPECT_EQ(kind.kind, DL_ENTRY_NONE);
  EXPECT_EQ(kind.missing, DL_ENTRY_MISSING_UNRECORDED);
  EXPECT_EQ(entryOf(methodOf(calc, "twice", "(int)")).kind, DL_ENTRY_NONE);
  // The rest of the scope is untouched, and the stubs still call add.
  EXPECT_EQ(entryOf(methodOf(calc, "addOutOfLine", "(int)")).kind, DL_ENTRY_CHECKED);
  entries::Calc object(1);
  std::vector<char> args(8 * cppyy_function_arg_sizeof() + 16, 0);
  int two = 2;
  std::memcpy(args.data(), &two, sizeof two);
  std::memcpy(args.data() + cppyy_function_arg_sizeof(), &two, sizeof two);
  EXPECT_EQ(cppyy_call_i(methodOf(calc, "add", "(int, int)"), &object, 2, args.data()), 5);
}

// Run by ctest with DICTLOADER_FASTPATH set (read once per process).
class EntriesPolicy : public Entries {
 protected:
  void SetUp() override {
    const char* policy = std::getenv("DICTLOADER_FASTPATH");
    if (policy == nullptr) GTEST_SKIP() << "run by ctest with DICTLOADER_FASTPATH set";
    policy_ = policy;
    Entries::SetUp();
  }
  std::string policy_;
};

TEST_F(EntriesPolicy, NoneGivesNoEntriesAndTheStubsStillCall) {
  if (policy_ != "none") GTEST_SKIP();
  for (cppyy_scope_t scope : {calc_, util_}) {
    for (int i = 0; i < cppyy_num_methods(scope); ++i) {
      dictloader_entry e = entryOf(cppyy_get_method(scope, i));
      EXPECT_EQ(e.kind, DL_ENTRY_NONE) << take(cppyy_method_name(cppyy_get_method(scope, i)));
      EXPECT_EQ(e.address, nullptr);
    }
  }
  // What the dictionary recorded is still told.
  dictloader_entry add = entryOf(methodOf(calc_, "add", "(int, int)"));
  EXPECT_STREQ(add.signature, "iii");
  EXPECT_EQ(add.missing, DL_ENTRY_MISSING_NONE);
  entries::Calc object(1);
  std::vector<char> args(8 * cppyy_function_arg_sizeof() + 16, 0);
  int three = 3;
  std::memcpy(args.data(), &three, sizeof three);
  std::memcpy(args.data() + cppyy_function_arg_sizeof(), &three, sizeof three);
  EXPECT_EQ(cppyy_call_i(methodOf(calc_, "add", "(int, int)"), &object, 2, args.data()), 7);
  // Object operations are no fast path: still there.
  EXPECT_NE(objectOpsOf("entries::Calc").allocate, nullptr);
}

TEST_F(EntriesPolicy, AllChangesNothing) {
  if (policy_ != "all") GTEST_SKIP();
  EXPECT_EQ(entryOf(methodOf(calc_, "divide", "(int, int)")).kind, DL_ENTRY_CHECKED);
  EXPECT_EQ(entryOf(methodOf(calc_, "add", "(int, int)")).kind, DL_ENTRY_PLAIN);
  auto divide = reinterpret_cast<int (*)(void*, int, int, DlError*)>(
      entryOf(methodOf(calc_, "divide", "(int, int)")).address);
  entries::Calc calc(1);
  Error error;
  divide(&calc, 1, 0, &error);
  EXPECT_EQ(error.kind, DL_ERROR_EXCEPTION);
}

// What a tracing collector is told of C++ memory: glibc's heap in use, read
// with mallinfo2 (sanitizers have allocators of their own, which it cannot see).
TEST(HeapGrowth, ReportsWhatTheHeapGrewBy) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "a sanitizer's allocator: glibc's heap does not see the program's memory";
#endif
  constexpr std::size_t kChunk = 8 * 1024, kChunks = 1024;  // 8 MiB in chunks below mmap's threshold
  dictloader_heap_growth();                                 // the baseline
  std::vector<std::unique_ptr<char[]>> held;
  held.reserve(kChunks);
  for (std::size_t i = 0; i < kChunks; ++i) {
    held.emplace_back(new char[kChunk]);
    held.back()[0] = static_cast<char>(i);
  }
  const std::size_t grew = dictloader_heap_growth();
  EXPECT_GE(grew, kChunk * kChunks);
  EXPECT_LT(grew, 2 * kChunk * kChunks);
  EXPECT_EQ(dictloader_heap_growth(), 0u) << "nothing new since the last call";
  held.clear();
  EXPECT_EQ(dictloader_heap_growth(), 0u) << "a heap that shrank did not grow";
  std::unique_ptr<char[]> big(new char[4 << 20]);  // 4 MiB: mmapped, counted too
  big[0] = 1;
  EXPECT_GE(dictloader_heap_growth(), std::size_t{4} << 20);
}

}  // namespace
