/* abi_layout_test.c - pins the dictionary ABI's layout (x86-64 / LP64).
 *
 * Compiling this file is the test: dictionaries already built rely on every
 * offset below, so a change to dictionary_abi.h that moves a field fails the
 * build here instead of misreading old dictionaries at run time. Extending
 * the ABI means appending fields (and pins) and raising DLDICT_ABI_MINOR;
 * anything else needs a new DLDICT_ABI_MAJOR. Built as C and as C++, since
 * the header promises both.
 */
#include <stddef.h>

#include "dictloader/dictionary_abi.h"

#ifdef __cplusplus
#define DL_STATIC_ASSERT(condition, message) static_assert(condition, message)
#else
#define DL_STATIC_ASSERT(condition, message) _Static_assert(condition, message)
#endif
#define DL_PIN(type, field, offset) \
  DL_STATIC_ASSERT(offsetof(type, field) == offset, #type "." #field " moved")
#define DL_PIN_SIZE(type, size) DL_STATIC_ASSERT(sizeof(type) == size, "sizeof(" #type ") changed")

DL_STATIC_ASSERT(DLDICT_ABI_MAJOR == 1, "a new ABI major needs new pins");
DL_STATIC_ASSERT(DLDICT_MAGIC == 0x54434944u, "the magic number identifies every dictionary");

/* DlScope */
DL_PIN_SIZE(DlScope, 64);
DL_PIN(DlScope, name, 0);
DL_PIN(DlScope, qualified_name, 4);
DL_PIN(DlScope, parent, 8);
DL_PIN(DlScope, kind, 12);
DL_PIN(DlScope, flags, 16);
DL_PIN(DlScope, first_function, 20);
DL_PIN(DlScope, num_functions, 24);
DL_PIN(DlScope, first_data, 28);
DL_PIN(DlScope, num_data, 32);
DL_PIN(DlScope, first_base, 36);
DL_PIN(DlScope, num_bases, 40);
DL_PIN(DlScope, size, 48);
DL_PIN(DlScope, delete_object, 56);

/* DlFunction */
DL_PIN_SIZE(DlFunction, 56);
DL_PIN(DlFunction, name, 0);
DL_PIN(DlFunction, scope, 4);
DL_PIN(DlFunction, kind, 8);
DL_PIN(DlFunction, flags, 12);
DL_PIN(DlFunction, result_type, 16);
DL_PIN(DlFunction, result_kind, 20);
DL_PIN(DlFunction, first_arg, 24);
DL_PIN(DlFunction, num_args, 28);
DL_PIN(DlFunction, required_args, 32);
DL_PIN(DlFunction, fast_path, 36);
DL_PIN(DlFunction, stub, 40);
DL_PIN(DlFunction, address, 48);
/* ABI 1.1: the fast-path decision in the former reserved word; its values
 * and the flags beside it are read from dictionaries already built. */
DL_STATIC_ASSERT(DLDICT_ABI_MINOR >= 1, "DlFunction.fast_path needs ABI 1.1");
DL_STATIC_ASSERT(DL_FAST_UNRECORDED == 0 && DL_FAST_GIVEN == 1 && DL_FAST_MAY_THROW == 2 &&
                     DL_FAST_NOT_TAKEN == 3 && DL_FAST_NOT_GENERATED == 4,
                 "DlFastPath values are part of the ABI");
DL_STATIC_ASSERT(DL_FUNC_NOTHROW == 32 && DL_FUNC_DIRECT_ADDRESS == 64, "DlFunctionFlags moved");
DL_STATIC_ASSERT(DL_DICT_HAS_FUNCTION_ADDRESSES == 1 && DL_DICT_FAST_PATH_ALL == 2,
                 "DlDictionaryFlags moved");

/* DlArgument */
DL_PIN_SIZE(DlArgument, 16);
DL_PIN(DlArgument, name, 0);
DL_PIN(DlArgument, type, 4);
DL_PIN(DlArgument, default_value, 8);
DL_PIN(DlArgument, passing, 12);

/* DlDataMember */
DL_PIN_SIZE(DlDataMember, 48);
DL_PIN(DlDataMember, name, 0);
DL_PIN(DlDataMember, type, 4);
DL_PIN(DlDataMember, flags, 8);
DL_PIN(DlDataMember, num_dims, 12);
DL_PIN(DlDataMember, dims, 16);
DL_PIN(DlDataMember, offset, 32);
DL_PIN(DlDataMember, address, 40);

/* DlBase */
DL_PIN_SIZE(DlBase, 32);
DL_PIN(DlBase, scope, 0);
DL_PIN(DlBase, base_name, 4);
DL_PIN(DlBase, is_virtual, 8);
DL_PIN(DlBase, reserved, 12);
DL_PIN(DlBase, offset, 16);
DL_PIN(DlBase, offset_fn, 24);

/* DlEnum */
DL_PIN_SIZE(DlEnum, 32);
DL_PIN(DlEnum, name, 0);
DL_PIN(DlEnum, qualified_name, 4);
DL_PIN(DlEnum, parent, 8);
DL_PIN(DlEnum, flags, 12);
DL_PIN(DlEnum, underlying_type, 16);
DL_PIN(DlEnum, first_enumerator, 20);
DL_PIN(DlEnum, num_enumerators, 24);
DL_PIN(DlEnum, reserved, 28);

/* DlEnumerator */
DL_PIN_SIZE(DlEnumerator, 16);
DL_PIN(DlEnumerator, name, 0);
DL_PIN(DlEnumerator, reserved, 4);
DL_PIN(DlEnumerator, value, 8);

/* DlTypedef */
DL_PIN_SIZE(DlTypedef, 16);
DL_PIN(DlTypedef, name, 0);
DL_PIN(DlTypedef, qualified_name, 4);
DL_PIN(DlTypedef, parent, 8);
DL_PIN(DlTypedef, target, 12);

/* DlEntry (ABI 1.4) */
DL_STATIC_ASSERT(DLDICT_ABI_MINOR >= 4, "entries need ABI 1.4");
DL_PIN_SIZE(DlEntry, 24);
DL_PIN(DlEntry, address, 0);
DL_PIN(DlEntry, kind, 8);
DL_PIN(DlEntry, missing, 12);
DL_PIN(DlEntry, signature, 16);
DL_PIN(DlEntry, reserved, 20);
DL_STATIC_ASSERT(DL_ENTRY_NONE == 0 && DL_ENTRY_PLAIN == 1 && DL_ENTRY_CHECKED == 2,
                 "DlEntryKind values are part of the ABI");
DL_STATIC_ASSERT(DL_ENTRY_MISSING_NONE == 0 && DL_ENTRY_MISSING_UNRECORDED == 1 &&
                     DL_ENTRY_MISSING_NOT_GENERATED == 2 && DL_ENTRY_MISSING_SIGNATURE == 3 &&
                     DL_ENTRY_MISSING_NOT_CALLABLE == 4,
                 "DlEntryMissing values are part of the ABI");

/* DlError (ABI 1.4): filled in by a dictionary's code, read by the client */
DL_PIN_SIZE(DlError, 1296);
DL_PIN(DlError, kind, 0);
DL_PIN(DlError, reserved, 4);
DL_PIN(DlError, exception, 8);
DL_PIN(DlError, type_name, 16);
DL_PIN(DlError, what, 272);
DL_STATIC_ASSERT(DL_ERROR_TYPE_SIZE == 256 && DL_ERROR_WHAT_SIZE == 1024, "DlError's texts changed size");
DL_STATIC_ASSERT(DL_ERROR_NONE == 0 && DL_ERROR_EXCEPTION == 1 && DL_ERROR_OTHER == 2,
                 "DlErrorKind values are part of the ABI");

/* DlObjectOps (ABI 1.4) */
DL_PIN_SIZE(DlObjectOps, 40);
DL_PIN(DlObjectOps, align, 0);
DL_PIN(DlObjectOps, flags, 8);
DL_PIN(DlObjectOps, reserved, 12);
DL_PIN(DlObjectOps, allocate, 16);
DL_PIN(DlObjectOps, destroy, 24);
DL_PIN(DlObjectOps, move_to_heap, 32);
DL_STATIC_ASSERT(DL_OBJECT_TRIVIAL_DESTRUCTOR == 1 && DL_OBJECT_NO_DESTRUCTOR_EFFECT == 2,
                 "DlObjectFlags moved");

/* DlSmartPointer (ABI 1.6) */
DL_PIN_SIZE(DlSmartPointer, 56);
DL_PIN(DlSmartPointer, scope, 0);
DL_PIN(DlSmartPointer, kind, 4);
DL_PIN(DlSmartPointer, pointee, 8);
DL_PIN(DlSmartPointer, reserved, 12);
DL_PIN(DlSmartPointer, get, 16);
DL_PIN(DlSmartPointer, copy, 24);
DL_PIN(DlSmartPointer, to_void, 32);
DL_PIN(DlSmartPointer, from_void, 40);
DL_PIN(DlSmartPointer, adopt, 48);
DL_STATIC_ASSERT(DL_SMART_SHARED == 1 && DL_SMART_UNIQUE == 2, "DlSmartPointerKind values are part of the ABI");

/* DlExceptionClass (ABI 1.7) */
DL_PIN_SIZE(DlExceptionClass, 16);
DL_PIN(DlExceptionClass, scope, 0);
DL_PIN(DlExceptionClass, reserved, 4);
DL_PIN(DlExceptionClass, copy_caught, 8);

/* DlDispatcher (ABI 1.8) */
DL_PIN_SIZE(DlDispatcher, 48);
DL_PIN(DlDispatcher, scope, 0);
DL_PIN(DlDispatcher, flags, 4);
DL_PIN(DlDispatcher, first_constructor, 8);
DL_PIN(DlDispatcher, num_constructors, 12);
DL_PIN(DlDispatcher, first_slot, 16);
DL_PIN(DlDispatcher, num_slots, 20);
DL_PIN(DlDispatcher, size, 24);
DL_PIN(DlDispatcher, delete_object, 32);
DL_PIN(DlDispatcher, set_self, 40);

/* DlDictionary: the header of ABI 1.0 to 1.3 ends after pad7 (168 bytes,
 * their header_size); ABI 1.4 appends entries and objects (184 bytes), ABI
 * 1.5 the enum types (208), ABI 1.6 the smart pointers (224), ABI 1.7 the
 * exception classes and the stubs' caught exception (248), ABI 1.8 the
 * dispatchers and the callback slot (272). */
DL_PIN(DlDictionary, magic, 0);
DL_PIN(DlDictionary, abi_major, 4);
DL_PIN(DlDictionary, abi_minor, 6);
DL_PIN(DlDictionary, header_size, 8);
DL_PIN(DlDictionary, flags, 12);
DL_PIN(DlDictionary, strings, 16);
DL_PIN(DlDictionary, strings_size, 24);
DL_PIN(DlDictionary, name, 28);
DL_PIN(DlDictionary, generator, 32);
DL_PIN(DlDictionary, reserved, 36);
DL_PIN(DlDictionary, scopes, 40);
DL_PIN(DlDictionary, num_scopes, 48);
DL_PIN(DlDictionary, pad0, 52);
DL_PIN(DlDictionary, functions, 56);
DL_PIN(DlDictionary, num_functions, 64);
DL_PIN(DlDictionary, pad1, 68);
DL_PIN(DlDictionary, arguments, 72);
DL_PIN(DlDictionary, num_arguments, 80);
DL_PIN(DlDictionary, pad2, 84);
DL_PIN(DlDictionary, data, 88);
DL_PIN(DlDictionary, num_data, 96);
DL_PIN(DlDictionary, pad3, 100);
DL_PIN(DlDictionary, bases, 104);
DL_PIN(DlDictionary, num_bases, 112);
DL_PIN(DlDictionary, pad4, 116);
DL_PIN(DlDictionary, enums, 120);
DL_PIN(DlDictionary, num_enums, 128);
DL_PIN(DlDictionary, pad5, 132);
DL_PIN(DlDictionary, enumerators, 136);
DL_PIN(DlDictionary, num_enumerators, 144);
DL_PIN(DlDictionary, pad6, 148);
DL_PIN(DlDictionary, typedefs, 152);
DL_PIN(DlDictionary, num_typedefs, 160);
DL_PIN(DlDictionary, pad7, 164);
DL_PIN(DlDictionary, entries, 168);
DL_PIN(DlDictionary, objects, 176);
DL_PIN(DlDictionary, argument_enums, 184);
DL_PIN(DlDictionary, result_enums, 192);
DL_PIN(DlDictionary, data_enums, 200);
DL_PIN(DlDictionary, smart_pointers, 208);
DL_PIN(DlDictionary, num_smart_pointers, 216);
DL_PIN(DlDictionary, pad8, 220);
DL_PIN(DlDictionary, exception_classes, 224);
DL_PIN(DlDictionary, num_exception_classes, 232);
DL_PIN(DlDictionary, pad9, 236);
DL_PIN(DlDictionary, take_stub_exception, 240);
DL_PIN(DlDictionary, dispatchers, 248);
DL_PIN(DlDictionary, num_dispatchers, 256);
DL_PIN(DlDictionary, pad10, 260);
DL_PIN(DlDictionary, dispatch_callback, 264);
DL_PIN_SIZE(DlDictionary, 272);

int dl_abi_layout_test_anchor;
