// legacy_abi_1_3.h - makes a dictionary source of today's genreflex what
// genreflex wrote for dictionary ABI 1.3: minor 3, and a DlDictionary that
// ends after pad7 (header_size 168) without the entries and object operations
// of ABI 1.4. It replaces the source's include of dictionary_abi.h, and the
// initializer's `dl_entries, dl_objects,` (and the smart pointers after them) is cut out beside it
// (tests/dictloader/CMakeLists.txt); the tables they point to stay behind,
// unused. A newer loader is tested on an older dictionary's header.
#pragma once

#include <dictloader/dictionary_abi.h>
#include <stddef.h>

#undef DLDICT_ABI_MINOR
#define DLDICT_ABI_MINOR 3u

// DlDictionary as ABI 1.0 to 1.3 declared it.
struct DlDictionaryAbi13 {
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
};
static_assert(sizeof(DlDictionaryAbi13) == offsetof(DlDictionary, entries),
              "the header of ABI 1.3 ends at entries");

#define DlDictionary DlDictionaryAbi13
