"""cppyy.ll: low-level helpers, as far as dictionaries made ahead of time can give them.

The casts between C++ classes take their offsets from the dictionaries:
static_cast[T](obj) and cast[T](obj) follow the class hierarchy (a second base
sits at an offset), dynamic_cast[T](obj) asks the object's dynamic type and
gives a null T when it is no T, reinterpret_cast[T](obj) keeps the address.
T is a C++ class or its name. Casts to other types, and malloc, array_new and
the signal handling, need C++ compiled at run time: they raise
RuntimeCompilerError saying so.
"""
import sys

import cppyy
from . import _helpers, _queries

__all__ = [
    "argv", "argc", "cast", "static_cast", "reinterpret_cast", "dynamic_cast", "malloc", "free",
    "array_new", "array_delete", "signals_as_exception", "set_signals_as_exception",
    "FatalError", "BusError", "SegmentationViolation", "IllegalInstruction", "AbortSignal",
]


def argv():
    """The program's arguments (sys.argv) as C's argv: a ctypes char**."""
    import ctypes
    arguments = (ctypes.c_char_p * (len(sys.argv) + 1))(*(a.encode() for a in sys.argv))
    return ctypes.cast(arguments, ctypes.POINTER(ctypes.c_char_p))


def argc():
    return len(sys.argv)


class FatalError(Exception):
    """A fatal signal raised in C++ (named for cppyy's API; this cppyy does not turn signals into exceptions)."""


class BusError(FatalError):
    pass


class SegmentationViolation(FatalError):
    pass


class IllegalInstruction(FatalError):
    pass


class AbortSignal(FatalError):
    pass


def _target_class(target):
    if isinstance(target, str):
        cls = cppyy.gbl
        try:
            for part in target.split("::"):
                cls = getattr(cls, part) if part else cls
        except AttributeError:
            cls = None
        if cls is None or _helpers.class_handle(target) == 0:
            raise _helpers.RuntimeCompilerError(
                "cppyy.ll: a cast to %r: only casts between C++ classes that loaded dictionaries describe "
                "work without a C++ compiler at run time" % (target,))
        return cls
    if not isinstance(target, type) or _helpers.class_handle(target) == 0:
        raise TypeError("cppyy.ll: cast target %r is not a C++ class" % (target,))
    return target


def _object_handle(obj, what):
    handle = _helpers.class_handle(type(obj))
    if handle == 0:
        raise TypeError("cppyy.ll.%s: %r is not a C++ object" % (what, obj))
    return handle


def _hierarchy_cast(target, obj, what, unrelated):
    source = _object_handle(obj, what)
    address = cppyy.addressof(obj)
    wanted = _helpers.class_handle(target)
    if address == 0 or wanted == source:
        pass
    elif _queries.is_subtype(source, wanted):  # up
        address += _queries.base_offset(source, wanted, address, 1)
    elif _queries.is_subtype(wanted, source):  # down
        address += _queries.base_offset(wanted, source, address, -1)
    else:
        return unrelated(target, obj, address)
    return cppyy.bind_object(address, target)


def _unrelated_static(target, obj, address):
    raise TypeError("cppyy.ll.static_cast: %s and %s are unrelated classes"
                    % (_helpers.cpp_name(type(obj)), _helpers.cpp_name(target)))


def _keep_address(target, obj, address):
    return cppyy.bind_object(address, target)


def _static(target, obj):
    return _hierarchy_cast(target, obj, "static_cast", _unrelated_static)


def _c_style(target, obj):
    if isinstance(obj, int):
        return cppyy.bind_object(obj, target)
    return _hierarchy_cast(target, obj, "cast", _keep_address)


def _reinterpret(target, obj):
    address = obj if isinstance(obj, int) else cppyy.addressof(obj)
    return cppyy.bind_object(address, target)


def _dynamic(target, obj):
    source = _object_handle(obj, "dynamic_cast")
    address = cppyy.addressof(obj)
    wanted = _helpers.class_handle(target)
    if address == 0:
        return cppyy.bind_object(0, target)
    actual = _queries.actual_class(source, address)
    if actual != source:  # to the complete object first
        address += _queries.base_offset(actual, source, address, -1)
    if actual == wanted:
        return cppyy.bind_object(address, target)
    if not _queries.is_subtype(actual, wanted):
        return cppyy.bind_object(0, target)  # C++'s null result
    return cppyy.bind_object(address + _queries.base_offset(actual, wanted, address, 1), target)


class _Cast(object):
    """cast[T](obj): the C++ cast to class T."""

    def __init__(self, name, convert):
        self.__name__ = name
        self._convert = convert

    def __getitem__(self, target):
        target = _target_class(target)
        convert = self._convert
        return lambda obj: convert(target, obj)

    def __call__(self, *args):
        raise TypeError("cppyy.ll.%s takes its target type in brackets: %s[T](obj)" % (self.__name__, self.__name__))

    def __repr__(self):
        return "<cppyy.ll.%s>" % self.__name__


cast = _Cast("cast", _c_style)
static_cast = _Cast("static_cast", _static)
reinterpret_cast = _Cast("reinterpret_cast", _reinterpret)
dynamic_cast = _Cast("dynamic_cast", _dynamic)


def _needs_compiler(name, does):
    def function(*args, **kwargs):
        raise _helpers.RuntimeCompilerError(
            "cppyy.ll.%s %s, which needs C++ compiled at run time; this cppyy has no compiler at run time"
            % (name, does))

    function.__name__ = function.__qualname__ = name
    function.__doc__ = "Not available: cppyy.ll.%s %s, which needs C++ compiled at run time." % (name, does)
    return function


malloc = _needs_compiler("malloc", "returns a typed low-level view of malloc'ed memory")
free = _needs_compiler("free", "frees memory from cppyy.ll.malloc")
array_new = _needs_compiler("array_new", "instantiates new T[n] for the type")
array_delete = _needs_compiler("array_delete", "instantiates delete[] for the type")
set_signals_as_exception = _needs_compiler("set_signals_as_exception",
                                           "installs the backend's signal handlers around C++ calls")
signals_as_exception = _needs_compiler("signals_as_exception",
                                       "installs the backend's signal handlers around C++ calls")
