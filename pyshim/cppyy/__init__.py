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

from ._backend import VERSION as __version__

__all__ = [
    "gbl", "load_reflection_info", "load_library", "load_lib", "addressof", "bind_object",
    "nullptr", "DictionaryError", "CppException", "fast_path_addresses", "add_catalog", "py",
    "add_library_path", "add_autoload_map", "set_debug", "sizeof", "multi", "ll", "RuntimeCompilerError",
    "cppdef", "cppexec", "include", "c_include", "macro", "add_include_path", "typeid",
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

# addressof(obj, 'member'): the member's address, from the dictionary's offsets
_object_address = addressof


def addressof(obj, field=None):
    """The address of a C++ object (or of a view's data), or with field that of its data member field."""
    if field is None:
        return _object_address(obj)
    return _helpers.member_address(obj, _object_address(obj), field)


from . import _helpers, _queries
from ._helpers import sizeof, multi, RuntimeCompilerError

# cppyy's functions that need a C++ compiler at run time: each raises RuntimeCompilerError saying what to do
cppdef = _helpers.compiler_functions["cppdef"]
cppexec = _helpers.compiler_functions["cppexec"]
include = _helpers.compiler_functions["include"]
c_include = _helpers.compiler_functions["c_include"]
macro = _helpers.compiler_functions["macro"]
add_include_path = _helpers.compiler_functions["add_include_path"]
typeid = _helpers.compiler_functions["typeid"]

# cppyy.py: the user's pythonizations (raw _cppyy runs its own)
from . import _pythonization as py
if _RAW_CPPYY:
    import _cppyy

    py._raw = _cppyy

# `from cppyy.gbl import std, ns` as with cppyy: the import system finds gbl
# here and takes the names from it as attributes. `from cppyy.gbl.ns import X`
# and `import cppyy.gbl.ns`: the module is the C++ scope itself, found by the
# importer below, and a scope is a package (its names are its "submodules").
_sys.modules.setdefault(__name__ + ".gbl", gbl)


class _ScopeImporter(object):
    _prefix = __name__ + ".gbl."

    def _scope(self, fullname):
        scope = gbl
        for part in fullname[len(self._prefix):].split("."):
            try:
                scope = getattr(scope, part)
            except AttributeError:
                return None
        return scope

    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith(self._prefix) or self._scope(fullname) is None:
            return None
        import importlib.machinery
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        return self._scope(spec.name)

    def exec_module(self, module):
        # the import system names a missing name by the package's __name__,
        # which raw _cppyy's namespaces have already ("outer", not the module's)
        if getattr(module, "__name__", None) != module.__spec__.name:
            try:
                module.__name__ = module.__spec__.name
            except (AttributeError, TypeError):
                pass


def _install_scope_importer():
    import importlib.machinery
    importer = _ScopeImporter()
    try:  # a package, for the import system (which names a missing name by the package's __name__)
        gbl.__path__ = []
        gbl.__spec__ = importlib.machinery.ModuleSpec(__name__ + ".gbl", importer, is_package=True)
        gbl.__name__ = __name__ + ".gbl"
    except (AttributeError, TypeError):  # a client whose global namespace takes no attributes
        return
    _sys.meta_path.append(importer)


_install_scope_importer()


def _library_candidates(name):
    """The files a library name may mean, as cppyy (ROOT's TSystem) reads it: the
    name itself, with the suffix .so, and with the prefix lib when the name has
    none; a name without a folder is looked for in add_library_path's folders,
    LD_LIBRARY_PATH's and the current folder, and is else left to the dynamic
    linker's own search."""
    folder, base = _os.path.split(name)
    bases = [base]
    if not base.endswith(".so") and ".so." not in base:
        bases.append(base + ".so")
    if not base.startswith("lib"):
        bases += ["lib" + b for b in bases]
    if folder:
        return [_os.path.join(folder, b) for b in bases]
    folders = _library_paths + [f for f in _os.environ.get("LD_LIBRARY_PATH", "").split(":") if f] + [_os.curdir]
    return [_os.path.join(f, b) for b in bases for f in folders]


_library_paths = []  # add_library_path's, newest first


def add_library_path(path):
    """Looks for libraries named without a folder (load_library,
    load_reflection_info) in path first, before LD_LIBRARY_PATH's folders and
    the current folder. Raises OSError if path is no folder."""
    path = _os.fspath(path)
    if not _os.path.isdir(path):
        raise OSError("add_library_path(%r): no such folder" % (path,))
    path = _os.path.abspath(path)
    if path in _library_paths:
        _library_paths.remove(path)
    _library_paths.insert(0, path)
    error = _queries.add_rootmaps(path)  # its rootmaps too, as ROOT reads its dynamic path's
    if error:
        raise DictionaryError(error)


def add_autoload_map(fname):
    """Reads the rootmap file fname (genreflex --rootmap): a name it lists loads its library on
    first use. Asked after the catalogs, before the rootmaps on LD_LIBRARY_PATH. Raises OSError
    if there is no such file, DictionaryError if it is no rootmap."""
    fname = _os.fspath(fname)
    if not _os.path.isfile(fname):
        raise OSError("add_autoload_map(%r): no such file" % (fname,))
    error = _queries.add_rootmaps(fname)
    if error:
        raise DictionaryError(error)


def set_debug(enable=True):
    """With enable, the loader says on stderr which library it loads for which C++ name, from
    which catalog or rootmap, and which names none provides."""
    _queries.set_debug(enable)


def _resolve_library(path, what):
    path = _os.fspath(path) if isinstance(path, _os.PathLike) else path
    if not isinstance(path, str):
        raise TypeError("%s() expects a name or path (str or os.PathLike), got %s" % (what, type(path).__name__))
    if _os.path.exists(path):
        return path, []
    candidates = [c for c in _library_candidates(path) if c != path]
    for candidate in candidates:
        if _os.path.isfile(candidate):
            return candidate, candidates
    return path, candidates  # perhaps the dynamic linker finds it (system folders)


def _load_resolved(load, path, what):
    found, tried = _resolve_library(path, what)
    try:
        load(found)
    except DictionaryError as error:
        if found != path or not tried:
            raise
        raise DictionaryError("%s (also looked for: %s)" % (error, ", ".join(tried))) from None
    return found


def load_reflection_info(path):
    """Loads a dictionary library and makes its C++ names available in gbl. As
    with cppyy, the name may leave out the prefix lib and the suffix .so
    ("MyClassDict" finds libMyClassDict.so or MyClassDict.so, in the name's
    folder, else in LD_LIBRARY_PATH's folders, the current folder and the
    system's). Returns the path loaded."""
    return _load_resolved(_load_dictionary, path, "load_reflection_info")


def load_library(path):
    """Loads a shared library globally (a dictionary, or a library a dictionary needs),
    found as load_reflection_info finds one. It stays loaded for the life of the process."""
    return _load_resolved(_load_library, path, "load_library")


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

from . import ll  # noqa: E402 (it uses the names above)

# cppyy's public names that this cppyy does not give, and why (cppyy at a3bd17f)
_NOT_PROVIDED = {
    "default": "it stands for a C++ default argument in the middle of a call, which needs the default's "
               "expression compiled at run time; leave out trailing defaulted arguments instead",
    "types": "its proxy classes are those of cppyy's own backend; test isinstance against the C++ classes",
    "reflex": "it describes Cling's reflection information, which this cppyy does not have",
    "numba_ext": "numba support is not provided (Debian has no numba for PyPy, and the extension "
                 "compiles C++ at run time)",
    "interactive": "it includes headers with the compiler at run time",
}


def __getattr__(name):
    why = _NOT_PROVIDED.get(name)
    if why is None:
        raise AttributeError("module 'cppyy' has no attribute %r" % (name,))
    raise AttributeError("cppyy.%s is not provided: %s" % (name, why))
