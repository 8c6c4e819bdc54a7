"""Which client of libdictloader's C API runs `import cppyy` here: `ext`.

CPython: the extension module _cppyy_cpython (pyshim/cpython/). PyPy: _cffi_ext,
pure Python over PyPy's built-in _cffi_backend, so the JIT compiles the calls
(CPPYY_CLIENT=_cppyy keeps PyPy's own _cppyy module instead: see __init__).
"""
import os
import sys

if sys.implementation.name == "pypy":
    from . import _cffi_ext as ext
    from ._backend import backend_library_path

    library = os.environ.get("CPPYY_BACKEND_LIBRARY") or backend_library_path()  # the libdictloader used
    ext.open_backend(library)
else:
    from . import _cppyy_cpython as ext  # noqa: F401

    library = None  # the extension module is linked against libdictloader
