/* native_api_layout_test.c - pins the layout of the structs the native API
 * (dictloader.h, direct_calls.h) hands to visitors and fills in for its
 * callers (x86-64 / LP64).
 *
 * Compiling this file is the test: clients built against an earlier
 * dictloader.h read these members at these offsets. Later API versions may
 * only append members (and pins). Built as C, which the header promises.
 */
#include <stddef.h>

#include "dictloader/dictloader.h"
#include "dictloader/direct_calls.h"

#define DL_PIN(type, field, offset) _Static_assert(offsetof(type, field) == offset, #type "." #field " moved")

/* 4 added a function (dictloader_heap_growth), no struct; 5 functions and
 * converter values (enum types); 6 the smart pointers; pinned at the end; 7
 * functions only (exception classes: dictloader_is_exception_class,
 * dictloader_error_object, dictloader_call_exception_object); 8 functions only
 * (dispatchers: dictloader_dispatcher, dictloader_set_override_handler,
 * dictloader_override_exception, dictloader_method_flags); 9 a function only
 * (dictloader_set_retry_guard); 10 functions only (dictloader_add_rootmaps,
 * dictloader_set_debug); 11 a flag of dictloader_object_ops (pinned at the end) */
_Static_assert(DICTLOADER_API_VERSION == 11, "a new native API version: pin what it adds");

_Static_assert(sizeof(dictloader_provider) == 32, "sizeof(dictloader_provider) changed");
DL_PIN(dictloader_provider, name, 0);
DL_PIN(dictloader_provider, kind, 8);
DL_PIN(dictloader_provider, library, 16);
DL_PIN(dictloader_provider, catalog, 24);

_Static_assert(sizeof(dictloader_catalog_library) == 88, "sizeof(dictloader_catalog_library) changed");
DL_PIN(dictloader_catalog_library, path, 0);
DL_PIN(dictloader_catalog_library, name, 8);
DL_PIN(dictloader_catalog_library, generator, 16);
DL_PIN(dictloader_catalog_library, abi_major, 24);
DL_PIN(dictloader_catalog_library, abi_minor, 28);
DL_PIN(dictloader_catalog_library, content_hash, 32);
DL_PIN(dictloader_catalog_library, generated, 40);
DL_PIN(dictloader_catalog_library, origin, 48);
DL_PIN(dictloader_catalog_library, state, 56);
DL_PIN(dictloader_catalog_library, num_names, 64);
DL_PIN(dictloader_catalog_library, names, 72);
DL_PIN(dictloader_catalog_library, kinds, 80);

/* API version 3: direct_calls.h */
_Static_assert(sizeof(dictloader_entry) == 24, "sizeof(dictloader_entry) changed");
DL_PIN(dictloader_entry, address, 0);
DL_PIN(dictloader_entry, kind, 8);
DL_PIN(dictloader_entry, missing, 12);
DL_PIN(dictloader_entry, signature, 16);

_Static_assert(sizeof(struct dictloader_object_ops) == 48, "sizeof(struct dictloader_object_ops) changed");
DL_PIN(struct dictloader_object_ops, size, 0);
DL_PIN(struct dictloader_object_ops, align, 8);
DL_PIN(struct dictloader_object_ops, flags, 16);
DL_PIN(struct dictloader_object_ops, allocate, 24);
DL_PIN(struct dictloader_object_ops, destroy, 32);
DL_PIN(struct dictloader_object_ops, move_to_heap, 40);

_Static_assert(sizeof(dictloader_converter) == 16, "sizeof(dictloader_converter) changed");
DL_PIN(dictloader_converter, kind, 0);
DL_PIN(dictloader_converter, flags, 4);
DL_PIN(dictloader_converter, klass, 8);
_Static_assert(DICTLOADER_CONVERT_VOIDP == 22 && DICTLOADER_CONVERT_BUILTIN_PTR == 23,
               "dictloader_converter_kind values are an ABI: append only");
/* API version 5 */
_Static_assert(DICTLOADER_CONVERT_ENUM == 24 && DICTLOADER_CONVERT_CONST_OBJECT == 8 && DICTLOADER_CONVERT_SCOPED_ENUM == 16,
               "dictloader_converter values are an ABI: append only");

/* API version 6: smart pointers */
_Static_assert(DICTLOADER_CONVERT_SMART_VALUE == 25 && DICTLOADER_CONVERT_SMART_REF == 26,
               "dictloader_converter_kind values are an ABI: append only");
_Static_assert(sizeof(struct dictloader_smart_pointer) == 40, "sizeof(struct dictloader_smart_pointer) changed");
DL_PIN(struct dictloader_smart_pointer, kind, 0);
DL_PIN(struct dictloader_smart_pointer, pointee_const, 4);
DL_PIN(struct dictloader_smart_pointer, pointee, 8);
DL_PIN(struct dictloader_smart_pointer, get, 16);
DL_PIN(struct dictloader_smart_pointer, copy, 24);
DL_PIN(struct dictloader_smart_pointer, adopt, 32);

/* API version 8: dispatchers */
_Static_assert(sizeof(struct dictloader_dispatcher) == 64, "sizeof(struct dictloader_dispatcher) changed");
DL_PIN(struct dictloader_dispatcher, klass, 0);
DL_PIN(struct dictloader_dispatcher, size, 8);
DL_PIN(struct dictloader_dispatcher, num_constructors, 16);
DL_PIN(struct dictloader_dispatcher, constructors, 24);
DL_PIN(struct dictloader_dispatcher, num_slots, 32);
DL_PIN(struct dictloader_dispatcher, slots, 40);
DL_PIN(struct dictloader_dispatcher, delete_object, 48);
DL_PIN(struct dictloader_dispatcher, set_self, 56);

/* API version 11: a flag the loader sets, above the dictionary's DlObjectFlags */
_Static_assert(DICTLOADER_OBJECT_POLYMORPHIC == 1u << 16, "DICTLOADER_OBJECT_POLYMORPHIC changed");
