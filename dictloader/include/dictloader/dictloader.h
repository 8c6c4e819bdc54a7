/* dictloader.h - the native API of libdictloader: loading dictionaries, errors
 * and versions. Next to it, cppyy_capi.h is the C API that interpreters call.
 *
 * Ownership: strings returned here belong to the library and stay valid
 * until the next call from the same thread (last_error) or for ever
 * (version strings). Nothing here throws; failures return 0/NULL and set
 * the thread's last error.
 */
#ifndef DICTLOADER_DICTLOADER_H
#define DICTLOADER_DICTLOADER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DICTLOADER_API_VERSION 2 /* 2: direct_calls.h */

/* Loads a dictionary library (dlopen with RTLD_NOW|RTLD_GLOBAL) and registers
 * it. Returns 1 on success (also if it was already registered), 0 on failure:
 * the file is missing, not a shared library, not a dictionary, made by an
 * incompatible genreflex, or damaged. dictloader_last_error() says which. */
int dictloader_load(const char* path);

/* Registers a dictionary that is already mapped (linked into the program, or
 * loaded by other means). Same result convention as dictloader_load. */
int dictloader_register(const void* dictionary, const char* origin);

/* The last error of this thread, "" if none. */
const char* dictloader_last_error(void);

/* "0.1.0" */
const char* dictloader_version(void);

/* The native API version (DICTLOADER_API_VERSION) and the dictionary ABI
 * (major * 1000 + minor) this loader reads. */
int dictloader_api_version(void);
int dictloader_dictionary_abi(void);

/* Number of registered dictionaries (the built-in one included). */
size_t dictloader_num_dictionaries(void);

/* Name and origin (path) of dictionary i, NULL if out of range. */
const char* dictloader_dictionary_name(size_t i);
const char* dictloader_dictionary_origin(size_t i);

/* The tables of dictionary i (a `const DlDictionary*`, see dictionary_abi.h),
 * NULL if out of range. Its header, scope, enum and typedef tables have been
 * validated; read functions and data through the cppyy C API, which validates
 * each scope's records before use. */
const void* dictloader_dictionary_table(size_t i);

#ifdef __cplusplus
}
#endif

#endif /* DICTLOADER_DICTLOADER_H */
