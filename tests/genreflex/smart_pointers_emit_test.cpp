// smart_pointers_emit_test.cpp - what genreflex describes of std::shared_ptr
// and std::unique_ptr from the headers alone (data/smart_pointers.h, no
// --instantiate): their scopes with get() (and use_count(), from libstdc++'s
// internal base), one DlSmartPointer record each (dictionary ABI 1.6) whose
// functions are called here on objects the dictionary's stubs made, no record
// for a unique_ptr with a custom deleter, and the typedef a signature names
// only inside a template argument.
#include "smart_pointers.h"

#include <gtest/gtest.h>

#include <memory>
#include <new>
#include <stdexcept>
#include <string>

#include "dictionary_view.h"

namespace genreflex_test {
namespace {

const DictionaryView& smart() {
  static const DictionaryView dict(GENREFLEX_TEST_DICT_SMART);
  return dict;
}

const DlSmartPointer* recordOf(std::string_view scopeName) {
  const DlScope* scope = smart().scope(scopeName);
  if (scope == nullptr) return nullptr;
  const DlDictionary& d = smart().raw();
  for (std::uint32_t i = 0; i < d.num_smart_pointers; ++i)
    if (d.smart_pointers[i].scope == smart().scopeIndex(*scope)) return &d.smart_pointers[i];
  return nullptr;
}

// A new sp::Item made by a free function's stub (a new'd smart pointer).
void* made(const char* function, int value) {
  const DlFunction* fn = smart().function("sp", function, {"int"});
  if (fn == nullptr) throw std::runtime_error(std::string("no sp::") + function);
  void* result = nullptr;
  std::string error;
  if (callStub(*fn, nullptr, {&value}, &result, error) != 0) throw std::runtime_error(error);
  return result;
}

TEST(SmartPointers, TheHeaderIsOfAbi16) {
  EXPECT_EQ(smart().raw().abi_minor, DLDICT_ABI_MINOR);
  EXPECT_GE(smart().raw().abi_minor, 6);
  EXPECT_GE(smart().raw().header_size, sizeof(DlDictionary));
}

TEST(SmartPointers, EachSmartPointerHasARecord) {
  const DlSmartPointer* shared = recordOf("std::shared_ptr<sp::Item>");
  const DlSmartPointer* constShared = recordOf("std::shared_ptr<const sp::Item>");
  const DlSmartPointer* unique = recordOf("std::unique_ptr<sp::Item>");
  ASSERT_NE(shared, nullptr);
  ASSERT_NE(constShared, nullptr);
  ASSERT_NE(unique, nullptr);
  EXPECT_EQ(shared->kind, DL_SMART_SHARED);
  EXPECT_EQ(unique->kind, DL_SMART_UNIQUE);
  EXPECT_STREQ(smart().str(shared->pointee), "sp::Item");
  EXPECT_STREQ(smart().str(constShared->pointee), "const sp::Item");
  EXPECT_NE(shared->copy, nullptr);
  EXPECT_NE(shared->to_void, nullptr);
  EXPECT_NE(shared->from_void, nullptr);
  EXPECT_NE(shared->adopt, nullptr);
  EXPECT_EQ(unique->copy, nullptr);
  EXPECT_EQ(unique->to_void, nullptr);
  EXPECT_NE(unique->adopt, nullptr);
  // a custom deleter: described as a class, not as a smart pointer
  EXPECT_NE(smart().scope("std::unique_ptr<sp::Item,sp::Closer>"), nullptr);
  EXPECT_EQ(recordOf("std::unique_ptr<sp::Item,sp::Closer>"), nullptr);
}

TEST(SmartPointers, GetAndUseCountAreMembersOfTheSmartPointer) {
  EXPECT_EQ(smart().functions("std::shared_ptr<sp::Item>", "get").size(), 1u);
  EXPECT_EQ(smart().functions("std::shared_ptr<sp::Item>", "use_count").size(), 1u);
  EXPECT_EQ(smart().functions("std::unique_ptr<sp::Item>", "get").size(), 1u);
  const DlFunction* get = smart().functions("std::shared_ptr<const sp::Item>", "get").at(0);
  EXPECT_STREQ(smart().str(get->result_type), "const sp::Item*");
  // called through its stub on a smart pointer the dictionary made
  void* owner = made("shared", 5);
  void* raw = nullptr;
  std::string error;
  ASSERT_EQ(callStub(*smart().functions("std::shared_ptr<sp::Item>", "get").at(0), owner, {}, &raw, error), 0);
  ASSERT_NE(raw, nullptr);
  EXPECT_EQ(static_cast<sp::Item*>(raw)->value, 5);
  char deleteError[64];
  smart().scope("std::shared_ptr<sp::Item>")->delete_object(owner, 0, nullptr, nullptr, deleteError,
                                                             sizeof deleteError);
}

// The object operations of a class of the dictionary (storage for the smart pointers).
const DlObjectOps& opsOf(std::string_view scopeName) {
  return smart().raw().objects[smart().scopeIndex(*smart().scope(scopeName))];
}

TEST(SmartPointers, RecordFunctionsShareOwnership) {
  const DlSmartPointer& shared = *recordOf("std::shared_ptr<sp::Item>");
  const DlSmartPointer& constShared = *recordOf("std::shared_ptr<const sp::Item>");
  const DlObjectOps& sharedOps = opsOf("std::shared_ptr<sp::Item>");
  const DlObjectOps& constOps = opsOf("std::shared_ptr<const sp::Item>");
  ASSERT_NE(sharedOps.allocate, nullptr);
  ASSERT_NE(constOps.allocate, nullptr);
  void* owner = made("shared", 9);
  void* item = shared.get(owner);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(static_cast<sp::Item*>(item)->value, 9);

  void* copy = sharedOps.allocate();
  shared.copy(owner, copy);
  EXPECT_EQ(shared.get(copy), item);
  // through shared_ptr<void> to shared_ptr<const Item>, aliasing the same object
  alignas(std::shared_ptr<void>) unsigned char untyped[sizeof(std::shared_ptr<void>)];
  shared.to_void(owner, untyped);
  auto* asVoid = std::launder(reinterpret_cast<std::shared_ptr<void>*>(untyped));
  EXPECT_EQ(asVoid->get(), item);
  EXPECT_EQ(asVoid->use_count(), 3);
  void* asConst = constOps.allocate();
  constShared.from_void(untyped, item, asConst);
  EXPECT_EQ(constShared.get(asConst), item);
  EXPECT_EQ(asVoid->use_count(), 4);
  asVoid->~shared_ptr();
  sharedOps.destroy(copy);
  constOps.destroy(asConst);

  // adopt: a new'd object owned by a new smart pointer
  void* adopted = sharedOps.allocate();
  auto* fresh = new sp::Item(3);
  ASSERT_EQ(shared.adopt(fresh, adopted), 0);
  EXPECT_EQ(shared.get(adopted), fresh);
  sharedOps.destroy(adopted);

  char error[64];
  smart().scope("std::shared_ptr<sp::Item>")->delete_object(owner, 0, nullptr, nullptr, error, sizeof error);
}

TEST(SmartPointers, TypedefsInsideTemplateArgumentsAreRecorded) {
  const DlTypedef* td = smart().typedefNamed("sp::ConstItemPtr");
  ASSERT_NE(td, nullptr);
  EXPECT_STREQ(smart().str(td->target), "std::shared_ptr<const sp::Item>");
}

}  // namespace
}  // namespace genreflex_test
