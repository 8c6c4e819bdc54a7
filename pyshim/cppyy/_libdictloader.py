"""libdictloader's native API, and the few cppyy C API calls the package makes itself.

Bound through _cffi_backend's ABI-level calls (types built by hand, no cdef
parser): PyPy has the module built in, it imports in well under a millisecond
where `import ctypes` costs about 50 ms, and its JIT compiles the calls.
Interpreter-neutral: a CPython backend can use it as it is.
"""
import os

import _cffi_backend as _cffi


class DictionaryError(RuntimeError):
    """A dictionary could not be loaded (missing, not a dictionary, incompatible or damaged)."""


_char_p = _cffi.new_pointer_type(_cffi.new_primitive_type("char"))
_int = _cffi.new_primitive_type("int")
_size_t = _cffi.new_primitive_type("size_t")
_size_t_p = _cffi.new_pointer_type(_size_t)
_char_pp = _cffi.new_pointer_type(_char_p)
_intptr_t = _cffi.new_primitive_type("intptr_t")
_void_p = _cffi.new_pointer_type(_cffi.new_void_type())
_INDEX_END = (1 << (8 * _cffi.sizeof(_size_t))) - 1  # cppyy_index_t(-1) ends an index list

# name: (result, arguments); cppyy_scope_t is size_t, cppyy_method_t intptr_t.
_SIGNATURES = {
    "dictloader_load": (_int, (_char_p,)),
    "dictloader_last_error": (_char_p, ()),
    "dictloader_autoload_error": (_char_p, (_char_p,)),
    "dictloader_add_catalog": (_int, (_char_p,)),
    "cppyy_free": (_cffi.new_void_type(), (_void_p,)),
    "cppyy_resolve_name": (_char_p, (_char_p,)),
    "cppyy_get_scope": (_size_t, (_char_p,)),
    "cppyy_num_methods": (_int, (_size_t,)),
    "cppyy_get_method": (_intptr_t, (_size_t, _size_t)),
    "cppyy_method_indices_from_name": (_size_t_p, (_size_t, _char_p)),
    "cppyy_method_name": (_char_p, (_intptr_t,)),
    "cppyy_method_result_type": (_char_p, (_intptr_t,)),
    "cppyy_method_num_args": (_int, (_intptr_t,)),
    "cppyy_method_arg_type": (_char_p, (_intptr_t, _int)),
    "cppyy_call_r": (_void_p, (_intptr_t, _void_p, _int, _void_p)),
    "cppyy_allocate_function_args": (_void_p, (_int,)),
    "cppyy_deallocate_function_args": (_cffi.new_void_type(), (_void_p,)),
    "cppyy_size_of_type": (_size_t, (_char_p,)),
    "cppyy_function_address": (_void_p, (_intptr_t,)),
    "cppyy_num_datamembers": (_int, (_size_t,)),
    "cppyy_datamember_name": (_char_p, (_size_t, _int)),
    "cppyy_datamember_type": (_char_p, (_size_t, _int)),
    "cppyy_stdstring2charp": (_char_p, (_void_p, _size_t_p)),
    "cppyy_charp2stdstring": (_void_p, (_char_p, _size_t)),
    "cppyy_destruct": (_cffi.new_void_type(), (_size_t, _void_p)),
    # enum types (native API 5)
    "dictloader_method_arg_type": (_char_p, (_intptr_t, _int)),
    "dictloader_method_result_type": (_char_p, (_intptr_t,)),
    "dictloader_datamember_type": (_char_p, (_size_t, _int)),
    "dictloader_converter_for": (_int, (_char_p, _int, _void_p)),
    "cppyy_method_signature": (_char_p, (_intptr_t, _int)),
    "cppyy_is_constructor": (_int, (_intptr_t,)),
    "cppyy_is_enum": (_int, (_char_p,)),
    "cppyy_final_name": (_char_p, (_size_t,)),
    "cppyy_is_namespace": (_int, (_size_t,)),
    "cppyy_scoped_final_name": (_char_p, (_size_t,)),
    "cppyy_get_enum": (_void_p, (_size_t, _char_p)),
    "cppyy_get_num_enum_data": (_size_t, (_void_p,)),
    "cppyy_get_enum_data_name": (_char_p, (_void_p, _size_t)),
    "cppyy_get_enum_data_value": (_cffi.new_primitive_type("long long"), (_void_p, _size_t)),
}


class _Functions:
    """The functions above, looked up on first use."""

    def __init__(self, library):
        self._library = library

    def __getattr__(self, name):
        result, arguments = _SIGNATURES[name]
        function_type = _cffi.new_function_type(arguments, result, False, _cffi.FFI_DEFAULT_ABI)
        function = self._library.load_function(function_type, name)
        setattr(self, name, function)
        return function


_c = None
_libraries = []  # libraries load_library opened: kept for the life of the process


def open_backend(path):
    """Binds libdictloader at path; raises ImportError if it cannot be loaded."""
    global _c
    try:
        _c = _Functions(_cffi.load_library(path, _cffi.RTLD_NOW))
    except OSError as error:
        raise ImportError("cppyy: cannot load the backend %r: %s (set CPPYY_BACKEND_LIBRARY to "
                          "libdictloader.so)" % (path, error)) from None


def _take_text(pointer):
    """The text of a malloc'ed char* result, freed."""
    try:
        return _cffi.string(pointer).decode("utf-8", "replace")
    finally:
        _c.cppyy_free(pointer)


def load_dictionary(path):
    """dictloader_load(path); raises DictionaryError with the loader's reason."""
    if _c.dictloader_load(os.fsencode(path)) != 1:
        raise DictionaryError(_cffi.string(_c.dictloader_last_error()).decode("utf-8", "replace"))


def add_catalog(path):
    """dictloader_add_catalog(path); raises DictionaryError naming the file."""
    if _c.dictloader_add_catalog(os.fsencode(path)) != 1:
        raise DictionaryError(_cffi.string(_c.dictloader_last_error()).decode("utf-8", "replace"))


def autoload_error(name):
    """Why the catalogs' library for the C++ name could not be autoloaded, None if nothing failed."""
    why = _c.dictloader_autoload_error(name.encode())
    return _cffi.string(why).decode("utf-8", "replace") if why else None


def load_library(path):
    """dlopen(path, RTLD_NOW | RTLD_GLOBAL), never closed; raises DictionaryError."""
    try:
        _libraries.append(_cffi.load_library(os.fsencode(path), _cffi.RTLD_NOW | _cffi.RTLD_GLOBAL))
    except OSError as error:
        raise DictionaryError("cannot load %r: %s" % (path, error)) from None


def scope_handle(name):
    """The C API handle of the scope called name ("" is the global namespace); 0 if none."""
    return _c.cppyy_get_scope(name.encode())


def is_namespace(scope):
    return bool(_c.cppyy_is_namespace(scope))


def scoped_name(scope):
    """The qualified name of the scope at handle ("" for the global namespace)."""
    return _take_text(_c.cppyy_scoped_final_name(scope))


def resolve_name(name):
    return _take_text(_c.cppyy_resolve_name(name.encode()))


def _take_bytes(pointer):
    """The bytes of a malloc'ed char* result, freed."""
    try:
        return _cffi.string(pointer)
    finally:
        _c.cppyy_free(pointer)


def method_result_types(scope):
    """(method handle, result type as UTF-8 bytes) of every function of scope."""
    # Runs once per method of every class built: kept to plain local calls.
    get_method, result_type, string, free = (_c.cppyy_get_method, _c.cppyy_method_result_type, _cffi.string,
                                             _c.cppyy_free)
    listed = []
    for index in range(_c.cppyy_num_methods(scope)):
        method = get_method(scope, index)
        type_name = result_type(method)
        listed.append((method, string(type_name)))
        free(type_name)
    return listed


def method_name(method):
    return _take_text(_c.cppyy_method_name(method))


def function_count(scope):
    return _c.cppyy_num_methods(scope)


def operator_functions(scope):
    """[(name, method handle)] of the scope's functions whose name starts with "operator"."""
    found = []
    for index in range(_c.cppyy_num_methods(scope)):
        method = _c.cppyy_get_method(scope, index)
        name = _take_text(_c.cppyy_method_name(method))
        if name.startswith("operator"):
            found.append((name, method))
    return found


def method_num_args(method):
    return _c.cppyy_method_num_args(method)


def methods_named(scope, name):
    """The method handles of the overloads of scope::name; None if there is no such function."""
    indices = _c.cppyy_method_indices_from_name(scope, name.encode())
    if not indices:  # a NULL cdata pointer is false
        return None
    try:
        found = []
        i = 0
        while indices[i] != _INDEX_END:
            found.append(_c.cppyy_get_method(scope, indices[i]))
            i += 1
        return found
    finally:
        _c.cppyy_free(indices)


def argument_types(method):
    """The argument types of method, each as UTF-8 bytes."""
    return [_take_bytes(_c.cppyy_method_arg_type(method, index)) for index in range(_c.cppyy_method_num_args(method))]


def call_for_address(method, address):
    """Calls method, which takes no arguments and returns a pointer, on the object at
    address (an int); gives the pointer as an int."""
    arguments = _c.cppyy_allocate_function_args(0)
    try:
        return int(_cffi.cast(_intptr_t, _c.cppyy_call_r(method, _cffi.cast(_void_p, address), 0, arguments)))
    finally:
        _c.cppyy_deallocate_function_args(arguments)


def size_of_type(name):
    """sizeof the named type (a builtin or a described class); 0 if unknown."""
    return _c.cppyy_size_of_type(name.encode())


def result_type(method):
    """The result type of method as UTF-8 bytes."""
    return _take_bytes(_c.cppyy_method_result_type(method))


def function_address(method):
    """The fast-path address of method, 0 if it has none."""
    return int(_cffi.cast(_intptr_t, _c.cppyy_function_address(method)))


def data_members(scope):
    """(name, type as UTF-8 bytes) of every data member of scope."""
    return [(_take_text(_c.cppyy_datamember_name(scope, index)), _take_bytes(_c.cppyy_datamember_type(scope, index)))
            for index in range(_c.cppyy_num_datamembers(scope))]


# --- enum types (native API 5) -------------------------------------------------------------
_converter_struct = _cffi.new_struct_type("dictloader_converter")
_cffi.complete_struct_or_union(_converter_struct, [("kind", _int, -1), ("flags", _cffi.new_primitive_type("unsigned int"), -1),
                                                   ("klass", _size_t, -1)])
_converter_p = _cffi.new_pointer_type(_converter_struct)
_CONVERT_ENUM, _CONVERT_SCOPED_ENUM = 24, 16


def enum_of_type(type_name):
    """(enum scope handle, scoped) of a type as dictloader_method_arg_type
    spells it ("ns::E", "const ns::E&", "ns::E[2]"); (0, False) if no enum."""
    out = _cffi.newp(_converter_p)
    _c.dictloader_converter_for(type_name.split("[", 1)[0].encode(), 1, out)
    if out.kind != _CONVERT_ENUM:
        return 0, False
    return out.klass, bool(out.flags & _CONVERT_SCOPED_ENUM)


def method_enums(method):
    """(the enum handle of each argument, 0 where none; the result's; the
    signature "ns::E, int" that __overload__ takes)."""
    arguments = tuple(enum_of_type(_take_text(_c.dictloader_method_arg_type(method, index)))[0]
                      for index in range(_c.cppyy_method_num_args(method)))
    result = enum_of_type(_take_text(_c.dictloader_method_result_type(method)))[0]
    return arguments, result, _take_text(_c.cppyy_method_signature(method, 0))[1:-1]


def is_constructor(method):
    return bool(_c.cppyy_is_constructor(method))


def data_member_enums(scope):
    """(name, enum handle, is an array) of the data members of scope of an enum type."""
    found = []
    for index in range(_c.cppyy_num_datamembers(scope)):
        type_name = _take_text(_c.dictloader_datamember_type(scope, index))
        handle = enum_of_type(type_name)[0]
        if handle:
            found.append((_take_text(_c.cppyy_datamember_name(scope, index)), handle, "[" in type_name))
    return found


def is_enum(name):
    return bool(_c.cppyy_is_enum(name.encode()))


def enum_description(handle):
    """(unqualified name, qualified name, scoped, [(name, value)]) of the enum at handle."""
    final = _take_text(_c.cppyy_final_name(handle))
    qualified = _take_text(_c.cppyy_scoped_final_name(handle))
    scoped = enum_of_type(qualified)[1]
    enum = _c.cppyy_get_enum(_c.cppyy_get_scope(qualified.rpartition("::")[0].encode()), final.encode())
    values = []
    if enum:
        for index in range(_c.cppyy_get_num_enum_data(enum)):
            values.append((_take_text(_c.cppyy_get_enum_data_name(enum, index)),
                           _c.cppyy_get_enum_data_value(enum, index)))
    return final, qualified, scoped, values


def _std_string_bytes_by_call(address):
    size = _cffi.newp(_size_t_p)
    chars = _c.cppyy_stdstring2charp(_cffi.cast(_void_p, address), size)
    return _cffi.unpack(chars, size[0])


def _std_string_bytes_by_layout(address):
    # libstdc++'s std::string begins with its data pointer and its size: read
    # in place, that is two loads the JIT compiles, where a call costs ~40 ns.
    return _cffi.unpack(_cffi.cast(_char_pp, address)[0], _cffi.cast(_size_t_p, address)[1])


def _layout_matches():
    """True if _std_string_bytes_by_layout agrees with the C API on this build's
    std::string, for a short (in-place) and a long (heap) text with a NUL."""
    scope = _c.cppyy_get_scope(b"std::string")
    for text in (b"a\0b", b"dictloader\0std::string layout check"):
        string = _c.cppyy_charp2stdstring(text, len(text))
        try:
            if _std_string_bytes_by_layout(int(_cffi.cast(_intptr_t, string))) != text:
                return False
            if _std_string_bytes_by_call(int(_cffi.cast(_intptr_t, string))) != text:
                return False
        finally:
            _c.cppyy_destruct(scope, string)
    return True


def _std_string_bytes_first(address):
    global std_string_bytes
    std_string_bytes = _std_string_bytes_by_layout if _layout_matches() else _std_string_bytes_by_call
    return std_string_bytes(address)


# std_string_bytes(address): the bytes held by the std::string at address
# (embedded NULs included). Chosen on first use.
std_string_bytes = _std_string_bytes_first
