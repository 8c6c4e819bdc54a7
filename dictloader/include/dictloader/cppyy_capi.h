/* cppyy_capi.h - the cppyy C API as libdictloader exports it.
 *
 * This is the backend interface that PyPy's built-in _cppyy module (7.3.11)
 * loads through CPPYY_BACKEND_LIBRARY, with the argument types that module
 * passes (its libffi table is the real ABI). The CPython extension in pyshim/
 * is a client of the same functions.
 *
 * Handles:
 *   cppyy_scope_t  / cppyy_type_t  a registry scope (namespace, class, enum);
 *                                  0 means "no such scope"
 *   cppyy_method_t                 a registry function; stable for ever, so a
 *                                  call dispatches in O(1)
 *   cppyy_object_t                 the address of a C++ object
 *
 * Memory: every `char*` result (except from call_r and stdstring2charp) and
 * every array result is malloc'ed: the caller frees it with cppyy_free. They
 * are never NULL. Objects from constructor, call_o, charp2stdstring and
 * stdstring2stdstring are owned by the caller and released with
 * cppyy_destruct.
 *
 * Argument buffer: cppyy_allocate_function_args(n) gives n slots of
 * cppyy_function_arg_sizeof() bytes, each holding a value at offset 0 and a
 * type code at cppyy_function_arg_typeoffset(), followed by a status area:
 * two unsigned longs. When a called C++ function throws, status[0] becomes
 * non-zero and status[1] a malloc'ed message (the exception's what()).
 *
 * No function here lets a C++ exception escape.
 */
#ifndef DICTLOADER_CPPYY_CAPI_H
#define DICTLOADER_CPPYY_CAPI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef size_t cppyy_scope_t;
typedef cppyy_scope_t cppyy_type_t;
typedef void* cppyy_enum_t;
typedef void* cppyy_object_t;
typedef intptr_t cppyy_method_t;
typedef size_t cppyy_index_t;
typedef void* cppyy_funcaddr_t;

/* --- names and scopes --------------------------------------------------- */
/* Name with typedefs resolved; the input unchanged if it is not a typedef. */
char* cppyy_resolve_name(const char* name);
/* Enum type name -> the builtin type its values have ("int"). */
char* cppyy_resolve_enum(const char* name);
/* Scope by qualified name ("" is the global namespace); 0 if unknown,
 * including for builtin type names. */
cppyy_scope_t cppyy_get_scope(const char* name);
/* The dynamic class of obj if known, else klass. */
cppyy_type_t cppyy_actual_class(cppyy_type_t klass, cppyy_object_t obj);
size_t cppyy_size_of_klass(cppyy_type_t klass);
/* sizeof a builtin or known class by name; 0 if unknown. */
size_t cppyy_size_of_type(const char* name);
int cppyy_is_builtin(const char* name);
int cppyy_is_complete(const char* name);

/* --- objects ------------------------------------------------------------ */
/* Runs the destructor of obj and frees it (for objects the caller owns). */
void cppyy_destruct(cppyy_type_t type, cppyy_object_t obj);
/* Raw memory of sizeof(type) / default construction / plain free; kept for
 * API completeness. */
cppyy_object_t cppyy_allocate(cppyy_type_t type);
void cppyy_deallocate(cppyy_type_t type, cppyy_object_t obj);
cppyy_object_t cppyy_construct(cppyy_type_t type);
void cppyy_destructor(cppyy_type_t type, cppyy_object_t obj);

/* --- calls (stub path) ---------------------------------------------------
 * self is the object for member functions, ignored otherwise; nargs may be
 * below the function's argument count (C++ default arguments fill the rest). */
void cppyy_call_v(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
unsigned char cppyy_call_b(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
char cppyy_call_c(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
short cppyy_call_h(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
int cppyy_call_i(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
long cppyy_call_l(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
long long cppyy_call_ll(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
float cppyy_call_f(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
double cppyy_call_d(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
long double cppyy_call_ld(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
/* long double result narrowed to double */
double cppyy_call_nld(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
/* pointers, and references as the referent's address; not owned */
void* cppyy_call_r(cppyy_method_t m, cppyy_object_t self, int nargs, void* args);
/* std::string result: malloc'ed bytes, *length set; free with cppyy_free */
char* cppyy_call_s(cppyy_method_t m, cppyy_object_t self, int nargs, void* args, size_t* length);
/* new object made by constructor m of klass; owned by the caller */
cppyy_object_t cppyy_constructor(cppyy_method_t m, cppyy_type_t klass, int nargs, void* args);
/* class returned by value: a new object owned by the caller */
cppyy_object_t cppyy_call_o(cppyy_method_t m, cppyy_object_t self, int nargs, void* args,
                            cppyy_type_t result_type);
/* Fast path: a plain C function `ret f(void* self, args...)` (no self for
 * static and free functions), or NULL to use the stubs. */
cppyy_funcaddr_t cppyy_function_address(cppyy_method_t m);

/* --- argument buffers --------------------------------------------------- */
void* cppyy_allocate_function_args(int nargs);
void cppyy_deallocate_function_args(void* args);
size_t cppyy_function_arg_sizeof(void);
size_t cppyy_function_arg_typeoffset(void);

/* --- scope reflection --------------------------------------------------- */
int cppyy_is_namespace(cppyy_scope_t scope);
int cppyy_is_template(const char* name);
int cppyy_is_abstract(cppyy_type_t type);
int cppyy_is_enum(const char* name);
int cppyy_is_aggregate(const char* name);
int cppyy_is_default_constructable(const char* name);
/* Names declared directly in scope; array and entries malloc'ed. */
const char** cppyy_get_all_cpp_names(cppyy_scope_t scope, size_t* count);
size_t cppyy_get_using_namespaces(cppyy_scope_t scope);

/* --- classes ------------------------------------------------------------ */
char* cppyy_final_name(cppyy_type_t type);
char* cppyy_scoped_final_name(cppyy_type_t type);
int cppyy_has_virtual_destructor(cppyy_type_t type);
int cppyy_has_complex_hierarchy(cppyy_type_t type);
int cppyy_num_bases(cppyy_type_t type);
char* cppyy_base_name(cppyy_type_t type, int base_index);
int cppyy_is_subtype(cppyy_type_t derived, cppyy_type_t base);
int cppyy_is_smartptr(cppyy_type_t type);
int cppyy_smartptr_info(const char* name, cppyy_type_t* raw, cppyy_method_t* deref);
void cppyy_add_smartptr_type(const char* name);
void cppyy_add_type_reducer(const char* reducible, const char* reduced);
/* Offset to add to address: direction > 0 derived -> base, < 0 base -> derived. */
ptrdiff_t cppyy_base_offset(cppyy_type_t derived, cppyy_type_t base, cppyy_object_t address, int direction);

/* --- functions ---------------------------------------------------------- */
int cppyy_num_methods(cppyy_scope_t scope);
/* Indices of the functions called name, ended by (size_t)-1; NULL if none. */
cppyy_index_t* cppyy_method_indices_from_name(cppyy_scope_t scope, const char* name);
cppyy_method_t cppyy_get_method(cppyy_scope_t scope, cppyy_index_t index);
char* cppyy_method_name(cppyy_method_t m);
char* cppyy_method_full_name(cppyy_method_t m);
char* cppyy_method_mangled_name(cppyy_method_t m);
/* "constructor" for constructors */
char* cppyy_method_result_type(cppyy_method_t m);
int cppyy_method_num_args(cppyy_method_t m);
int cppyy_method_req_args(cppyy_method_t m);
char* cppyy_method_arg_name(cppyy_method_t m, int index);
char* cppyy_method_arg_type(cppyy_method_t m, int index);
/* "" if the argument has no default */
char* cppyy_method_arg_default(cppyy_method_t m, int index);
/* "(int, double)"; with show_formal_args "(int a, double b = 1.)" */
char* cppyy_method_signature(cppyy_method_t m, int show_formal_args);
char* cppyy_method_signature_max(cppyy_method_t m, int show_formal_args, int max_args);
char* cppyy_method_prototype(cppyy_scope_t scope, cppyy_method_t m, int show_formal_args);
int cppyy_is_const_method(cppyy_method_t m);
int cppyy_get_num_templated_methods(cppyy_scope_t scope);
char* cppyy_get_templated_method_name(cppyy_scope_t scope, cppyy_index_t index);
int cppyy_is_templated_constructor(cppyy_scope_t scope, cppyy_index_t index);
int cppyy_exists_method_template(cppyy_scope_t scope, const char* name);
int cppyy_method_is_template(cppyy_scope_t scope, cppyy_index_t index);
cppyy_method_t cppyy_get_method_template(cppyy_scope_t scope, const char* name, const char* proto);
cppyy_index_t cppyy_get_global_operator(cppyy_scope_t scope, cppyy_scope_t lc, cppyy_scope_t rc,
                                        const char* op);
int cppyy_is_public_method(cppyy_method_t m);
int cppyy_is_protected_method(cppyy_method_t m);
int cppyy_is_constructor(cppyy_method_t m);
int cppyy_is_destructor(cppyy_method_t m);
int cppyy_is_staticmethod(cppyy_method_t m);

/* --- data members and variables ------------------------------------------
 * Offsets of non-static members are relative to the object; for static
 * members, namespace variables and enum values they are absolute addresses. */
int cppyy_num_datamembers(cppyy_scope_t scope);
char* cppyy_datamember_name(cppyy_scope_t scope, int index);
char* cppyy_datamember_type(cppyy_scope_t scope, int index);
intptr_t cppyy_datamember_offset(cppyy_scope_t scope, int index);
/* -1 if scope has no data member called name */
int cppyy_datamember_index(cppyy_scope_t scope, const char* name);
int cppyy_is_publicdata(cppyy_scope_t scope, int index);
int cppyy_is_protecteddata(cppyy_scope_t scope, int index);
int cppyy_is_staticdata(cppyy_scope_t scope, int index);
int cppyy_is_const_data(cppyy_scope_t scope, int index);
int cppyy_is_enum_data(cppyy_scope_t scope, int index);
/* extent of array dimension `dimension`, -1 past the last */
int cppyy_get_dimension_size(cppyy_scope_t scope, int index, int dimension);

/* --- enums -------------------------------------------------------------- */
cppyy_enum_t cppyy_get_enum(cppyy_scope_t scope, const char* name);
cppyy_index_t cppyy_get_num_enum_data(cppyy_enum_t e);
char* cppyy_get_enum_data_name(cppyy_enum_t e, cppyy_index_t index);
long long cppyy_get_enum_data_value(cppyy_enum_t e, cppyy_index_t index);

/* --- helpers ------------------------------------------------------------ */
long long cppyy_strtoll(const char* text);
unsigned long long cppyy_strtoull(const char* text);
void cppyy_free(void* ptr);
cppyy_object_t cppyy_charp2stdstring(const char* text, size_t size);
/* the string's own buffer (not a copy), *size set */
const char* cppyy_stdstring2charp(cppyy_object_t str, size_t* size);
cppyy_object_t cppyy_stdstring2stdstring(cppyy_object_t str);
double cppyy_longdouble2double(void* address);
void cppyy_double2longdouble(double value, void* address);
/* element idx of a std::vector<bool> (the caller checks the bounds) */
int cppyy_vectorbool_getitem(cppyy_object_t vbool, int idx);
void cppyy_vectorbool_setitem(cppyy_object_t vbool, int idx, int value);

#ifdef __cplusplus
}
#endif

#endif /* DICTLOADER_CPPYY_CAPI_H */
