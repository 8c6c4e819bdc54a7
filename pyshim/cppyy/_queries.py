"""Cold reflection queries of libdictloader's C API, the same for every client.

What cppyy's helpers (sizeof, ll's casts, addressof of a member, dir) ask the
backend and no call path needs: looked up by name, never on a hot path. PyPy
(both clients) asks through _capi (_cffi_backend); CPython through ctypes, on
the libdictloader the extension module is linked against (the same library: a
second dlopen of one file returns the loaded one), so the handles agree.
"""
import os
import sys

if sys.implementation.name == "pypy":
    from . import _capi

    def _functions():
        if _capi.c is None:  # raw _cppyy: nothing has opened it through _capi yet
            from ._backend import backend_library_path
            _capi.open_backend(os.environ.get("CPPYY_BACKEND_LIBRARY") or backend_library_path())
        return _capi.c

    def _text_list(pointer, count):
        try:
            return [_capi.take_text(pointer[i]) for i in range(count)]
        finally:
            _capi.c.cppyy_free(pointer)

    def all_cpp_names(scope):
        count = _capi.ffi.new("size_t*")
        names = _functions().cppyy_get_all_cpp_names(scope, count)
        return _text_list(names, count[0]) if names != _capi.NULL else []

    def _name(text):
        return text.encode("utf-8")

    def _pointer(address):
        return _capi.ffi.cast("void*", address)
else:
    from ._backend import backend_library_path

    _library = None
    ctypes = None  # imported at the first query, not at `import cppyy` (it costs start-up time)

    def _functions():
        global _library, ctypes
        if _library is None:
            import ctypes
            library = ctypes.CDLL(backend_library_path())
            for name, result, arguments in (
                    ("cppyy_get_scope", ctypes.c_size_t, [ctypes.c_char_p]),
                    ("cppyy_size_of_klass", ctypes.c_size_t, [ctypes.c_size_t]),
                    ("cppyy_size_of_type", ctypes.c_size_t, [ctypes.c_char_p]),
                    ("cppyy_is_namespace", ctypes.c_int, [ctypes.c_size_t]),
                    ("cppyy_is_subtype", ctypes.c_int, [ctypes.c_size_t, ctypes.c_size_t]),
                    ("cppyy_actual_class", ctypes.c_size_t, [ctypes.c_size_t, ctypes.c_void_p]),
                    ("cppyy_base_offset", ctypes.c_ssize_t,
                     [ctypes.c_size_t, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_int]),
                    ("cppyy_num_bases", ctypes.c_int, [ctypes.c_size_t]),
                    ("cppyy_base_name", ctypes.c_void_p, [ctypes.c_size_t, ctypes.c_int]),
                    ("cppyy_datamember_index", ctypes.c_int, [ctypes.c_size_t, ctypes.c_char_p]),
                    ("cppyy_datamember_offset", ctypes.c_ssize_t, [ctypes.c_size_t, ctypes.c_int]),
                    ("cppyy_is_staticdata", ctypes.c_int, [ctypes.c_size_t, ctypes.c_int]),
                    ("cppyy_get_all_cpp_names", ctypes.POINTER(ctypes.c_void_p),
                     [ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)]),
                    ("dictloader_add_rootmaps", ctypes.c_int, [ctypes.c_char_p]),
                    ("dictloader_set_debug", ctypes.c_int, [ctypes.c_int]),
                    ("dictloader_last_error", ctypes.c_char_p, []),
                    ("cppyy_free", None, [ctypes.c_void_p])):
                function = getattr(library, name)
                function.restype, function.argtypes = result, arguments
            _library = library
        return _library

    def _take_text(pointer):
        try:
            return ctypes.string_at(pointer).decode("utf-8", "replace")
        finally:
            _library.cppyy_free(pointer)

    def all_cpp_names(scope):
        functions = _functions()
        count = ctypes.c_size_t(0)
        names = functions.cppyy_get_all_cpp_names(scope, ctypes.byref(count))
        if not names:
            return []
        try:
            return [_take_text(names[i]) for i in range(count.value)]
        finally:
            _library.cppyy_free(names)

    def _name(text):
        return text.encode("utf-8")

    def _pointer(address):
        return address


def _last_error(functions):
    text = functions.dictloader_last_error()
    if not _ON_PYPY:
        return (text or b"").decode("utf-8", "replace")
    return _capi.string(text).decode("utf-8", "replace") if text != _capi.NULL else ""


def add_rootmaps(path):
    """Asks the rootmap file at path, or the rootmaps in the folder path, before
    LD_LIBRARY_PATH's; "" on success, else why not."""
    functions = _functions()
    if functions.dictloader_add_rootmaps(os.fsencode(path)) == 1:
        return ""
    return _last_error(functions)


def set_debug(enabled):
    """Whether the autoloader says on stderr what it loads for which name; returns the previous setting."""
    return bool(_functions().dictloader_set_debug(1 if enabled else 0))


def scope(cpp_name):
    """The C API's handle of a C++ class or namespace by its name, 0 if unknown."""
    return _functions().cppyy_get_scope(_name(cpp_name))


def is_namespace(handle):
    return bool(_functions().cppyy_is_namespace(handle))


def size_of_class(handle):
    return _functions().cppyy_size_of_klass(handle)


def size_of_type(cpp_name):
    """sizeof of a builtin type or a known class, 0 when the backend knows neither."""
    return _functions().cppyy_size_of_type(_name(cpp_name))


def is_subtype(derived, base):
    return bool(_functions().cppyy_is_subtype(derived, base))


def actual_class(handle, address):
    return _functions().cppyy_actual_class(handle, _pointer(address))


def base_offset(derived, base, address, direction):
    """What to add to an address of derived to reach base (direction > 0, an
    up-cast), or to one of base to reach derived (direction < 0)."""
    return _functions().cppyy_base_offset(derived, base, _pointer(address), direction)


def base_names(handle):
    functions = _functions()
    names = []
    for i in range(functions.cppyy_num_bases(handle)):
        pointer = functions.cppyy_base_name(handle, i)
        names.append(_capi.take_text(pointer) if _ON_PYPY else _take_text(pointer))
    return names


def data_member(handle, name):
    """(offset, is_static) of the data member name of the class handle, None if it has none by that name.
    A static member's offset is its address."""
    functions = _functions()
    index = functions.cppyy_datamember_index(handle, _name(name))
    if index < 0:
        return None
    return functions.cppyy_datamember_offset(handle, index), bool(functions.cppyy_is_staticdata(handle, index))


_ON_PYPY = sys.implementation.name == "pypy"
