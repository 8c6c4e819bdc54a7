/* dictionary_abi.h - the contract between generated dictionaries and libdictloader.
 *
 * A dictionary is a shared library produced by genreflex. It exports one data
 * symbol, DLDICT_ENTRY_SYMBOL, of type DlDictionary: constant tables that
 * describe scopes, functions, data members, enums and typedefs, plus one call
 * stub per function. Everything is plain C data so the loader can read a
 * dictionary built by any compiler without linking against it, and the
 * dictionary does not link against the loader.
 *
 * Rules the loader relies on (and checks before use):
 *  - magic == DLDICT_MAGIC and abi_major == DLDICT_ABI_MAJOR are read first;
 *    nothing else is read if either differs.
 *  - header_size says how much of DlDictionary the generator filled in; new
 *    fields are only ever appended (abi_minor grows), so an old dictionary
 *    stays readable by a newer loader.
 *  - Strings are offsets into one pool that ends with a NUL byte.
 *  - Every index into another table is checked against that table's count.
 *
 * This header is C-compatible and includes only <stddef.h>/<stdint.h>: the
 * generated dictionary source includes it and nothing else of ours.
 */
#ifndef DICTLOADER_DICTIONARY_ABI_H
#define DICTLOADER_DICTIONARY_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DLDICT_MAGIC 0x54434944u /* "DICT" read as little-endian bytes */
#define DLDICT_ABI_MAJOR 1u
#define DLDICT_ABI_MINOR                                                        \
  8u /* 1: DlFunction.fast_path, DL_FUNC_DIRECT_ADDRESS, DL_DICT_FAST_PATH_ALL; \
       2: DL_FUNC_TEMPLATE_INSTANCE; 3: constructors' address;                  \
       4: entries (DlEntry, DlError) and object operations (DlObjectOps);       \
       5: enum types of arguments, results and data (DlDictionary.*_enums);    \
       6: smart pointers (DlSmartPointer);                                      \
       7: exception classes (DlExceptionClass) and the stubs' caught exception  \
          (DlDictionary.take_stub_exception);                               \
       8: dispatchers for Python subclasses (DlDispatcher), protected members   \
          of their classes */
#define DLDICT_ENTRY_SYMBOL "dictloader_dictionary_v1"
#define DLDICT_NONE 0xffffffffu /* "no index" */

/* Call stub: the one generic way into a function.
 *   self   the object (member functions), else ignored
 *   nargs  how many arguments the caller gives, required_args..num_args;
 *          the stub supplies the C++ default values of the rest
 *   args   args[i] points at the storage of argument i; what lives there is
 *          given by the argument's DlPassing (see below)
 *   result storage for the result, as given by the function's result kind;
 *          for constructors it receives the new object's address (void*)
 *   error  on a C++ exception the stub writes its what() text here (NUL-
 *          terminated, truncated to error_size) and returns non-zero.
 * Returns 0 on success. */
typedef int (*DlStubFn)(void* self, int nargs, void* const* args, void* result, char* error,
                        size_t error_size);

/* Base-class offset for virtual bases: needs the object itself. */
typedef ptrdiff_t (*DlBaseOffsetFn)(void* derived_object);

/* What a call stub expects at args[i]. */
enum DlPassing {
  DL_PASS_VALUE = 0,   /* args[i] points at a value of the parameter's type
                          (builtins, enums, pointers, const char*, and
                          references to builtins and enums) */
  DL_PASS_INDIRECT = 1 /* args[i] points at a pointer to the object
                          (other references, and class types by value) */
};

/* What a stub writes to *result, so a caller can read or convert it. */
enum DlResultKind {
  DL_RESULT_VOID = 0,
  DL_RESULT_BOOL,
  DL_RESULT_CHAR,
  DL_RESULT_SCHAR,
  DL_RESULT_UCHAR,
  DL_RESULT_SHORT,
  DL_RESULT_USHORT,
  DL_RESULT_INT,
  DL_RESULT_UINT,
  DL_RESULT_LONG,
  DL_RESULT_ULONG,
  DL_RESULT_LLONG,
  DL_RESULT_ULLONG,
  DL_RESULT_FLOAT,
  DL_RESULT_DOUBLE,
  DL_RESULT_LDOUBLE,
  DL_RESULT_WCHAR,
  DL_RESULT_CHAR16,
  DL_RESULT_CHAR32,
  DL_RESULT_POINTER,    /* void*: pointers, const char*, and references
                           (the referent's address) */
  DL_RESULT_NEW_OBJECT, /* void*: a heap object made with new, owned by the
                           caller (class types returned by value, and
                           constructors); destroy with the class's delete stub */
  DL_RESULT_STRING,     /* std::string by value: written as a new'd std::string* */
  DL_RESULT_KIND_COUNT
};

enum DlScopeKind { DL_SCOPE_NAMESPACE = 0, DL_SCOPE_CLASS = 1, DL_SCOPE_STRUCT = 2, DL_SCOPE_UNION = 3 };

enum DlScopeFlags {
  DL_SCOPE_ABSTRACT = 1u << 0,
  DL_SCOPE_POLYMORPHIC = 1u << 1,
  DL_SCOPE_VIRTUAL_DTOR = 1u << 2,
  DL_SCOPE_AGGREGATE = 1u << 3,
  DL_SCOPE_DEFAULT_CONSTRUCTIBLE = 1u << 4,
  DL_SCOPE_COMPLEX_HIERARCHY = 1u << 5 /* multiple or virtual inheritance */
};

enum DlFunctionKind {
  DL_FUNC_METHOD = 0, /* non-static member function */
  DL_FUNC_STATIC = 1, /* static member function or free function */
  DL_FUNC_CONSTRUCTOR = 2,
  DL_FUNC_DESTRUCTOR = 3
};

enum DlFunctionFlags {
  DL_FUNC_CONST = 1u << 0,
  DL_FUNC_VIRTUAL = 1u << 1,
  DL_FUNC_PURE = 1u << 2,
  DL_FUNC_PROTECTED = 1u << 3,
  DL_FUNC_OPERATOR = 1u << 4,
  DL_FUNC_NOTHROW = 1u << 5,          /* noexcept, or proven not to throw by the generator */
  DL_FUNC_DIRECT_ADDRESS = 1u << 6,   /* address is the function's own entry point, not a
                                        generated wrapper (ABI 1.1) */
  DL_FUNC_TEMPLATE_INSTANCE = 1u << 7 /* a function template specialization; its name
                                         ends in its template arguments, "f<double>",
                                         except for constructors (ABI 1.2) */
};

/* What the generator decided about a function's fast-path address (ABI 1.1;
 * dictionaries of ABI 1.0 hold DL_FAST_UNRECORDED). Whether `address` is the
 * function itself or a wrapper is told by DL_FUNC_DIRECT_ADDRESS. Values a
 * loader does not know mean "no fast path". */
enum DlFastPath {
  DL_FAST_UNRECORDED = 0,   /* ABI 1.0: an address, if any, is handed out when
                               DL_FUNC_NOTHROW is set */
  DL_FAST_GIVEN = 1,        /* address handed out: the function cannot throw, or
                               the dictionary was made with --methptrgetter=all
                               (an exception escaping it ends the process) */
  DL_FAST_MAY_THROW = 2,    /* address recorded but may throw: handed out only
                               under DICTLOADER_FASTPATH=all */
  DL_FAST_NOT_TAKEN = 3,    /* no address: PyPy's _cppyy never calls this one
                               directly (constructors, destructors, strings,
                               objects by value, long double...) */
  DL_FAST_NOT_GENERATED = 4 /* no address: made without --methptrgetter */
};

enum DlDataFlags {
  DL_DATA_STATIC = 1u << 0, /* address holds the variable's address */
  DL_DATA_CONST = 1u << 1,
  DL_DATA_PROTECTED = 1u << 2,
  DL_DATA_ENUM = 1u << 3 /* the type is an enum */
};

enum DlEnumFlags { DL_ENUM_SCOPED = 1u << 0 };

/* A class template instantiation is a class scope named in the one spelling
 * cppyy uses (dictloader/type_names.h): "std::vector<int>" (default template
 * arguments dropped), "std::map<std::string,int>" (no space after a comma),
 * "std::vector<std::vector<double>>"; its name is "vector<int>". */
typedef struct DlScope {
  uint32_t name;           /* unqualified ("" for the global namespace) */
  uint32_t qualified_name; /* fully qualified, canonical ("ns::A::B") */
  uint32_t parent;         /* scope index, DLDICT_NONE for the global scope */
  uint32_t kind;           /* DlScopeKind */
  uint32_t flags;          /* DlScopeFlags */
  uint32_t first_function, num_functions;
  uint32_t first_data, num_data;
  uint32_t first_base, num_bases;
  uint64_t size;          /* sizeof, 0 for namespaces */
  DlStubFn delete_object; /* calls delete on self; null if not destructible */
} DlScope;

typedef struct DlFunction {
  uint32_t name;        /* "f", "MyClass" (constructor), "~MyClass", "operator+" */
  uint32_t scope;       /* declaring scope index */
  uint32_t kind;        /* DlFunctionKind */
  uint32_t flags;       /* DlFunctionFlags */
  uint32_t result_type; /* type name as clients spell it: "int", "const MyClass&" */
  uint32_t result_kind; /* DlResultKind */
  uint32_t first_arg, num_args, required_args;
  uint32_t fast_path; /* DlFastPath (ABI 1.1; 0 in ABI 1.0) */
  DlStubFn stub;
  void* address; /* fast path: ret f(void* self, args...) for members,
                    ret f(args...) otherwise; null without --methptrgetter.
                    Constructors (ABI 1.3, fast_path DL_FAST_NOT_TAKEN): null, or
                    void* f(args...) returning `new T(args...)`, null if allocation
                    failed (only constructors that cannot throw have one) */
} DlFunction;

typedef struct DlArgument {
  uint32_t name;          /* may be "" */
  uint32_t type;          /* type name as clients spell it */
  uint32_t default_value; /* default argument text, "" if none */
  uint32_t passing;       /* DlPassing */
} DlArgument;

typedef struct DlDataMember {
  uint32_t name;
  uint32_t type;     /* "int", "double", "int[4]", "MyClass*" */
  uint32_t flags;    /* DlDataFlags */
  uint32_t num_dims; /* array rank (0: not an array) */
  uint32_t dims[4];  /* extent of each dimension, outermost first */
  ptrdiff_t offset;  /* offset inside the object (non-static) */
  void* address;     /* address of static members and globals */
} DlDataMember;

typedef struct DlBase {
  uint32_t scope;     /* derived scope index */
  uint32_t base_name; /* fully qualified name of the base class */
  uint32_t is_virtual;
  uint32_t reserved;
  ptrdiff_t offset;         /* derived -> base offset (non-virtual bases) */
  DlBaseOffsetFn offset_fn; /* virtual bases: computes the offset from an object */
} DlBase;

typedef struct DlEnum {
  uint32_t name;
  uint32_t qualified_name;
  uint32_t parent; /* scope index */
  uint32_t flags;  /* DlEnumFlags */
  uint32_t underlying_type;
  uint32_t first_enumerator, num_enumerators;
  uint32_t reserved;
} DlEnum;

typedef struct DlEnumerator {
  uint32_t name;
  uint32_t reserved;
  int64_t value;
} DlEnumerator;

typedef struct DlTypedef {
  uint32_t name; /* unqualified */
  uint32_t qualified_name;
  uint32_t parent; /* scope index */
  uint32_t target; /* fully qualified target type, typedefs resolved */
} DlTypedef;

/* --- entries (ABI 1.4) -------------------------------------------------
 *
 * An entry is a C function a client calls in registers (through libffi, cffi,
 * or a shim compiled for its signature) instead of the call stub. Its shape is
 * fixed by the function's record and told by DlEntry.signature:
 *
 *   [void* self,] [void* out,] arg0, arg1, ..., [DlError* error]
 *
 *  - self: the object, for DL_FUNC_METHOD only;
 *  - out: storage the caller provides, sizeof/alignof the result's class, when
 *    the result is a class (or std::string) by value ('o' below): the entry
 *    constructs the result there and returns void. Constructors take out as
 *    their first parameter and construct the object there (placement new);
 *  - arguments: builtins and enums (as their promoted builtin, see
 *    DlFunction.result_type) by value, also for `const T&` of those; pointers
 *    as themselves; every other reference and every class (std::string too)
 *    by value or by reference as a pointer to the object;
 *  - error: DL_ENTRY_CHECKED entries only. Every entry takes all the
 *    function's arguments: a call that leaves defaults to C++ uses the stub.
 *
 * DL_ENTRY_CHECKED: an exception never leaves the entry. The entry stores it
 * in *error (kind becomes non-zero) and returns normally; the result and
 * *out are then unspecified. The caller sets error->kind to DL_ERROR_NONE
 * before the first call and tests it after each call; after reading a
 * stored exception it releases error->exception (dictloader_error_release)
 * and sets kind back to DL_ERROR_NONE.
 * DL_ENTRY_PLAIN: the function cannot throw (noexcept, or proven by the
 * generator; --methptrgetter=all does not make entries plain); no error
 * parameter. Its address may be the function's own symbol.
 *
 * genreflex makes entries for every dictionary, with or without
 * --methptrgetter (whose addresses, DlFunction.address, stay PyPy's _cppyy's
 * fast path).
 *
 * The signature string: one character for the result, then one per
 * argument (self, out and error are implied, not listed):
 *   v void (result only)    ? bool      c char       b signed char
 *   B unsigned char         h short     H unsigned short
 *   i int     I unsigned int     l long     L unsigned long
 *   q long long    Q unsigned long long   f float    d double
 *   g long double  w wchar_t    u char16_t   U char32_t
 *   p a pointer (void* will do)  o a class result constructed into out
 * so `double Sum(double, double)` of a class is "ddd", a constructor
 * MyClass(int) is "vi", `std::string name(int)` is "oi". */
enum DlEntryKind {
  DL_ENTRY_NONE = 0,    /* no entry: call the stub (see DlEntry.missing) */
  DL_ENTRY_PLAIN = 1,   /* cannot throw: no error parameter */
  DL_ENTRY_CHECKED = 2  /* trailing DlError* parameter */
};

/* Why a function has no entry (DlEntry.missing, when kind is DL_ENTRY_NONE). */
enum DlEntryMissing {
  DL_ENTRY_MISSING_NONE = 0,         /* it has one */
  DL_ENTRY_MISSING_UNRECORDED = 1,   /* dictionary older than ABI 1.4 */
  DL_ENTRY_MISSING_NOT_GENERATED = 2,/* the generator made none (genreflex
                                        makes them for every dictionary) */
  DL_ENTRY_MISSING_SIGNATURE = 3,    /* an argument or result no entry passes
                                        (arrays, rvalue references to builtins,
                                        __int128...), or an entry the C++
                                        compiler rejected where the stub
                                        compiled */
  DL_ENTRY_MISSING_NOT_CALLABLE = 4  /* destructors, protected members,
                                        constructors of abstract classes */
};

/* One per function, parallel to DlDictionary.functions. */
typedef struct DlEntry {
  void* address;      /* null when kind is DL_ENTRY_NONE */
  uint32_t kind;      /* DlEntryKind */
  uint32_t missing;   /* DlEntryMissing */
  uint32_t signature; /* string pool offset: the signature text ("" if none) */
  uint32_t reserved;
} DlEntry;

enum DlErrorKind {
  DL_ERROR_NONE = 0,
  DL_ERROR_EXCEPTION = 1, /* derived from std::exception: what() copied */
  DL_ERROR_OTHER = 2      /* any other type: what holds "unknown C++ exception" */
};

#define DL_ERROR_TYPE_SIZE 256u
#define DL_ERROR_WHAT_SIZE 1024u

/* Where a checked entry stores a C++ exception. Texts are NUL-terminated and
 * truncated to fit. */
typedef struct DlError {
  uint32_t kind;      /* DlErrorKind */
  uint32_t reserved;
  void* exception;    /* a new'd std::exception_ptr* holding the exception (for
                         clients that map or rethrow it by type); released by
                         dictloader_error_release, may be null */
  char type_name[DL_ERROR_TYPE_SIZE]; /* the exception's dynamic type,
                                         demangled: "std::runtime_error" */
  char what[DL_ERROR_WHAT_SIZE];
} DlError;

/* What a client needs to keep objects of a class in storage it owns (ABI
 * 1.4), one per scope, parallel to DlDictionary.scopes (zero for namespaces). */
enum DlObjectFlags {
  DL_OBJECT_TRIVIAL_DESTRUCTOR = 1u << 0,  /* std::is_trivially_destructible */
  DL_OBJECT_NO_DESTRUCTOR_EFFECT = 1u << 1 /* trivially destructible, or its
                                              destructor, those of its bases and
                                              of its members are all empty inline
                                              bodies: skipping it changes nothing */
};

typedef struct DlObjectOps {
  uint64_t align; /* alignof, 0 for namespaces */
  uint32_t flags; /* DlObjectFlags */
  uint32_t reserved;
  /* Storage for one object on the C++ heap, not constructed; null if
   * allocation failed. What destroy frees. It is exactly
   * `::operator new(sizeof(T), std::align_val_t(alignof(T)), std::nothrow)`,
   * so a loader can free storage in which no object was made (a constructor
   * that threw) with the matching `::operator delete(p, std::align_val_t(align))`. */
  void* (*allocate)(void);
  /* Runs the destructor of the object at self (constructed in storage from
   * allocate) and frees that storage. Null if the destructor is not public. */
  void (*destroy)(void* self);
  /* `new T(std::move(*object))`: a heap copy that C++ code may delete; the
   * original is left moved-from (its storage still the caller's). Null if the
   * class cannot be moved or copied; returns null if the constructor threw. */
  void* (*move_to_heap)(void* object);
} DlObjectOps;

/* --- enum types (ABI 1.5) ----------------------------------------------
 *
 * An argument, result or data member of an enum type (also through a
 * reference, `const E&`, and the elements of an array of enums) keeps its
 * builtin spelling in DlArgument.type, DlFunction.result_type and
 * DlDataMember.type (the promoted underlying type: what PyPy's _cppyy
 * converts). The tables argument_enums, result_enums and data_enums, parallel
 * to arguments, functions and data, say which enum it is: a string pool
 * offset of the enum's fully qualified name ("HepMC3::Units::LengthUnit"),
 * or DLDICT_NONE where the type is not a named enum. The enum itself may be
 * described by another dictionary, or by none. */

/* --- smart pointers (ABI 1.6) ---------------------------------------------
 *
 * A std::shared_ptr<T> or std::unique_ptr<T> (default deleter) that a
 * dictionary describes is a class scope (its size, delete, constructors,
 * get()) and one DlSmartPointer record saying what clients need to treat it
 * as a T that it keeps alive. T is named as written, const included
 * ("const ns::Particle"); records are listed by scope index. The functions
 * take and write objects in storage the caller owns ("out": sizeof and
 * alignof the smart pointer, not constructed) and never throw. */
enum DlSmartPointerKind {
  DL_SMART_SHARED = 1, /* std::shared_ptr<T> */
  DL_SMART_UNIQUE = 2  /* std::unique_ptr<T> */
};

typedef struct DlSmartPointer {
  uint32_t scope;   /* the smart pointer's scope index */
  uint32_t kind;    /* DlSmartPointerKind */
  uint32_t pointee; /* T as written, string pool offset: "const ns::Particle" */
  uint32_t reserved;
  /* The T* it holds (null for an empty one); `smart` is the smart pointer. */
  void* (*get)(const void* smart);
  /* new (out) std::shared_ptr<T>(*smart): a copy (shared only; null for
   * unique_ptr). */
  void (*copy)(const void* smart, void* out);
  /* new (out) std::shared_ptr<void>(const_pointer_cast of *smart): shares
   * ownership with an untyped pointer (shared only). The loader owns what
   * std::shared_ptr<void> is and destroys it. */
  void (*to_void)(const void* smart, void* out_void);
  /* new (out) std::shared_ptr<T>(*shared_void, static_cast<T*>(raw)): the
   * aliasing constructor, sharing ownership with shared_void and pointing at
   * raw, a T* inside what it owns (shared only). With to_void this passes a
   * shared_ptr<Derived> of one dictionary where another's shared_ptr<Base>
   * is expected. */
  void (*from_void)(const void* shared_void, void* raw, void* out);
  /* new (out) std::shared_ptr<T>(static_cast<T*>(object)) (or unique_ptr):
   * takes ownership of an object made by `new T` (a constructor's stub, or
   * DlObjectOps.move_to_heap); for a T derived from enable_shared_from_this
   * this also sets up shared_from_this(). Returns 0, or non-zero if
   * allocating the control block threw (object is then deleted). Null if T's
   * destructor is not public. */
  int (*adopt)(void* object, void* out);
} DlSmartPointer;

/* --- exception classes (ABI 1.7) -----------------------------------------
 *
 * The classes a dictionary describes that clients raise as exceptions of
 * their own type: those derived from std::exception, and those the headers'
 * code throws by value. One record per such class, listed by scope index.
 * With it a client turns a caught C++ exception (a std::exception_ptr: a
 * checked entry's DlError.exception, or take_stub_exception below) into an
 * object of the most derived exception class that some dictionary describes
 * and that catches it (dictloader_error_object, direct_calls.h). */
typedef struct DlExceptionClass {
  uint32_t scope; /* the class's scope index */
  uint32_t reserved;
  /* Rethrows the exception of *caught (a const std::exception_ptr*) and
   * catches it as `const T&`: returns `new T(that)`, a copy that the class's
   * delete stub destroys, or null when the exception is no T (also through an
   * ambiguous or non-public base) or copying it threw. Never throws. Null when
   * T cannot be copied (abstract, no public copy constructor): the class is
   * still an exception class, and its exceptions are copied as the nearest
   * base that can be. */
  void* (*copy_caught)(const void* caught);
} DlExceptionClass;

/* --- dispatchers (ABI 1.8) -----------------------------------------------
 *
 * A class C with virtual functions that can be derived from (not final,
 * with an accessible constructor and destructor) gets one dispatcher: a
 * class the dictionary defines, derived from C, that overrides every virtual
 * function of C it can (its slots). A Python class deriving from C is backed
 * by dispatcher objects. Each object holds a client handle `self` and the
 * slots Python overrides (`overridden`, one byte per slot, set with
 * DlDispatcher.set_self); an override whose byte is set calls the
 * dictionary's callback (*DlDictionary.dispatch_callback, which the loader
 * fills when it registers the dictionary) with the slot's function record,
 * else it calls C's own implementation. The dictionary never calls the client
 * itself and does not link the loader.
 *
 * The function records a dispatcher names lie in DlDictionary.functions
 * outside every scope's range (so older loaders never see them); their
 * `scope` is C's, their arguments and results are described as for any
 * function (DlArgument.passing included):
 *  - constructors (DL_FUNC_CONSTRUCTOR): the stub makes a dispatcher object
 *    with `new` from C's constructor of these arguments (public and
 *    protected ones; also for an abstract C) and writes its address as a C*;
 *  - slots (DL_FUNC_METHOD, DL_FUNC_VIRTUAL, DL_FUNC_PURE where pure): the
 *    stub calls C's own implementation without virtual dispatch (what
 *    Python's super().f() reaches); that of a pure virtual function fails.
 *
 * The callback, for a slot: args[i] points at argument i as a stub's
 * args[i] would (DlArgument.passing); result points at storage for the
 * result, where the client writes what a stub would write for a result of
 * the slot's result_type with these exceptions: a class or std::string by
 * value or by reference, a pointer to an object of that class (copied at
 * once by the override; for `T&` the object itself); a builtin or enum by
 * const reference, its value. What the client writes must stay valid until
 * the callback returns and the override has copied it. A Python exception is
 * reported by the callback throwing a C++ exception (the loader's), which
 * leaves the override as the virtual function's exception. For `slot` null
 * the callback is told that the object is being destroyed (by its C++
 * owner): args and result are null, nothing is thrown.
 * C's protected members (methods and data, also of its bases) are described
 * in C's own ranges with DL_FUNC_PROTECTED / DL_DATA_PROTECTED; their stubs
 * reach them legally on any object of C. */
typedef void (*DlDispatchCallback)(void* self, const DlFunction* slot, void* const* args, void* result);

typedef struct DlDispatcher {
  uint32_t scope; /* C's scope index */
  uint32_t flags; /* 0 (reserved) */
  uint32_t first_constructor, num_constructors; /* function records */
  uint32_t first_slot, num_slots;               /* function records, in slot order */
  uint64_t size;                                /* sizeof the dispatcher class */
  /* delete of a dispatcher object given as its C* (the stub shape: self is
   * the object; 0, or non-zero with the destructor's what() in error) */
  DlStubFn delete_object;
  /* Sets the client handle and the slots Python overrides of the dispatcher
   * object at `object` (a C*). overridden: num_slots bytes that stay valid
   * while the object may call them (null with self null: none). With a null
   * self the object calls C's implementations and tells nobody when it is
   * destroyed. */
  void (*set_self)(void* object, void* self, const unsigned char* overridden);
} DlDispatcher;

typedef struct DlDictionary {
  uint32_t magic;        /* DLDICT_MAGIC */
  uint16_t abi_major;    /* DLDICT_ABI_MAJOR */
  uint16_t abi_minor;    /* DLDICT_ABI_MINOR at generation time */
  uint32_t header_size;  /* sizeof(DlDictionary) as generated */
  uint32_t flags;        /* DlDictionaryFlags */
  const char* strings;   /* string pool, NUL-terminated entries */
  uint32_t strings_size; /* bytes in the pool, including the final NUL */
  uint32_t name;         /* dictionary name, e.g. "MyClass" */
  uint32_t generator;    /* "genreflex <version>" */
  uint32_t reserved;
  const DlScope* scopes;
  uint32_t num_scopes;
  uint32_t pad0;
  const DlFunction* functions;
  uint32_t num_functions;
  uint32_t pad1;
  const DlArgument* arguments;
  uint32_t num_arguments;
  uint32_t pad2;
  const DlDataMember* data;
  uint32_t num_data;
  uint32_t pad3;
  const DlBase* bases;
  uint32_t num_bases;
  uint32_t pad4;
  const DlEnum* enums;
  uint32_t num_enums;
  uint32_t pad5;
  const DlEnumerator* enumerators;
  uint32_t num_enumerators;
  uint32_t pad6;
  const DlTypedef* typedefs;
  uint32_t num_typedefs;
  uint32_t pad7;
  /* ABI 1.4 (present when header_size covers them): */
  const DlEntry* entries; /* num_functions records, or null */
  const DlObjectOps* objects; /* num_scopes records, or null */
  /* ABI 1.5 (present when header_size covers them): the enum types, see
   * "enum types" above. Each is null, or has one record per argument,
   * function or data member. */
  const uint32_t* argument_enums; /* num_arguments records */
  const uint32_t* result_enums;   /* num_functions records */
  const uint32_t* data_enums;     /* num_data records */
  /* ABI 1.6 (present when abi_minor >= 6 and header_size covers them): */
  const DlSmartPointer* smart_pointers; /* num_smart_pointers records, or null */
  uint32_t num_smart_pointers;
  uint32_t pad8;
  /* ABI 1.7 (present when abi_minor >= 7 and header_size covers them): */
  const DlExceptionClass* exception_classes; /* num_exception_classes records, or null */
  uint32_t num_exception_classes;
  uint32_t pad9;
  /* A stub reports a C++ exception as text (DlStubFn); it also keeps the
   * exception itself, per thread, until this takes it: the exception the
   * calling thread's last failed stub call of this dictionary caught, as a
   * new'd std::exception_ptr* (the caller deletes it), or null if none was
   * caught since the last take. Never throws. */
  void* (*take_stub_exception)(void);
  /* ABI 1.8 (present when abi_minor >= 8 and header_size covers them): */
  const DlDispatcher* dispatchers; /* num_dispatchers records by scope, or null */
  uint32_t num_dispatchers;
  uint32_t pad10;
  DlDispatchCallback* dispatch_callback; /* the dictionary's callback slot (null
                                            without dispatchers): the loader
                                            writes its own function there */
} DlDictionary;

enum DlDictionaryFlags {
  DL_DICT_HAS_FUNCTION_ADDRESSES = 1u << 0, /* generated with --methptrgetter */
  DL_DICT_FAST_PATH_ALL = 1u << 1           /* generated with --methptrgetter=all (ABI 1.1) */
};

#ifdef __cplusplus
}
#endif

#endif /* DICTLOADER_DICTIONARY_ABI_H */
