// legacy_abi_1_4.h - makes a dictionary source of today's genreflex what
// genreflex wrote for dictionary ABI 1.4: minor 4, and a DlDictionary that
// ends after the object operations (header_size 184), without the enum types
// of ABI 1.5 and the smart pointers of ABI 1.6. It replaces the source's
// include of dictionary_abi.h, and the initializer's fields from
// `dl_argument_enums` on are cut out beside it (tests/dictloader/CMakeLists.txt);
// the tables they point to stay behind, unused. A newer loader is tested on an
// older dictionary's header: enum-typed values are the builtins the records
// spell, and smart pointers are plain classes.
#pragma once

#include <dictloader/dictionary_abi.h>
#include <stddef.h>

#undef DLDICT_ABI_MINOR
#define DLDICT_ABI_MINOR 4u

// DlDictionary as ABI 1.4 declared it.
struct DlDictionaryAbi14 {
  uint32_t magic;
  uint16_t abi_major;
  uint16_t abi_minor;
  uint32_t header_size;
  uint32_t flags;
  const char* strings;
  uint32_t strings_size;
  uint32_t name;
  uint32_t generator;
  uint32_t reserved;
  const DlScope* scopes;
  uint32_t num_scopes, pad0;
  const DlFunction* functions;
  uint32_t num_functions, pad1;
  const DlArgument* arguments;
  uint32_t num_arguments, pad2;
  const DlDataMember* data;
  uint32_t num_data, pad3;
  const DlBase* bases;
  uint32_t num_bases, pad4;
  const DlEnum* enums;
  uint32_t num_enums, pad5;
  const DlEnumerator* enumerators;
  uint32_t num_enumerators, pad6;
  const DlTypedef* typedefs;
  uint32_t num_typedefs, pad7;
  const DlEntry* entries;
  const DlObjectOps* objects;
};
static_assert(sizeof(DlDictionaryAbi14) == offsetof(DlDictionary, argument_enums),
              "the header of ABI 1.4 ends at argument_enums");

#define DlDictionary DlDictionaryAbi14
