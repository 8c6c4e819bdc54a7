// enum_reference_test.cpp - enums by reference (enum_references.h) through
// the stubs and the fast path: clients see a reference to the underlying
// builtin, and it must refer to the object itself, never to a copy.
#include <gtest/gtest.h>

#include <cstddef>
#include <stdexcept>
#include <string>

#include "dictionary_view.h"
#include "enum_references.h"

namespace genreflex_test {
namespace {

const DlFunction& only(const DictionaryView& dict, std::string_view name) {
  std::vector<const DlFunction*> found = dict.functions("enumrefs::Dial", name);
  if (found.size() != 1) throw std::runtime_error("expected one enumrefs::Dial::" + std::string(name));
  return *found[0];
}

TEST(EnumReferences, ClientsSeeReferencesToTheUnderlyingBuiltin) {
  const DictionaryView& dict = generatedDictionary(Generated::WithAddresses);
  EXPECT_STREQ(dict.str(only(dict, "levelRef").result_type), "const unsigned char&");
  EXPECT_STREQ(dict.str(only(dict, "moodRef").result_type), "unsigned int&");
  EXPECT_STREQ(dict.str(only(dict, "rawRef").result_type), "unsigned char&");
  EXPECT_EQ(dict.argumentTypes(only(dict, "setMood")), std::vector<std::string>{"unsigned int&"});
}

TEST(EnumReferences, TheFastPathReturnsTheMemberItself) {
  const DictionaryView& dict = generatedDictionary(Generated::WithAddresses);
  enumrefs::Dial dial;
  auto levelRef = reinterpret_cast<const unsigned char& (*)(void*)>(only(dict, "levelRef").address);
  auto moodRef = reinterpret_cast<unsigned int& (*)(void*)>(only(dict, "moodRef").address);
  auto rawRef = reinterpret_cast<unsigned char& (*)(void*)>(only(dict, "rawRef").address);
  ASSERT_NE(levelRef, nullptr);
  EXPECT_EQ(static_cast<const void*>(&levelRef(&dial)), static_cast<const void*>(&dial.level));
  EXPECT_EQ(static_cast<void*>(&moodRef(&dial)), static_cast<void*>(&dial.mood));
  EXPECT_EQ(static_cast<void*>(&rawRef(&dial)), static_cast<void*>(&dial.raw));
}

TEST(EnumReferences, TheFastPathPassesTheCallersObject) {
  const DictionaryView& dict = generatedDictionary(Generated::WithAddresses);
  enumrefs::Dial dial;
  auto setLevel = reinterpret_cast<void (*)(void*, const unsigned char&)>(only(dict, "setLevel").address);
  auto setMood = reinterpret_cast<void (*)(void*, unsigned int&)>(only(dict, "setMood").address);
  unsigned char high = static_cast<unsigned char>(enumrefs::Level::High);
  setLevel(&dial, high);
  EXPECT_EQ(dial.level, enumrefs::Level::High);
  unsigned int lively = enumrefs::Lively;
  setMood(&dial, lively);
  EXPECT_EQ(dial.mood, enumrefs::Lively);
}

TEST(EnumReferences, StubsReturnTheMembersAddress) {
  for (Generated which : {Generated::WithAddresses, Generated::StubsOnly}) {
    const DictionaryView& dict = generatedDictionary(which);
    enumrefs::Dial dial;
    void* address = nullptr;
    ASSERT_EQ(callStub(only(dict, "moodRef"), &dial, {}, &address), 0) << generatedLabel(which);
    EXPECT_EQ(address, &dial.mood) << generatedLabel(which);
  }
}

}  // namespace
}  // namespace genreflex_test
