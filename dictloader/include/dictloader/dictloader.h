/* dictloader.h - the native API of libdictloader: loading dictionaries, the
 * catalogs it autoloads from, errors and versions. Next to it, cppyy_capi.h is
 * the C API that interpreters call.
 *
 * Ownership: strings returned here belong to the library and stay valid
 * until the next call of the same function from the same thread
 * (last_error, autoload_error) or for ever (version strings, the default
 * catalog's path). Structs passed to a visitor, and the strings they point
 * to, are valid during that call only. Nothing here throws; failures return
 * 0/NULL/-1 and set the thread's last error.
 *
 * Threads: every function may be called from any thread at any time, also
 * from a visitor and from a dictionary's static initializers.
 */
#ifndef DICTLOADER_DICTLOADER_H
#define DICTLOADER_DICTLOADER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 2: catalogs (dictloader_add_catalog ...), direct_calls.h;
 * 3: entries and object operations of dictionary ABI 1.4 (direct_calls.h:
 *    dictloader_function_entry, dictloader_object_ops,
 *    dictloader_error_release);
 * 4: dictloader_heap_growth (direct_calls.h);
 * 5: enum types of dictionary ABI 1.5 (direct_calls.h: dictloader_method_arg_type,
 *    dictloader_method_result_type, dictloader_datamember_type,
 *    DICTLOADER_CONVERT_ENUM, DICTLOADER_CONVERT_SCOPED_ENUM); the flag
 *    DICTLOADER_CONVERT_CONST_OBJECT of const T& and const T* results;
 * 6: smart pointers of dictionary ABI 1.6 (direct_calls.h:
 *    dictloader_smart_pointer, dictloader_smart_pointer_of,
 *    dictloader_smart_convert; DICTLOADER_CONVERT_SMART_VALUE/REF);
 * 7: exception classes of dictionary ABI 1.7 (direct_calls.h:
 *    dictloader_is_exception_class, dictloader_error_object,
 *    dictloader_call_exception_object);
 * 8: dispatchers of dictionary ABI 1.8, Python subclasses (direct_calls.h:
 *    dictloader_dispatcher, dictloader_set_override_handler,
 *    dictloader_override_exception, dictloader_method_flags);
 * 9: dictloader_set_retry_guard;
 * 10: dictloader_add_rootmaps, dictloader_set_debug;
 * 11: DICTLOADER_OBJECT_POLYMORPHIC in dictloader_object_ops' flags */
#define DICTLOADER_API_VERSION 11

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

/* PyPy's _cppyy calls every overload a second time when all failed, to
 * collect their messages, and goes on to the next overload after one threw:
 * a C++ function would run twice, or a second one after the first threw. The
 * retry guard (on by default) keeps that from reaching C++: after a stub call
 * made through cppyy_allocate_function_args' buffers throws, further calls of
 * that overload set on the thread are refused unrun until _cppyy's retry pass
 * asks for the thrower again and gets its stored message; and an overload set
 * some of whose members need the stubs hands out no fast-path address
 * (cppyy_function_address), so that all its calls are guarded. Clients that
 * never call an overload again (the package's own) turn it off before their
 * first call. Returns the previous setting. (API version 9.) */
int dictloader_set_retry_guard(int enabled);

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

/* --- catalogs and autoloading (API version 2) -----------------------------
 *
 * When a name (class, namespace, enum, typedef, function, variable, template
 * instance) is in no loaded dictionary, the loader asks its catalogs which
 * library provides it, loads that library (as dictloader_load) and looks
 * again. Catalogs are asked in this order: those added with
 * dictloader_add_catalog (in the order added), the files listed in the
 * environment variable DICTLOADER_CATALOG (colon-separated, read at the first
 * miss), then the default catalog if that file exists, and last the standard
 * dictionary's catalog (dictloader/std.catalog beside libdictloader.so, or
 * DICTLOADER_STD_CATALOG; empty: none) if it exists. None is opened before
 * the first name that no dictionary has; each such name costs one indexed
 * query per catalog, and a name no catalog has is not asked again until a
 * catalog file changes (noticed within 0.2 s) or a catalog is added. A
 * catalog that cannot be read (missing, locked, corrupt, of another schema
 * version) is skipped with an error naming the file; a row naming a library
 * that is missing, or whose content differs from the hash the catalog
 * recorded, loads nothing and gives an error naming the C++ name
 * and the library (dictloader_autoload_error, and the thread's last error). */

/* Adds the catalog file at path to those asked, after those added before
 * and before DICTLOADER_CATALOG's. The file is opened and checked now.
 * Returns 1 on success (also if it was added already), 0 if it is missing,
 * not a catalog, locked, damaged or of another schema version: the last
 * error names the file and says why. */
int dictloader_add_catalog(const char* path);

/* ROOT's rootmaps are asked after the catalogs and before the standard
 * dictionary's catalog: those added here (the last added first), then the
 * *.rootmap files in the folders of LD_LIBRARY_PATH and in the working
 * directory. path is a rootmap file (read now) or a folder of them (read at
 * the next miss, and again when it changes). Returns 1 on success, 0 if path
 * does not exist or the file is no readable rootmap: the last error says
 * which. (API version 10.) */
int dictloader_add_rootmaps(const char* path);

/* With enabled non-zero, the autoloader says on stderr which library it
 * loads for which name and from which catalog or rootmap, and which names
 * none provides. Returns the previous setting. (API version 10.) */
int dictloader_set_debug(int enabled);

/* Path of the per-user default catalog (which need not exist):
 * $XDG_DATA_HOME/dictloader/catalog.sqlite, else
 * ~/.local/share/dictloader/catalog.sqlite. */
const char* dictloader_default_catalog(void);

/* A library that a catalog names as providing a C++ name. */
typedef struct dictloader_provider {
  const char* name;    /* the name as the catalog spells it: "ns::MyClass" */
  const char* kind;    /* "namespace", "class", "enum", "typedef", "function",
                          "variable" or "template_instance" */
  const char* library; /* path of the library (a bare name for the dynamic
                          linker's search, when imported from a rootmap) */
  const char* catalog; /* path of the catalog file that says so */
} dictloader_provider;

/* Return nonzero to stop the listing. */
typedef int (*dictloader_provider_visitor)(void* context, const dictloader_provider* provider);

/* Calls visit(context, provider) for every library the catalogs name as
 * providing `name` (as a C++ name is spelled; a leading "::" is ignored), in
 * the order the catalogs are asked. Loads nothing. visit may be NULL to
 * count. Returns the number of providers visited (0: no catalog has the
 * name), or -1 if a catalog could not be read (the last error names it). */
int dictloader_which(const char* name, dictloader_provider_visitor visit, void* context);

/* One library of a catalog with the names it provides. Later API versions
 * may add members at the end only. */
typedef struct dictloader_catalog_library {
  const char* path;         /* as dictloader_provider.library */
  const char* name;         /* dictionary name (the header's stem) */
  const char* generator;    /* "genreflex 0.1.0", "rootmap /abs/X.rootmap" */
  int abi_major, abi_minor; /* dictionary ABI at generation, 0 when unknown */
  const char* content_hash; /* "sha256:<hex>", "" when unknown */
  const char* generated;    /* "2026-11-29T10:07:37Z" */
  const char* origin;       /* "genreflex" or "rootmap" */
  const char* state;        /* the file now: "present", "missing", and with
                               DICTLOADER_VERIFY_FILES "ok" or "changed"
                               (content differs from content_hash) */
  size_t num_names;
  const char* const* names; /* num_names C++ names, by name */
  const char* const* kinds; /* their kinds, as dictloader_provider.kind */
} dictloader_catalog_library;

typedef int (*dictloader_catalog_visitor)(void* context, const dictloader_catalog_library* library);

/* dictloader_list_catalog flags: hash each library and compare (reads every
 * library file whole). */
#define DICTLOADER_VERIFY_FILES 1

/* Calls visit(context, library) for every library of the catalog file at
 * path (which need not be one the loader asks), by path. Returns the number
 * of libraries visited, or -1 if the file cannot be read as a catalog (the
 * last error names it). */
int dictloader_list_catalog(const char* path, int flags, dictloader_catalog_visitor visit, void* context);

/* Why the last attempt to autoload `name` failed ("the catalog C says
 * libX.so provides ns::X, but libX.so ..."), or NULL if it did not fail (it
 * was loaded, no catalog has it, or it was never looked for). */
const char* dictloader_autoload_error(const char* name);

#ifdef __cplusplus
}
#endif

#endif /* DICTLOADER_DICTLOADER_H */
