"""Python lists and tuples where C++ takes a std::vector, on PyPy 7.3.11.

_cppyy passes only a std::vector proxy to a parameter of type
`const std::vector<T>&` or `std::vector<T>` ("cannot pass list instance as
std::vector<double>"). Through `import cppyy` a list or tuple is accepted
there too, as cppyy does on CPython: it becomes a temporary std::vector<T>
for the call (filled through the vector's buffer for arithmetic builtins, by
push_back otherwise, so lists of lists reach a vector<vector<double>>), which
Python owns and PyPy's GC destroys like any other (tests/python/
test_vector_memory.py: no growth over 2*10^5 calls). An item that T cannot take is a TypeError
naming the function, the argument, the item and its index. A non-const
`std::vector<T>&` takes vectors only: the function's changes would be lost
in a temporary.

Only functions with such a parameter get a wrapper (set up once, when _cppyy
builds the class or first looks up a namespace's function); every other
function stays the object _cppyy made. The wrapper only looks at the types
of the arguments at those positions before calling the overload set.
"""
import array as _array

import _cppyy
import _cffi_backend as _cffi

from . import _libdictloader as _native
from ._pypy_strings import _python_name

_SEQUENCES = (list, tuple)

# value_type -> the array module's code for it (char has none: by push_back).
_ARRAY_CODES = {
    "signed char": "b", "unsigned char": "B", "short": "h", "unsigned short": "H", "int": "i",
    "unsigned int": "I", "long": "l", "unsigned long": "L", "long long": "q", "unsigned long long": "Q",
    "float": "f", "double": "d",
}
# value_type -> what its items are called in an error (a class: its C++ name).
_PYTHON_KINDS = dict(dict.fromkeys(_ARRAY_CODES, "int"), float="float", double="float", bool="bool",
                     char="char")
_PYTHON_KINDS["std::string"] = "str"

_BUILTIN_ARGUMENTS = frozenset((
    b"bool", b"char", b"signed char", b"unsigned char", b"short", b"unsigned short", b"int", b"unsigned int",
    b"long", b"unsigned long", b"long long", b"unsigned long long", b"float", b"double", b"long double",
    b"const char*", b"char*", b"void*"))

# argument type (UTF-8 bytes, as the C API gives it) -> the vector it takes a list for, or None.
_vector_parameters = dict.fromkeys(_BUILTIN_ARGUMENTS)


def _vector_parameter(type_name):
    """'std::vector<T>' if an argument of type type_name may be given a list, else None."""
    if type_name in _vector_parameters:
        return _vector_parameters[type_name]
    name = type_name.decode("utf-8", "replace").strip()
    found = None
    if not name.endswith("&&"):
        reference = name.endswith("&")
        if reference:
            name = name[:-1].rstrip()
        const = name.startswith("const ") or name.endswith(" const")
        name = name[6:].lstrip() if name.startswith("const ") else name
        name = name[:-6].rstrip() if name.endswith(" const") else name
        if (const or not reference) and not name.endswith(("*", "]", ")")):
            resolved = _native.resolve_name(name)
            found = resolved if resolved.startswith("std::vector<") else None
    _vector_parameters[type_name] = found
    return found


def _vector_positions(methods):
    """{argument index: [vector names, in overload order]} over the overloads in methods."""
    positions = {}
    for method in methods:
        for index, type_name in enumerate(_native.argument_types(method)):
            vector = _vector_parameter(type_name)
            if vector and vector not in positions.setdefault(index, []):
                positions[index].append(vector)
    return {index: vectors for index, vectors in positions.items() if vectors}


class _Vectors(object):
    """The Python classes of vectors named in C++ spelling, and how each is filled."""

    classes = {}  # name -> (class, value_type)

    @classmethod
    def get(cls, name):
        found = cls.classes.get(name)
        if found is None:
            vector_class = getattr(_cppyy.gbl.std, name[len("std::"):])
            found = cls.classes[name] = (vector_class, _cppyy._resolve_name(name + "::value_type"))
        return found


def _fill_builtins(vector_class, code, items):
    values = _array.array(code, items)  # TypeError or OverflowError for an item it cannot take
    vector = vector_class()
    if values:
        vector.resize(len(values))
        _cffi.memmove(vector.data(), values, len(values) * values.itemsize)
    return vector


def _first_bad_item(code, items):
    for index, item in enumerate(items):
        try:
            _array.array(code, (item,))
        except (TypeError, OverflowError) as error:
            return index, item, error
    return None


def _to_vector(name, items):
    """The std::vector called name holding items; raises _ItemError."""
    vector_class, value_type = _Vectors.get(name)
    code = _ARRAY_CODES.get(value_type)
    if code:
        try:
            return _fill_builtins(vector_class, code, items)
        except (TypeError, OverflowError):
            bad = _first_bad_item(code, items)
            if bad is None:
                raise
            raise _ItemError(name, value_type, *bad) from None
    vector = vector_class()
    vector.reserve(len(items))
    push_back = vector.push_back
    for index, item in enumerate(items):
        try:
            push_back(item)
        except (TypeError, ValueError) as error:
            raise _ItemError(name, value_type, index, item, error) from None
    return vector


class _ItemError(Exception):
    def __init__(self, name, value_type, index, item, error):
        Exception.__init__(self, name)
        kind = _PYTHON_KINDS.get(value_type, value_type)
        self.text = "%s: item %d, %.40r (%s), is not %s %s (%s)" % (
            name, index, item, type(item).__name__, "an" if kind[0] in "aeiou" else "a", kind,
            str(error).splitlines()[0])


def _converted(where, args, positions):
    args = list(args)
    for index, vectors in positions.items():
        if index >= len(args) or not isinstance(args[index], _SEQUENCES):
            continue
        failures = []
        for name in vectors:
            try:
                args[index] = _to_vector(name, args[index])
                break
            except _ItemError as error:
                failures.append(error.text)
        else:
            raise TypeError("%s: argument %d, a %s, cannot become %s" % (
                where, index + 1, type(args[index]).__name__, "; nor ".join(failures)))
    return args


def _accepting_sequences(function, where, positions, bound):
    indices = tuple(sorted(positions))
    if bound:
        def method(self, *args):
            for index in indices:
                if index < len(args) and isinstance(args[index], _SEQUENCES):
                    return function(self, *_converted(where, args, positions))
            return function(self, *args)
    else:
        def method(*args):
            for index in indices:
                if index < len(args) and isinstance(args[index], _SEQUENCES):
                    return function(*_converted(where, args, positions))
            return function(*args)
    method.__doc__ = getattr(function, "__doc__", None)
    method.__name__ = where.rsplit("::", 1)[-1]
    return method


def _wrapped(current, where, positions):
    """What replaces current (an overload set, or the pyshim's wrapper of one) in a class dict."""
    if isinstance(current, staticmethod):
        return staticmethod(_accepting_sequences(current.__func__, where, positions, False))
    if type(current).__name__ == "CPPStaticOverload":
        return staticmethod(_accepting_sequences(current, where, positions, False))
    return _accepting_sequences(current, where, positions, True)


def accept_sequences(pyclass):
    """Wraps the methods and constructors of pyclass that take a std::vector (at class registration)."""
    cpp_name = getattr(pyclass, "__cpp_name__", "")
    scope = _native.scope_handle(cpp_name) if cpp_name else 0
    if not scope:
        return
    constructor_name = cpp_name.rsplit("::", 1)[-1]
    by_name = {}
    for method, _result in _native.method_result_types(scope):
        name = _native.method_name(method)
        name = "__init__" if name == constructor_name else _python_name(name, _native.method_num_args(method))
        by_name.setdefault(name, []).append(method)
    for name, methods in by_name.items():
        if name == "__init__" and cpp_name.startswith("std::vector<"):
            continue  # _cppyy's own vector_init takes lists
        positions = _vector_positions(methods)
        current = pyclass.__dict__.get(name)
        # a function template's overload binds itself and is indexed by template
        # arguments (Summer().sum['double']): a wrapper would lose both
        if type(current).__name__ == "CPPTemplateOverload":
            continue
        if positions and current is not None:
            setattr(pyclass, name, _wrapped(current, "%s::%s" % (cpp_name, name), positions))


def install(gbl):
    """Sets up the wrapping for every namespace function looked up from now on."""
    namespace_meta = type(gbl).__mro__[1]  # pythonify's CPPNamespaceMeta
    lookup = namespace_meta.__getattr__

    def __getattr__(namespace, name):
        item = lookup(namespace, name)
        if type(item).__name__ not in ("CPPOverload", "CPPStaticOverload", "function"):
            return item
        scope = _native.scope_handle(namespace.__cpp_name__)
        methods = _native.methods_named(scope, name) if scope else None
        positions = _vector_positions(methods) if methods else None
        if not positions:
            return item
        where = "%s::%s" % (namespace.__cpp_name__, name) if namespace.__cpp_name__ else name
        wrapped = _accepting_sequences(item, where, positions, False)
        setattr(namespace, name, staticmethod(wrapped))
        return wrapped

    namespace_meta.__getattr__ = __getattr__
