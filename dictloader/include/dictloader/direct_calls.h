/* direct_calls.h - for clients that call C++ through C function pointers of
 * their own (the CPython module), next to the cppyy C API's generic calls.
 * Native API version 2. Nothing here throws; the pointers stay valid while
 * the dictionary is loaded (for ever: dictionaries are never unloaded).
 */
#ifndef DICTLOADER_DIRECT_CALLS_H
#define DICTLOADER_DIRECT_CALLS_H

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictionary_abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A constructor's `void* f(args...)`: returns a new object, as `new T(args...)`
 * does, or NULL if allocation failed. Arguments pass as to the fast path
 * (cppyy_function_address). Only constructors that cannot throw have one, in
 * dictionaries made with --methptrgetter by a genreflex of ABI 1.3 or later,
 * and not under DICTLOADER_FASTPATH=none; NULL otherwise (then construct with
 * cppyy_constructor). */
void* dictloader_constructor_address(cppyy_method_t constructor);

/* The stub that deletes an object of the class (`delete (T*)self`, what
 * cppyy_destruct calls): stub(object, 0, NULL, NULL, error, error_size) returns
 * 0, or non-zero with the destructor's exception text in error. NULL if the
 * class is unknown or its destructor is not public. */
DlStubFn dictloader_delete_function(cppyy_scope_t type);

#ifdef __cplusplus
}
#endif

#endif /* DICTLOADER_DIRECT_CALLS_H */
