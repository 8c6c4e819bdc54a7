"""cppyy: call C++ from Python through reflection dictionaries made by genreflex.

On PyPy this is a thin layer over the built-in ``_cppyy`` module (with its JIT
fast path), pointed at ``libdictloader.so``::

    import cppyy
    cppyy.load_reflection_info("libMyClassDict.so")
    obj = cppyy.gbl.MyClass()
    obj.MyFunc()
"""
import ctypes as _ctypes
import os as _os
import sys as _sys

from ._backend import backend_library_path as _backend_library_path

__all__ = [
    "gbl", "load_reflection_info", "load_library", "load_lib", "addressof", "bind_object",
    "nullptr", "DictionaryError", "fast_path_addresses",
]

if _sys.implementation.name != "pypy":
    raise ImportError(
        "cppyy: this build supports PyPy only (run your script with pypy3); "
        "the CPython extension is not part of this build yet")


class DictionaryError(RuntimeError):
    """A dictionary could not be loaded (missing, not a dictionary, incompatible or damaged)."""


# _cppyy reads the backend's location from the environment at its first call.
_os.environ.setdefault("CPPYY_BACKEND_LIBRARY", _backend_library_path())
_library = _os.environ["CPPYY_BACKEND_LIBRARY"]
try:
    _native = _ctypes.CDLL(_library)
except OSError as error:
    raise ImportError("cppyy: cannot load the backend %r: %s (set CPPYY_BACKEND_LIBRARY to "
                      "libdictloader.so)" % (_library, error)) from None
_native.dictloader_load.argtypes = [_ctypes.c_char_p]
_native.dictloader_load.restype = _ctypes.c_int
_native.dictloader_last_error.restype = _ctypes.c_char_p
_native.cppyy_get_scope.restype = _ctypes.c_size_t
_native.cppyy_get_scope.argtypes = [_ctypes.c_char_p]
_native.cppyy_method_indices_from_name.restype = _ctypes.POINTER(_ctypes.c_size_t)
_native.cppyy_method_indices_from_name.argtypes = [_ctypes.c_size_t, _ctypes.c_char_p]
_native.cppyy_get_method.restype = _ctypes.c_ssize_t
_native.cppyy_get_method.argtypes = [_ctypes.c_size_t, _ctypes.c_size_t]
_native.cppyy_function_address.restype = _ctypes.c_void_p
_native.cppyy_function_address.argtypes = [_ctypes.c_ssize_t]
_native.cppyy_free.argtypes = [_ctypes.c_void_p]

import _cppyy  # noqa: E402  (after the environment is set)

_cppyy._post_import_startup()

gbl = _cppyy.gbl

# A typedef of a builtin resolves to the builtin's name, looked up on gbl:
# let those names stand for the Python types their values become.
for _names, _pytype in ((("bool",), bool),
                        (("short", "unsigned short", "int", "unsigned", "unsigned int", "long",
                          "unsigned long", "long long", "unsigned long long", "int8_t", "uint8_t",
                          "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t",
                          "size_t", "ptrdiff_t"), int),
                        (("float", "double", "long double"), float)):
    for _name in _names:
        if _name not in gbl.__dict__:
            setattr(gbl, _name, _pytype)
nullptr = _cppyy.nullptr
addressof = _cppyy.addressof
bind_object = _cppyy.bind_object


def load_reflection_info(path):
    """Loads the dictionary library at path and makes its C++ names available in gbl."""
    path = _os.fspath(path) if isinstance(path, _os.PathLike) else path
    if not isinstance(path, str):
        raise TypeError("load_reflection_info() expects a path (str or os.PathLike), got %s"
                        % type(path).__name__)
    if _native.dictloader_load(_os.fsencode(path)) != 1:
        raise DictionaryError(_native.dictloader_last_error().decode("utf-8", "replace"))
    return path


def load_library(path):
    """Loads a shared library globally (a dictionary, or a library a dictionary needs)."""
    try:
        _ctypes.CDLL(path, _ctypes.RTLD_GLOBAL)
    except OSError as error:
        raise DictionaryError("cannot load %r: %s" % (path, error)) from None
    return path


def fast_path_addresses(scope, name):
    """The raw addresses the JIT calls for the overloads of scope::name (0 where an
    overload has none: no --methptrgetter, or the function may throw).

    scope is a qualified C++ name ("ns::MyClass", "" for the global namespace).
    Raises LookupError if scope or name is unknown."""
    handle = _native.cppyy_get_scope(scope.encode())
    if handle == 0:
        raise LookupError("no C++ scope %r" % scope)
    indices = _native.cppyy_method_indices_from_name(handle, name.encode())
    if not indices:
        raise LookupError("no function %r in %r" % (name, scope))
    try:
        addresses = []
        i = 0
        while indices[i] != _ctypes.c_size_t(-1).value:
            method = _native.cppyy_get_method(handle, indices[i])
            addresses.append(_native.cppyy_function_address(method) or 0)
            i += 1
    finally:
        _native.cppyy_free(indices)
    return addresses


# The name the 2010 talk used.
load_lib = load_reflection_info
