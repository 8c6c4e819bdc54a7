/* direct_calls.h - for clients that call C++ through C function pointers of
 * their own (the CPython module, cffi or libffi clients on PyPy), next to the
 * cppyy C API's generic calls. Native API version 2; entries, object
 * operations and errors since version 3; enum types since version 5; smart
 * pointers since 6; exception classes since 7; dispatchers (Python subclasses) since 8. Nothing here throws; the pointers
 * stay valid while the dictionary is loaded (for ever: dictionaries are never
 * unloaded). Handles (cppyy_method_t, cppyy_scope_t) are the C API's.
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

/* --- entries (API version 3, dictionary ABI 1.4) ----------------------------
 *
 * A function's entry: a C function of the shape dictionary_abi.h describes
 * (DlEntry), which a client calls in registers instead of the stub. */
typedef struct dictloader_entry {
  void* address;         /* the entry; NULL when kind is DL_ENTRY_NONE */
  int kind;              /* DlEntryKind: DL_ENTRY_NONE, DL_ENTRY_PLAIN, DL_ENTRY_CHECKED */
  int missing;           /* DlEntryMissing: why there is none, as recorded */
  const char* signature; /* "ii", "vpi", "o": result letter, then one per
                            argument (dictionary_abi.h); "" if none recorded.
                            Belongs to the dictionary: valid for ever */
} dictloader_entry;

/* Fills *out with method's entry. Returns 1 if method is a function the
 * loader knows (out filled), 0 if method or out is NULL. kind is
 * DL_ENTRY_NONE (call the stub) when the function has none (missing says
 * why), when its dictionary is older than ABI 1.4 (missing
 * DL_ENTRY_MISSING_UNRECORDED), when the loader cannot read or call the
 * record (a kind it does not know: DL_ENTRY_MISSING_UNRECORDED; a signature
 * that does not fit the function: DL_ENTRY_MISSING_SIGNATURE), and for every
 * function under DICTLOADER_FASTPATH=none (missing and signature then as
 * recorded). DICTLOADER_FASTPATH=all changes nothing here: a DL_ENTRY_CHECKED
 * entry reports exceptions, so every entry is handed out as recorded.
 * A checked entry needs a DlError whose kind the caller set to DL_ERROR_NONE;
 * after a call that stored an exception (kind non-zero), release it with
 * dictloader_error_release. */
int dictloader_function_entry(cppyy_method_t method, dictloader_entry* out);

/* What a client needs to keep objects of a class in storage of its own:
 * size and alignment to construct into (a constructor's entry takes that
 * storage as `out`), and what to do when it is done with them. */
struct dictloader_object_ops {
  size_t size;                  /* sizeof, from the class's record */
  size_t align;                 /* alignof; 0 when the dictionary does not say (ABI < 1.4) */
  unsigned flags;               /* DlObjectFlags: DL_OBJECT_TRIVIAL_DESTRUCTOR,
                                   DL_OBJECT_NO_DESTRUCTOR_EFFECT; and the
                                   loader's DICTLOADER_OBJECT_POLYMORPHIC */
  void* (*allocate)(void);      /* C++ heap storage for one object, not
                                   constructed; NULL on failure. NULL for
                                   abstract classes */
  void (*destroy)(void*);       /* runs the destructor of an object in storage
                                   from allocate and frees the storage; NULL if
                                   the destructor is not public */
  void* (*move_to_heap)(void*); /* `new T(std::move(*object))`, which C++ code
                                   may delete (and cppyy_destruct); NULL if it
                                   threw. NULL if the class can be neither
                                   moved nor copied, or is abstract */
};

/* Set in dictloader_object_ops' flags (API version 11) for a class with a
 * vtable: only its objects may be of a derived dynamic class, so a client
 * asks cppyy_actual_class for those alone. (The dictionary's DlObjectFlags
 * use the low bits.) */
#define DICTLOADER_OBJECT_POLYMORPHIC (1u << 16)

/* Fills *out with the object operations of class type. Returns 1 for a class
 * the loader knows, 0 otherwise (NULL, a namespace or enum, out NULL). For a
 * class of a dictionary older than ABI 1.4 only size is set: align, flags
 * and the functions are 0/NULL.
 * (The struct has no typedef: C and C++ do not allow a typedef and a
 * function of one name; write `struct dictloader_object_ops`.) */
int dictloader_object_ops(cppyy_scope_t type, struct dictloader_object_ops* out);

/* --- converters (API version 3) -----------------------------------------------
 *
 * What a C++ type name, as a function's record spells it, means for a call:
 * how a client converts a Python value into an argument and a result into a
 * Python value. One decision for every client (the CPython module and the
 * PyPy client ask the same function). */
enum dictloader_converter_kind {
  DICTLOADER_CONVERT_UNSUPPORTED = 0, /* no conversion (T**, T&&, arrays, unknown classes...) */
  DICTLOADER_CONVERT_VOID,
  DICTLOADER_CONVERT_BOOL,
  DICTLOADER_CONVERT_CHAR,
  DICTLOADER_CONVERT_SCHAR,
  DICTLOADER_CONVERT_UCHAR,
  DICTLOADER_CONVERT_SHORT,
  DICTLOADER_CONVERT_USHORT,
  DICTLOADER_CONVERT_INT,
  DICTLOADER_CONVERT_UINT,
  DICTLOADER_CONVERT_LONG,
  DICTLOADER_CONVERT_ULONG,
  DICTLOADER_CONVERT_LLONG,
  DICTLOADER_CONVERT_ULLONG,
  DICTLOADER_CONVERT_FLOAT,
  DICTLOADER_CONVERT_DOUBLE,
  DICTLOADER_CONVERT_LDOUBLE,
  DICTLOADER_CONVERT_CHARP,       /* const char* / char* */
  DICTLOADER_CONVERT_STRING,      /* std::string by value or const std::string& */
  DICTLOADER_CONVERT_CLASS_REF,   /* T&, const T&: an object; a result is borrowed */
  DICTLOADER_CONVERT_CLASS_PTR,   /* T*: an object or null; a result is borrowed */
  DICTLOADER_CONVERT_CLASS_VALUE, /* T by value: an object; a result is a new object */
  DICTLOADER_CONVERT_VOIDP,
  DICTLOADER_CONVERT_BUILTIN_PTR, /* T* of a builtin other than char and void (int*,
                                     unsigned char*, double*...): an argument is a buffer
                                     of Ts (array.array, bytearray, memoryview) or null;
                                     the element's kind is flags >> 8 */
  DICTLOADER_CONVERT_ENUM,        /* an enum E, const E& (API version 5): crosses as the
                                     integer kind flags >> 8 (E's promoted underlying
                                     type by value, its underlying type through a
                                     reference, with DICTLOADER_CONVERT_CONST_REF);
                                     klass is the enum's scope (cppyy_get_scope) */
  /* API version 6: a smart pointer class (dictloader_smart_pointer), klass is
   * the smart pointer. An argument is an object held by a smart pointer (passed
   * as klass, converted with dictloader_smart_convert when it holds another
   * one); a result is the T it points to, kept alive by the smart pointer. */
  DICTLOADER_CONVERT_SMART_VALUE, /* std::shared_ptr<T>, std::unique_ptr<T> by value:
                                     a result is a new smart pointer object */
  DICTLOADER_CONVERT_SMART_REF    /* a reference to one (const or not): a result is
                                     borrowed; a shared_ptr is copied to keep T alive */
};

enum dictloader_converter_flags {
  DICTLOADER_CONVERT_CONST_REF = 1u << 0,     /* const T& of a builtin or std::string: the value
                                                 goes in; a result is read through its address */
  DICTLOADER_CONVERT_REF_RESULT = 1u << 1,    /* a T& result of a builtin: also writable through it */
  DICTLOADER_CONVERT_TAKES_SEQUENCE = 1u << 2, /* a std::vector<T> parameter by value or const
                                                  reference: a list or tuple may become one */
  DICTLOADER_CONVERT_CONST_OBJECT = 1u << 3,    /* const T& or const T* of a class (std::string
                                                  as a class kind too): the object is const
                                                  through it, so a result's proxy prefers the
                                                  const overloads of its methods */
  DICTLOADER_CONVERT_SCOPED_ENUM = 1u << 4      /* DICTLOADER_CONVERT_ENUM of an `enum class`
                                                  (API version 5) */
};

typedef struct dictloader_converter {
  int kind;             /* dictloader_converter_kind */
  unsigned flags;       /* dictloader_converter_flags; bits 8 and up: the element's
                           kind of a DICTLOADER_CONVERT_BUILTIN_PTR */
  cppyy_scope_t klass;  /* the class, for the class kinds (std::string* and std::string&
                           are class kinds of std::string); 0 otherwise */
} dictloader_converter;

/* Fills *out with what type_name means as an argument (is_result 0), a
 * result (1), or a data member read and written in place (2; API version 5:
 * an enum is then its underlying type, not the promoted one a result
 * crosses as; otherwise as 1). A known enum is DICTLOADER_CONVERT_ENUM;
 * typedefs are resolved. Returns 1, or 0 if type_name or out is NULL. */
int dictloader_converter_for(const char* type_name, int is_result, dictloader_converter* out);

/* --- enum types (API version 5, dictionary ABI 1.5) ---------------------------
 *
 * The C API's cppyy_method_arg_type, cppyy_method_result_type and
 * cppyy_datamember_type give an enum type as its promoted builtin ("int",
 * "const unsigned int&"), the names PyPy's _cppyy converts. These give the
 * same type with the enum named ("ns::E", "const ns::E&", "ns::E[4]") where
 * the dictionary records which enum it is (ABI 1.5) and some dictionary
 * describes that enum; else what the cppyy_ function gives. The name is what
 * dictloader_converter_for takes. malloc'ed: release with cppyy_free; ""
 * for a bad handle or index ("constructor" for a constructor's result, as
 * cppyy_method_result_type). */
char* dictloader_method_arg_type(cppyy_method_t method, int index);
char* dictloader_method_result_type(cppyy_method_t method);
char* dictloader_datamember_type(cppyy_scope_t scope, int index);

/* --- smart pointers (API version 6, dictionary ABI 1.6) --------------------
 *
 * A std::shared_ptr<T> or std::unique_ptr<T> that a dictionary describes. A
 * client holds one in storage of its own (dictloader_object_ops of the smart
 * pointer class) and shows it as the T it points to. */
struct dictloader_smart_pointer {
  int kind;              /* DL_SMART_SHARED or DL_SMART_UNIQUE (dictionary_abi.h) */
  int pointee_const;     /* 1 for a pointer to const T */
  cppyy_scope_t pointee; /* T's class (const dropped); 0 if no dictionary describes it */
  void* (*get)(const void* smart);           /* the T* it holds, NULL if empty */
  void (*copy)(const void* smart, void* out); /* copy-constructs into out (storage of
                                                 the smart pointer's size); NULL for
                                                 unique_ptr */
  int (*adopt)(void* object, void* out);     /* constructs into out a smart pointer
                                                owning object, made by `new T` (a
                                                constructor's stub, move_to_heap);
                                                0 on success, else object was deleted.
                                                NULL if T cannot be deleted */
};

/* Fills *out for a smart pointer class. Returns 1 if type is one, 0
 * otherwise (not a class, a dictionary older than ABI 1.6, NULL). */
int dictloader_smart_pointer(cppyy_scope_t type, struct dictloader_smart_pointer* out);

/* The smart pointer class std::shared_ptr<T> (kind DL_SMART_SHARED) or
 * std::unique_ptr<T> (DL_SMART_UNIQUE) of class klass, of const T when
 * pointee_const: 0 if no dictionary describes it (a dictionary describes the
 * ones its declarations use). */
cppyy_scope_t dictloader_smart_pointer_of(cppyy_scope_t klass, int kind, int pointee_const);

/* Constructs into out (storage of `to`'s size) a `to` shared_ptr that shares
 * ownership with the `from` shared_ptr at smart and points at the same object,
 * seen as to's pointee: a copy when from and to are one class; else through
 * std::shared_ptr<void> and to's aliasing constructor, so from and to may come
 * from different dictionaries. Returns 1, or 0 if it cannot: not both
 * shared_ptr, to's pointee is neither from's nor a base class of it that a
 * dictionary describes, or const would be dropped. */
int dictloader_smart_convert(cppyy_scope_t from, const void* smart, cppyy_scope_t to, void* out);

/* Frees storage from type's allocate in which no object was made (its
 * constructor's entry threw), without running a destructor. NULL-safe;
 * nothing happens for a type the loader does not know or that has no
 * allocate (then the storage cannot have come from it). */
void dictloader_object_deallocate(cppyy_scope_t type, void* storage);

/* Deletes the exception a checked entry stored in error (error->exception,
 * a new'd std::exception_ptr*), then sets error->exception to NULL and
 * error->kind to DL_ERROR_NONE, so the DlError can be passed to the next
 * call. The texts are left as they are. NULL-safe, also for an error that
 * holds no exception. */
void dictloader_error_release(DlError* error);

/* --- exception classes (API version 7, dictionary ABI 1.7) -------------------
 *
 * A C++ exception that a call reports (a checked entry through its DlError,
 * a stub call of the C API through its status words) as an object of the
 * class it is caught as: the most derived exception class that some loaded
 * dictionary describes (DlExceptionClass: std::exception and the standard
 * exceptions, which the loader describes itself, classes derived from them,
 * classes the headers throw by value) and that catches it. The object is a
 * copy, `new T(caught)`, owned by the caller: destroy it with
 * cppyy_destruct(*type, object) (or the class's delete stub). An exception
 * of no described class, or one a dictionary older than ABI 1.7 reported,
 * gives NULL: the client raises its generic exception with the what() text.
 * See dictloader/docs/exceptions.md. */

/* 1 if type is a class that clients raise as an exception of its own class:
 * a dictionary records it as an exception class, or one of its base classes
 * that a dictionary describes is one; 0 otherwise (also NULL, namespaces). */
int dictloader_is_exception_class(cppyy_scope_t type);

/* The exception that method's checked entry stored in error
 * (error->exception), copied as described above, its class in *type (0 with
 * a NULL result). The error is left as it is: release it with
 * dictloader_error_release as before. NULL-safe (method, error, its
 * exception, type); NULL for a method of a dictionary older than ABI 1.7,
 * whose exceptions stay generic as its stubs' do. */
void* dictloader_error_object(cppyy_method_t method, const DlError* error, cppyy_scope_t* type);

/* The exception of the calling thread's last C API call that reported one in
 * its status words (cppyy_call_*, cppyy_constructor), copied as described
 * above, its class in *type. The loader keeps that exception from the failed
 * call until this takes it or the call's argument buffer is released
 * (cppyy_deallocate_function_args): call it after reading the status and
 * before releasing the buffer. NULL if there is none, and always for a
 * dictionary older than ABI 1.7. */
void* dictloader_call_exception_object(cppyy_scope_t* type);

/* --- dispatchers: Python subclasses (API version 8, dictionary ABI 1.8) -----
 *
 * A Python class deriving from a C++ class C is backed by C's dispatcher, a
 * class the dictionary derives from C that overrides C's virtual functions
 * (dictionary_abi.h, DlDispatcher): the client makes its objects with the
 * dispatcher's constructors, tells each object its Python object and which
 * slots the Python class overrides (set_self), and handles the calls of
 * those overrides (dictloader_set_override_handler). The design:
 * dictloader/docs/cross-inheritance.md. */
struct dictloader_dispatcher {
  cppyy_scope_t klass; /* C */
  size_t size;         /* sizeof the dispatcher */
  int num_constructors;
  const cppyy_method_t* constructors; /* constructors (cppyy_is_constructor): a
                                         stub call (cppyy_constructor) makes a
                                         dispatcher object with `new` and gives
                                         its address as a C*; also of an
                                         abstract C, and C's protected ones */
  int num_slots;
  const cppyy_method_t* slots; /* the virtual functions it overrides, in slot
                                  order, as methods of C (name, arguments,
                                  result): a call runs C's own implementation
                                  without virtual dispatch (Python's
                                  super().f()); that of a pure virtual one
                                  fails with a C++ exception */
  /* The stub that deletes a dispatcher object (given as its C*), in the
   * shape of dictloader_delete_function's. */
  DlStubFn delete_object;
  /* Gives the dispatcher object at `object` (a C*) its Python object `self`
   * (the client's handle, handed back to its handler) and the slots the
   * Python class overrides: num_slots bytes, non-zero where it does, valid
   * while the object lives. A null self or overridden: the object calls C's
   * implementations and tells nobody when it is destroyed. */
  void (*set_self)(void* object, void* self, const unsigned char* overridden);
};

/* Fills *out with class type's dispatcher. Returns 1, or 0 if it has none
 * (not a class with virtual functions that can be derived from, a
 * dictionary older than ABI 1.8, damaged records: the last error says so)
 * or out is NULL. The arrays belong to the loader and are valid for ever. */
int dictloader_dispatcher(cppyy_scope_t type, struct dictloader_dispatcher* out);

/* The client's handler of dispatcher objects, called by an override whose
 * slot the Python class overrides, in the thread that called the virtual
 * function (so perhaps one the client did not start: a CPython client takes
 * its GIL here):
 *   self    what set_self gave the object;
 *   slot    the slot's method (one of dictloader_dispatcher's slots);
 *   args    args[i] points at argument i as a stub's args[i] does (the
 *           slot's argument passing, dictionary_abi.h DlPassing);
 *   result  where the handler writes the result: what a stub writes for the
 *           slot's result type, except that a class or std::string result (by
 *           value or by reference) is written as a pointer to an object of
 *           that class, which the override copies, and a builtin or enum by
 *           reference as its value; what it points at must stay valid until
 *           the handler is next called in this thread (the override copies it
 *           at once; a `const char*` it returns as it is).
 * Returns 0, or non-zero if the Python override raised: then *token is the
 * client's own number for that exception and text (text_size bytes) says
 * what it was ("ValueError: bad value"). The override then throws a C++
 * exception whose what() names the slot and holds text; when that exception
 * comes back to the client through a call, dictloader_override_exception
 * gives the token back.
 * With slot 0 (and args, result, token, text null) the handler is told that
 * the object of `self` is being destroyed (C++ deleted it); it must not fail.
 * One handler per process; NULL removes it (overrides then fail with a C++
 * exception). */
typedef int (*dictloader_override_handler)(void* self, cppyy_method_t slot, void* const* args, void* result,
                                           unsigned long long* token, char* text, size_t text_size);
void dictloader_set_override_handler(dictloader_override_handler handler);

/* The flags of a function's record (DlFunctionFlags: DL_FUNC_VIRTUAL,
 * DL_FUNC_PURE, DL_FUNC_PROTECTED...), 0 for a NULL handle. A client asks
 * which calls a Python subclass's object must not make virtually (its
 * override would call itself). */
unsigned dictloader_method_flags(cppyy_method_t method);

/* After a call reported a C++ exception: the token of the Python exception
 * that an override raised, if that is what it is, else 0. error: the
 * DlError a checked entry filled (its exception is examined), or NULL; what:
 * the text a stub reported (compared with what this thread's overrides threw
 * lately), or NULL. A token is given back once. */
unsigned long long dictloader_override_exception(const DlError* error, const char* what);

/* How many bytes the C heap (malloc's memory in use, also C++'s new) grew
 * since the previous call from any thread; 0 if it did not grow, and always 0
 * where it cannot be read (a C library other than glibc, a sanitizer's
 * allocator). For clients with a tracing garbage collector: C++ objects whose
 * proxies wait for a collection keep what they own (vectors, strings), which
 * the collector does not see; reported to it as memory pressure, it makes the
 * collector run in time. A call costs a few microseconds (glibc walks its free
 * lists): sample it, do not call it per object. */
size_t dictloader_heap_growth(void);

#ifdef __cplusplus
}
#endif

#endif /* DICTLOADER_DIRECT_CALLS_H */
