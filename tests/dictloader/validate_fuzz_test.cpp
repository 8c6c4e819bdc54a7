// validate_fuzz_test.cpp - validation lets through only tables the loader can read.
//
// Copies the test dictionary's tables, corrupts one integer field of one
// record at random (thousands of times, fixed seed), and checks the invariant
// the registry relies on: if validateHeader and validateScopeRecords accept
// the tables, every index and string offset the registry follows is in range.
// The reader below uses bounds-checked access, so a miss fails the test (and
// under ASan any stray read is reported).
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "registry.h"

namespace {

// A writable deep copy of a dictionary's tables (pointers re-aimed at the copy).
struct Tables {
  std::vector<char> strings;
  std::vector<DlScope> scopes;
  std::vector<DlFunction> functions;
  std::vector<DlArgument> arguments;
  std::vector<DlDataMember> data;
  std::vector<DlBase> bases;
  std::vector<DlEnum> enums;
  std::vector<DlEnumerator> enumerators;
  std::vector<DlTypedef> typedefs;
  std::vector<DlEntry> entries;                                      // ABI 1.4
  std::vector<std::uint32_t> argumentEnums, resultEnums, dataEnums;  // ABI 1.5
  DlDictionary header{};

  explicit Tables(const DlDictionary& d)
      : strings(d.strings, d.strings + d.strings_size),
        scopes(d.scopes, d.scopes + d.num_scopes),
        functions(d.functions, d.functions + d.num_functions),
        arguments(d.arguments, d.arguments + d.num_arguments),
        data(d.data, d.data + d.num_data),
        bases(d.bases, d.bases + d.num_bases),
        enums(d.enums, d.enums + d.num_enums),
        enumerators(d.enumerators, d.enumerators + d.num_enumerators),
        typedefs(d.typedefs, d.typedefs + d.num_typedefs),
        entries(d.entries, d.entries + d.num_functions),
        argumentEnums(d.argument_enums, d.argument_enums + d.num_arguments),
        resultEnums(d.result_enums, d.result_enums + d.num_functions),
        dataEnums(d.data_enums, d.data_enums + d.num_data),
        header(d) {
    header.strings = strings.data();
    header.scopes = scopes.data();
    header.functions = functions.data();
    header.arguments = arguments.data();
    header.data = data.data();
    header.bases = bases.data();
    header.enums = enums.data();
    header.enumerators = enumerators.data();
    header.typedefs = typedefs.data();
    header.entries = entries.data();
    header.argument_enums = argumentEnums.data();
    header.result_enums = resultEnums.data();
    header.data_enums = dataEnums.data();
  }
};

// One of a record's leading uint32_t fields (indices, offsets, counts, kinds);
// pointers and the 64-bit fields after them are not corrupted: no reader can check
// a pointer, and the counts in the header describe the generator's own arrays.
template <class Record>
std::uint32_t* fieldOf(Record& record, std::uint32_t random, std::size_t leadingBytes) {
  return reinterpret_cast<std::uint32_t*>(&record) + random % (leadingBytes / sizeof(std::uint32_t));
}

// Reads what the registry reads, with bounds checks; fails the test on a miss.
void readAll(const Tables& t) {
  const DlDictionary& d = t.header;
  auto string = [&](std::uint32_t offset) { ASSERT_LT(offset, t.strings.size()); };
  for (std::uint32_t s = 0; s < d.num_scopes; ++s) {
    const DlScope& scope = t.scopes.at(s);
    string(scope.name);
    string(scope.qualified_name);
    if (s > 0) {
      ASSERT_LT(scope.parent, s);
    }
    for (std::uint32_t f = scope.first_function; f < scope.first_function + scope.num_functions; ++f) {
      const DlFunction& fn = t.functions.at(f);
      string(fn.name);
      string(fn.result_type);
      if (dictloader::entryTable(d) != nullptr) {
        const DlEntry& entry = t.entries.at(f);
        string(entry.signature);
        if (dictloader::entryUsable(d, fn, entry)) {
          ASSERT_EQ(std::strlen(t.strings.data() + entry.signature), fn.num_args + 1u);
        }
      }
      ASSERT_LT(fn.result_kind, static_cast<std::uint32_t>(DL_RESULT_KIND_COUNT));
      for (std::uint32_t a = fn.first_arg; a < fn.first_arg + fn.num_args; ++a) {
        string(t.arguments.at(a).name);
        string(t.arguments.at(a).type);
        string(t.arguments.at(a).default_value);
      }
    }
    for (std::uint32_t i = scope.first_data; i < scope.first_data + scope.num_data; ++i) {
      string(t.data.at(i).name);
      string(t.data.at(i).type);
      ASSERT_LE(t.data.at(i).num_dims, 4u);
    }
    for (std::uint32_t b = scope.first_base; b < scope.first_base + scope.num_bases; ++b)
      string(t.bases.at(b).base_name);
  }
  for (const DlEnum& en : t.enums) {
    string(en.qualified_name);
    ASSERT_LT(en.parent, d.num_scopes);
    for (std::uint32_t v = en.first_enumerator; v < en.first_enumerator + en.num_enumerators; ++v)
      string(t.enumerators.at(v).name);
  }
  for (const DlTypedef& td : t.typedefs) {
    string(td.qualified_name);
    string(td.target);
    ASSERT_LT(td.parent, d.num_scopes);
  }
}

bool validates(const Tables& t) {
  std::string error;
  if (!dictloader::validateHeader(&t.header, error)) return false;
  for (std::uint32_t s = 0; s < t.header.num_scopes; ++s)
    if (!dictloader::validateScopeRecords(&t.header, s, error)) return false;
  return true;
}

const DlDictionary& testDictionary() {
  void* handle = dlopen(DICTLOADER_TEST_API_DICT, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) throw std::runtime_error(dlerror());
  return *static_cast<const DlDictionary*>(dlsym(handle, DLDICT_ENTRY_SYMBOL));
}

TEST(ValidateFuzz, TheIntactDictionaryValidatesAndReads) {
  Tables tables(testDictionary());
  ASSERT_TRUE(validates(tables));
  readAll(tables);
}

TEST(ValidateFuzz, AcceptedCorruptionsStayInBounds) {
  const DlDictionary& original = testDictionary();
  std::mt19937 random(20261124);
  const std::uint32_t interesting[] = {0u, 1u, 2u, 0x7fffffffu, 0x80000000u, 0xfffffffeu, 0xffffffffu};
  int refused = 0;
  constexpr int kRounds = 5000;
  for (int round = 0; round < kRounds; ++round) {
    Tables t(original);
    std::uint32_t value =
        random() % 2 ? interesting[random() % 7] : static_cast<std::uint32_t>(random() % 512);
    std::uint32_t* field = nullptr;
    switch (random() % 8) {
      case 0:
        field = fieldOf(t.scopes.at(random() % t.scopes.size()), random(), offsetof(DlScope, size));
        break;
      case 1:
        field = fieldOf(t.functions.at(random() % t.functions.size()), random(), offsetof(DlFunction, stub));
        break;
      case 2:
        field = fieldOf(t.arguments.at(random() % t.arguments.size()), random(), sizeof(DlArgument));
        break;
      case 3:
        field = fieldOf(t.data.at(random() % t.data.size()), random(), offsetof(DlDataMember, offset));
        break;
      case 4:
        field = fieldOf(t.bases.at(random() % t.bases.size()), random(), offsetof(DlBase, offset));
        break;
      case 5:
        field = fieldOf(t.enums.at(random() % t.enums.size()), random(), sizeof(DlEnum));
        break;
      case 6:
        field = fieldOf(t.typedefs.at(random() % t.typedefs.size()), random(), sizeof(DlTypedef));
        break;
      default: {  // kind, missing, signature (after the address)
        DlEntry& entry = t.entries.at(random() % t.entries.size());
        field = reinterpret_cast<std::uint32_t*>(&entry.kind) + random() % 3;
        break;
      }
    }
    *field = value;
    if (!validates(t)) {
      ++refused;
      continue;
    }
    readAll(t);
    if (::testing::Test::HasFatalFailure()) {
      ADD_FAILURE() << "round " << round << ": accepted tables that lead out of bounds";
      return;
    }
  }
  // The fuzzer must have hit the checks, not only harmless fields.
  EXPECT_GT(refused, kRounds / 10);
}

// --- entries (ABI 1.4) ---------------------------------------------------------

TEST(ValidateEntries, TheNewFieldsAreReadOnlyWhereTheHeaderHasThem) {
  Tables t(testDictionary());
  std::string error;
  ASSERT_EQ(t.header.abi_minor, DLDICT_ABI_MINOR);
  EXPECT_NE(dictloader::entryTable(t.header), nullptr);
  EXPECT_NE(dictloader::objectOpsTable(t.header), nullptr);
  // The header of ABI 1.0 to 1.3: valid, and nothing after pad7 is read.
  t.header.header_size = offsetof(DlDictionary, entries);
  EXPECT_TRUE(dictloader::validateHeader(&t.header, error)) << error;
  EXPECT_EQ(dictloader::entryTable(t.header), nullptr);
  EXPECT_EQ(dictloader::objectOpsTable(t.header), nullptr);
  t.header.header_size = sizeof(DlDictionary);
  t.header.abi_minor = 3;
  EXPECT_TRUE(dictloader::validateHeader(&t.header, error)) << error;
  EXPECT_EQ(dictloader::entryTable(t.header), nullptr);
  EXPECT_EQ(dictloader::objectOpsTable(t.header), nullptr);
  // Shorter than any header there ever was.
  t.header.header_size = offsetof(DlDictionary, entries) - 8;
  EXPECT_FALSE(dictloader::validateHeader(&t.header, error));
  EXPECT_EQ(error, "damaged dictionary: header is truncated");
}

// The index of the scope called name (loader_api.h).
std::uint32_t scopeIndex(const Tables& t, const char* name) {
  for (std::uint32_t s = 0; s < t.scopes.size(); ++s)
    if (std::strcmp(t.strings.data() + t.scopes[s].qualified_name, name) == 0) return s;
  ADD_FAILURE() << "no scope " << name;
  return 0;
}

TEST(ValidateEntries, ASignatureOutsideTheStringPoolIsDamage) {
  Tables t(testDictionary());
  std::uint32_t index = scopeIndex(t, "api::Widget");
  const DlScope& widget = t.scopes.at(index);
  ASSERT_GT(widget.num_functions, 0u);
  t.entries.at(widget.first_function).signature = t.header.strings_size;
  std::string error;
  EXPECT_FALSE(dictloader::validateScopeRecords(&t.header, index, error));
  EXPECT_EQ(error, "damaged dictionary: entry signature name is outside the string pool");
}

TEST(ValidateEntries, OnlyAKnownKindWithAnAddressAndAFittingSignatureIsUsable) {
  Tables t(testDictionary());
  // A string of the pool: "ii" holds the result and one argument.
  auto offsetOf = [&](const char* text) {
    for (std::uint32_t at = 0; at < t.strings.size(); at += std::strlen(t.strings.data() + at) + 1)
      if (std::strcmp(t.strings.data() + at, text) == 0) return at;
    throw std::runtime_error(std::string("no string ") + text);
  };
  std::uint32_t withOneArgument = 0;
  for (std::uint32_t f = 0; f < t.functions.size(); ++f)
    if (t.functions[f].num_args == 1 && t.entries[f].kind != DL_ENTRY_NONE) withOneArgument = f;
  const DlFunction& fn = t.functions.at(withOneArgument);
  DlEntry entry = t.entries.at(withOneArgument);
  ASSERT_TRUE(dictloader::entryUsable(t.header, fn, entry));
  DlEntry changed = entry;
  changed.signature = offsetOf("iii");  // one argument too many
  EXPECT_FALSE(dictloader::entryUsable(t.header, fn, changed));
  changed.signature = offsetOf("");
  EXPECT_FALSE(dictloader::entryUsable(t.header, fn, changed));
  t.strings.insert(t.strings.end(), {'i', 'v', '\0', 'i', 'X', '\0'});  // 'v' is a result only; 'X' no letter
  t.header.strings = t.strings.data();
  t.header.strings_size = static_cast<std::uint32_t>(t.strings.size());
  changed.signature = t.header.strings_size - 6;
  EXPECT_FALSE(dictloader::entryUsable(t.header, fn, changed));
  changed.signature = t.header.strings_size - 3;
  EXPECT_FALSE(dictloader::entryUsable(t.header, fn, changed));
  changed = entry;
  changed.kind = 3;  // a kind of a newer ABI
  EXPECT_FALSE(dictloader::entryUsable(t.header, fn, changed));
  changed = entry;
  changed.address = nullptr;
  EXPECT_FALSE(dictloader::entryUsable(t.header, fn, changed));
}

// --- enum types (ABI 1.5) -------------------------------------------------------

TEST(ValidateEnumTypes, ANameOutsideTheStringPoolIsDamageAndNoneIsNone) {
  Tables t(testDictionary());
  ASSERT_GE(t.header.abi_minor, 5u);
  std::uint32_t index = scopeIndex(t, "api::Palette");
  const DlScope& palette = t.scopes.at(index);
  ASSERT_GT(palette.num_functions, 0u);
  const DlFunction& code = t.functions.at(palette.first_function);
  ASSERT_GT(code.num_args, 0u);
  ASSERT_NE(t.argumentEnums.at(code.first_arg), DLDICT_NONE);  // Code(Color)
  std::string error;
  EXPECT_TRUE(dictloader::validateScopeRecords(&t.header, index, error)) << error;
  t.argumentEnums.at(code.first_arg) = t.header.strings_size;
  EXPECT_FALSE(dictloader::validateScopeRecords(&t.header, index, error));
  EXPECT_EQ(error, "damaged dictionary: enum type name is outside the string pool");
  t.argumentEnums.at(code.first_arg) = DLDICT_NONE;
  t.resultEnums.at(palette.first_function) = t.header.strings_size + 7;
  EXPECT_FALSE(dictloader::validateScopeRecords(&t.header, index, error));
  t.resultEnums.at(palette.first_function) = DLDICT_NONE;
  ASSERT_GT(palette.num_data, 0u);
  t.dataEnums.at(palette.first_data) = t.header.strings_size;
  EXPECT_FALSE(dictloader::validateScopeRecords(&t.header, index, error));
  t.dataEnums.at(palette.first_data) = DLDICT_NONE;
  EXPECT_TRUE(dictloader::validateScopeRecords(&t.header, index, error)) << error;
  // A header of ABI 1.4 has no such tables: they are not read.
  t.dataEnums.at(palette.first_data) = t.header.strings_size;
  t.header.abi_minor = 4;
  EXPECT_EQ(dictloader::enumTables(t.header).data, nullptr);
  EXPECT_TRUE(dictloader::validateScopeRecords(&t.header, index, error)) << error;
}

// --- smart pointers (ABI 1.6) ----------------------------------------------------

void* fakeGet(const void*) { return nullptr; }
void fakeCopy(const void*, void*) {}
void fakeToVoid(const void*, void*) {}
void fakeFromVoid(const void*, void*, void*) {}

TEST(ValidateSmartPointers, TheTableIsReadOnlyWhereTheHeaderHasIt) {
  Tables t(testDictionary());
  DlSmartPointer record{2, DL_SMART_SHARED, 0, 0, fakeGet, fakeCopy, fakeToVoid, fakeFromVoid, nullptr};
  t.header.smart_pointers = &record;
  t.header.num_smart_pointers = 1;
  EXPECT_EQ(dictloader::smartPointerCount(t.header), 1u);
  t.header.abi_minor = 4;  // a dictionary of ABI 1.4 has no such table, whatever follows its header
  EXPECT_EQ(dictloader::smartPointerCount(t.header), 0u);
  t.header.abi_minor = DLDICT_ABI_MINOR;
  t.header.header_size = offsetof(DlDictionary, smart_pointers);
  EXPECT_EQ(dictloader::smartPointerCount(t.header), 0u);
}

TEST(ValidateSmartPointers, OnlyAKnownKindOfAClassWithItsFunctionsIsUsable) {
  Tables t(testDictionary());
  const DlSmartPointer good{2, DL_SMART_SHARED, 0, 0, fakeGet, fakeCopy, fakeToVoid, fakeFromVoid, nullptr};
  EXPECT_TRUE(dictloader::smartPointerUsable(t.header, good));
  DlSmartPointer r = good;
  r.scope = 1;  // loader_api.h: "", api, api::Widget: a namespace
  EXPECT_FALSE(dictloader::smartPointerUsable(t.header, r));
  r = good;
  r.scope = t.header.num_scopes;
  EXPECT_FALSE(dictloader::smartPointerUsable(t.header, r));
  r = good;
  r.kind = 3;
  EXPECT_FALSE(dictloader::smartPointerUsable(t.header, r));
  r = good;
  r.pointee = t.header.strings_size;
  EXPECT_FALSE(dictloader::smartPointerUsable(t.header, r));
  r = good;
  r.get = nullptr;
  EXPECT_FALSE(dictloader::smartPointerUsable(t.header, r));
  r = good;
  r.from_void = nullptr;  // a shared_ptr needs all of them; a unique_ptr only get
  EXPECT_FALSE(dictloader::smartPointerUsable(t.header, r));
  r.kind = DL_SMART_UNIQUE;
  r.copy = nullptr;
  r.to_void = nullptr;
  EXPECT_TRUE(dictloader::smartPointerUsable(t.header, r));
}

// --- exception classes (ABI 1.7) -------------------------------------------------

void* fakeCopyCaught(const void*) { return nullptr; }

TEST(ValidateExceptionClasses, TheTableIsReadOnlyWhereTheHeaderHasIt) {
  Tables t(testDictionary());
  DlExceptionClass record{scopeIndex(t, "api::Widget"), 0, fakeCopyCaught};
  t.header.exception_classes = &record;
  t.header.num_exception_classes = 1;
  std::string error;
  EXPECT_TRUE(dictloader::validateHeader(&t.header, error)) << error;
  EXPECT_EQ(dictloader::exceptionClassCount(t.header), 1u);
  t.header.abi_minor = 6;  // a dictionary of ABI 1.6 has no such table, whatever follows its header
  EXPECT_EQ(dictloader::exceptionClassCount(t.header), 0u);
  EXPECT_EQ(dictloader::takeStubException(t.header), nullptr);
  t.header.abi_minor = DLDICT_ABI_MINOR;
  t.header.header_size = offsetof(DlDictionary, exception_classes);  // the header of ABI 1.6
  EXPECT_EQ(dictloader::exceptionClassCount(t.header), 0u);
  EXPECT_EQ(dictloader::takeStubException(t.header), nullptr);
  EXPECT_TRUE(dictloader::validateHeader(&t.header, error)) << error;
}

TEST(ValidateExceptionClasses, ARecordOfNoClassIsRefusedSayingWhich) {
  Tables t(testDictionary());
  DlExceptionClass records[2] = {{scopeIndex(t, "api::Widget"), 0, fakeCopyCaught}, {0, 0, nullptr}};
  t.header.exception_classes = records;
  t.header.num_exception_classes = 2;
  std::string error;
  for (std::uint32_t bad : {0u, scopeIndex(t, "api"), t.header.num_scopes, 0xffffffffu}) {
    records[1].scope = bad;
    EXPECT_FALSE(dictloader::validateHeader(&t.header, error)) << bad;
    EXPECT_EQ(error, "damaged dictionary: exception class record 1 names no class (scope " +
                         std::to_string(bad) + ")");
  }
  records[1].scope =
      scopeIndex(t, "api::Widget");  // a record without a copy is a class that cannot be copied
  EXPECT_TRUE(dictloader::validateHeader(&t.header, error)) << error;
  t.header.exception_classes = nullptr;  // counted, but missing
  EXPECT_FALSE(dictloader::validateHeader(&t.header, error));
  EXPECT_EQ(error, "damaged dictionary: exception class table is missing");
}

}  // namespace
