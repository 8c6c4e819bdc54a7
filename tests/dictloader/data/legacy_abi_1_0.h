// legacy_abi_1_0.h - makes a dictionary source of today's genreflex build what
// genreflex wrote for dictionary ABI 1.0: the header of ABI 1.3
// (legacy_abi_1_3.h: no entries or object operations), minor 0, no fast-path
// record (the word was reserved, 0) and no direct-address flag. It replaces
// the source's include of dictionary_abi.h (tests/dictloader/CMakeLists.txt),
// so a newer loader is tested on an older dictionary's tables.
#pragma once

#include "legacy_abi_1_3.h"

#undef DLDICT_ABI_MINOR
#define DLDICT_ABI_MINOR 0u
#define DL_FAST_GIVEN 0
#define DL_FAST_MAY_THROW 0
#define DL_FAST_NOT_TAKEN 0
#define DL_FAST_NOT_GENERATED 0
#define DL_FUNC_DIRECT_ADDRESS 0
