// legacy_abi_1_6.h - makes a dictionary source of today's genreflex what
// genreflex wrote for dictionary ABI 1.6: minor 6, and a DlDictionary that
// ends after the smart pointers (header_size 224), without the exception
// classes and the stubs' caught exception of ABI 1.7 and the dispatchers of
// ABI 1.8. It replaces the source's include of dictionary_abi.h, and the
// initializer's fields from `dl_exception_classes` on are cut out beside it
// (tests/dictloader/CMakeLists.txt, tests/python/CMakeLists.txt); the tables,
// classes and function they name stay behind, unused. A newer loader is tested
// on an older dictionary's header: its C++ exceptions reach clients as the
// generic exception, from the stubs and from the checked entries alike, and
// its classes have no dispatcher.
#pragma once

#include <dictloader/dictionary_abi.h>
#include <stddef.h>

#undef DLDICT_ABI_MINOR
#define DLDICT_ABI_MINOR 6u

// DlDictionary as ABI 1.6 declared it.
struct DlDictionaryAbi16 {
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
  const uint32_t* argument_enums;
  const uint32_t* result_enums;
  const uint32_t* data_enums;
  const DlSmartPointer* smart_pointers;
  uint32_t num_smart_pointers, pad8;
};
static_assert(sizeof(DlDictionaryAbi16) == offsetof(DlDictionary, exception_classes),
              "the header of ABI 1.6 ends at exception_classes");

#define DlDictionary DlDictionaryAbi16
