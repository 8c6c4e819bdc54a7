"""cppyy's helper functions, as far as dictionaries made ahead of time can give them.

sizeof, multi and addressof(obj, 'member') answer from the dictionaries. The
functions that hand C++ source to a compiler in the process (cppdef, include,
typeid, ...) raise RuntimeCompilerError, which says what to do instead: this
cppyy has no compiler at run time.
"""
import sys

from . import _queries


class RuntimeCompilerError(NotImplementedError):
    """A cppyy function that compiles C++ at run time, which this cppyy cannot:
    its C++ comes from dictionaries made ahead of time by genreflex."""


_INSTEAD = ("declare the C++ in a header, make its dictionary with genreflex "
            "(genreflex MyCode.h -o libMyCodeDict.so) and load it with cppyy.load_reflection_info")

# what each of cppyy's compiler-backed functions would do, and what to do instead here
_COMPILER_FUNCTIONS = {
    "cppdef": ("compiles C++ declarations at run time", _INSTEAD),
    "cppexec": ("compiles and runs a C++ statement at run time", _INSTEAD),
    "include": ("parses and compiles a header at run time", _INSTEAD),
    "c_include": ("parses and compiles a C header at run time", _INSTEAD),
    "macro": ("evaluates a preprocessor macro with the compiler",
              "expose the value as a C++ constant (constexpr or enum) in a header given to genreflex"),
    "add_include_path": ("adds a folder to the run-time compiler's header search",
                         "pass it to genreflex as -I when making the dictionary"),
    "typeid": ("instantiates typeid() of the type with the compiler",
               "add a function returning typeid(T) to a header given to genreflex"),
}


def _compiler_function(name):
    does, instead = _COMPILER_FUNCTIONS[name]

    def function(*args, **kwargs):
        raise RuntimeCompilerError("cppyy.%s %s, and this cppyy has no C++ compiler at run time: %s"
                                   % (name, does, instead))

    function.__name__ = function.__qualname__ = name
    function.__doc__ = "Not available: cppyy.%s %s. Instead, %s." % (name, does, instead)
    return function


compiler_functions = {name: _compiler_function(name) for name in _COMPILER_FUNCTIONS}


def cpp_name(tt):
    """The C++ name of a class, or of a type named by a str; a Python type by its own name (int, float)."""
    if isinstance(tt, str):
        return tt
    return getattr(tt, "__cpp_name__", None) or tt.__name__


def class_handle(cls):
    """The C API's handle of a C++ class (a proxy class or its name), 0 if it is none."""
    handle = _queries.scope(cpp_name(cls))
    return 0 if handle == 0 or _queries.is_namespace(handle) else handle


_sizes = {}


def sizeof(tt):
    """The size in bytes of a C++ type: a class, a builtin type named by a str
    ("int", "double*"), a Python int or float (as C++ int and float), or the
    type of an object."""
    if not isinstance(tt, (type, str)):
        tt = type(tt)
    try:
        return _sizes[tt]
    except KeyError:
        pass
    ctypes = sys.modules.get("ctypes")  # a ctypes type knows its own size
    size = 0
    if ctypes is not None and not isinstance(tt, str):
        try:
            size = ctypes.sizeof(tt)
        except TypeError:
            pass
    if not size:
        name = cpp_name(tt)
        size = _queries.size_of_type(name)
        if not size:
            handle = class_handle(name)
            size = _queries.size_of_class(handle) if handle else 0
        if not size:
            raise TypeError("cppyy.sizeof: %r is not a C++ type that the loaded dictionaries describe" % (name,))
    _sizes[tt] = size
    return size


def multi(*bases):
    """A base for a Python class deriving from several classes whose metaclasses
    differ (C++ classes among them): class P(cppyy.multi(A, B)): ..."""
    metaclasses = []
    for base in bases:
        meta = type(base)
        if meta is not type and meta not in metaclasses:
            metaclasses.append(meta)
    if len(metaclasses) > 1:
        joint = type.__new__(type, "cppyy_multi_meta", tuple(metaclasses), {})
    elif metaclasses:
        joint = metaclasses[0]
    else:
        joint = type

    class _Deferring(type):
        # the class statement calls this with (multi's result,) as its bases: build the real class instead
        def __new__(mcs, name, this_bases, namespace):
            return joint(name, bases, namespace)

    return type.__new__(_Deferring, "cppyy_multi", (), {})


def member_address(obj, address, field):
    """The address of obj's data member field (obj is a C++ object at address), searching its bases."""
    handle = class_handle(type(obj))
    if handle == 0:
        raise TypeError("addressof(obj, %r): obj is not a C++ object" % (field,))
    found = _member_in(handle, address, field)
    if found is None:
        raise AttributeError("addressof: %s has no data member %r" % (cpp_name(type(obj)), field))
    return found


def _member_in(handle, address, field):
    member = _queries.data_member(handle, field)
    if member is not None:
        offset, is_static = member
        return offset if is_static else address + offset
    for base_name in _queries.base_names(handle):
        base = _queries.scope(base_name)
        if base:
            found = _member_in(base, address + _queries.base_offset(handle, base, address, 1), field)
            if found is not None:
                return found
    return None
