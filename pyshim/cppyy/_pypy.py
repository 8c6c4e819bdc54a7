"""The PyPy backend of the package: PyPy's built-in _cppyy pointed at libdictloader.

Gives what __init__ re-exports: gbl, nullptr, addressof, bind_object.
"""
import os

from . import _libdictloader, _pypy_enums, _pypy_operators, _pypy_strings
from ._unbound import guard_unbound_calls

# __init__ has put the backend's location in CPPYY_BACKEND_LIBRARY, where _cppyy looks.
_libdictloader.open_backend(os.environ["CPPYY_BACKEND_LIBRARY"])

import _cppyy  # noqa: E402  (after the environment is set)

_cppyy._post_import_startup()

gbl = _cppyy.gbl
nullptr = _cppyy.nullptr

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

_pypy_strings.install(gbl)
_pypy_enums.install(gbl)

from ._pypy_vectors import guard_vector_iteration  # noqa: E402  (imports _cppyy)
from . import _pypy_containers, _pypy_templates, _pypy_vectors, _pypy_vector_args  # noqa: E402

_pypy_templates.install()
_pypy_containers.install()
_pypy_operators.install()
_pypy_vectors.install()
_pypy_vector_args.install(gbl)
addressof = _pypy_vectors.addressof  # of a vector too, which has a buffer
bind_object = _pypy_vectors.bind_object


def _hook_class_building():
    # make_cppclass calls _cppyy._register_class for every class it builds.
    register_class = _cppyy._register_class

    def _register_class(pyclass):
        register_class(pyclass)
        _pypy_enums.pythonize_class(pyclass)
        _pypy_vector_args.accept_sequences(pyclass)
        guard_unbound_calls(pyclass)
        guard_vector_iteration(pyclass)

    _cppyy._register_class = _register_class


_hook_class_building()


def _explain_autoload_failures():
    # A name a catalog promises but whose library is missing or changed is an
    # AttributeError from _cppyy like any unknown name: add the loader's reason.
    # (The metaclasses are not attributes of _cppyy: found through gbl's.)
    for meta in type(gbl).__mro__:
        if meta.__name__ not in ("CPPNamespaceMeta", "CPPScopeMeta"):
            continue
        lookup = meta.__dict__.get("__getattr__")
        if lookup is None:
            continue

        def __getattr__(self, name, _lookup=lookup):
            try:
                return _lookup(self, name)
            except AttributeError as error:
                scope = getattr(self, "__cpp_name__", "")
                why = _libdictloader.autoload_error(scope + "::" + name if scope else name)
                if why is None:
                    raise
                raise AttributeError("%s: %s" % (error, why)) from None

        meta.__getattr__ = __getattr__


_explain_autoload_failures()
