"""cppyy: call C++ from Python through reflection dictionaries made by genreflex.

    import cppyy
    cppyy.load_reflection_info("libMyClassDict.so")
    obj = cppyy.gbl.MyClass()
    obj.MyFunc()

std::string results and data members are str.

Clients of libdictloader's C API, one per interpreter, under one Python API
(_scopes: what a C++ name becomes in Python, shared):
  - CPython: the extension module _cppyy_cpython (pyshim/cpython/);
  - PyPy: _cffi_ext, over PyPy's built-in _cffi_backend, which the JIT compiles
    to direct calls (the default; CPPYY_CLIENT=cffi);
  - PyPy's own built-in _cppyy module pointed at libdictloader, with its
    pythonizations (_pypy*): CPPYY_CLIENT=_cppyy.
_libdictloader binds the native API for the _cppyy client.
"""
import os as _os
import sys as _sys

__all__ = [
    "gbl", "load_reflection_info", "load_library", "load_lib", "addressof", "bind_object",
    "nullptr", "DictionaryError", "CppException", "fast_path_addresses", "add_catalog",
]

_ON_PYPY = _sys.implementation.name == "pypy"
_CLIENT = _os.environ.get("CPPYY_CLIENT", "cffi" if _ON_PYPY else "cpython")
if _ON_PYPY and _CLIENT not in ("_cppyy", "cffi"):
    raise ImportError("cppyy: CPPYY_CLIENT=%r: expected cffi or _cppyy" % _CLIENT)
_RAW_CPPYY = _ON_PYPY and _CLIENT == "_cppyy"

if _RAW_CPPYY:
    from ._backend import backend_library_path as _backend_library_path

    # _cppyy reads the backend's location from the environment at its first call.
    _library = _os.environ.setdefault("CPPYY_BACKEND_LIBRARY", _backend_library_path())

    from . import _libdictloader
    from ._libdictloader import DictionaryError
    from ._pypy import gbl, nullptr, addressof, bind_object

    CppException = Exception  # what _cppyy raises for a C++ exception

    def _const_view(obj):  # _cppyy has no const proxies: it calls the C API's first overload that converts
        return obj

    def _is_const(obj):
        return False

    _load_dictionary = _libdictloader.load_dictionary
    _load_library = _libdictloader.load_library
    _add_catalog = _libdictloader.add_catalog
else:
    from ._scopes import gbl, nullptr, addressof, bind_object, DictionaryError, CppException
    from . import _scopes
    from ._scopes import const_view as _const_view, is_const as _is_const
    from ._client import library as _library

    _load_dictionary = _scopes.load_reflection_info
    _load_library = _scopes.load_library
    _add_catalog = _scopes.add_catalog

# `from cppyy.gbl import std, ns` as with cppyy: the import system finds gbl
# here and takes the names from it as attributes.
_sys.modules.setdefault(__name__ + ".gbl", gbl)


def load_reflection_info(path):
    """Loads the dictionary library at path and makes its C++ names available in gbl."""
    path = _os.fspath(path) if isinstance(path, _os.PathLike) else path
    if not isinstance(path, str):
        raise TypeError("load_reflection_info() expects a path (str or os.PathLike), got %s"
                        % type(path).__name__)
    _load_dictionary(path)
    return path


def load_library(path):
    """Loads a shared library globally (a dictionary, or a library a dictionary needs).
    It stays loaded for the life of the process."""
    _load_library(path)
    return path


def add_catalog(path):
    """Asks the catalog file at path (made by genreflex --catalog) for C++ names no loaded
    dictionary has, before DICTLOADER_CATALOG's and the per-user catalog; the library
    that provides a name is loaded on its first use. Raises DictionaryError naming the
    file if it is not a readable catalog."""
    path = _os.fspath(path) if isinstance(path, _os.PathLike) else path
    if not isinstance(path, str):
        raise TypeError("add_catalog() expects a path (str or os.PathLike), got %s" % type(path).__name__)
    _add_catalog(path)
    return path


def fast_path_addresses(scope, name):
    """The raw addresses the JIT calls for the overloads of scope::name (0 where an
    overload has none: no --methptrgetter, or the function may throw).

    scope is a qualified C++ name ("ns::MyClass", "" for the global namespace).
    Raises LookupError if scope or name is unknown."""
    if not _RAW_CPPYY:
        return _scopes.fast_path_addresses(scope, name)
    from . import _libdictloader

    handle = _libdictloader.scope_handle(scope)
    if handle == 0:
        raise LookupError("no C++ scope %r" % scope)
    methods = _libdictloader.methods_named(handle, name)
    if methods is None:
        raise LookupError("no function %r in %r" % (name, scope))
    return [_libdictloader.function_address(method) for method in methods]


# The name the 2010 talk used.
load_lib = load_reflection_info
