"""Operators as Python protocols on PyPy's _cppyy client (CPPYY_CLIENT=_cppyy):
_operators' rules, applied over the overload sets _cppyy made.

_cppyy puts a class's member operators in the class itself, under its own
names (helper.py's map_operator_name): some are Python 2's (operator/ is
__div__, operator bool __nonzero__, operator~ __inv__), and a conversion it
does not recognise keeps its C++ name ("operator const char *"). It knows no
free operator. Here, as each class is built, the records the other clients
give _operators are made from those overload sets and from the free
operators of the class's namespace and of the global one (_cppyy's overload
sets of those namespaces), and the protocols _operators returns are set on
the class. `obj == cppyy.nullptr` (_cppyy's nullptr) compares the object's
address with 0, for every class.

What this client still lacks: m[i, j] = x (an assignment through the
reference operator() returns); m[i, j] reads.
"""
import _cppyy

from . import _libdictloader as _native, _operators
from ._pypy_strings import _python_name

# _cppyy's names of a conversion to each kind (_operators.conversion_kind)
_CONVERSION_NAMES = {"bool": ("__nonzero__",), "int": ("__int__", "__long__"), "float": ("__float__",),
                     "chars": ("__str__",), "string": ()}


def _member_operators(pyclass, scope):
    """The _operators.Operator records of the class's member operators, each
    calling the overload set _cppyy put in the class for it."""
    d = pyclass.__dict__
    records, seen = [], set()
    for method, result in _native.method_result_types(scope):
        name = _native.method_name(method)
        sym = _operators.symbol(name)
        if sym is None and name != _operators.STREAM_TEXT:
            continue
        result = result.decode("utf-8", "replace")
        arguments = _native.method_num_args(method)
        if name == _operators.STREAM_TEXT:
            python_name = name
        elif sym == "":
            kind = _operators.conversion_kind(result)
            python_name = next((n for n in (name,) + _CONVERSION_NAMES.get(kind, ()) if n in d), None)
        elif sym == "[]":
            python_name = "__getitem__"  # (_cppyy makes it from operator[] also when it writes __setitem__)
        elif sym in ("==", "!=") and arguments == 1:
            python_name = "_cxx_eq" if sym == "==" else "_cxx_ne"  # where pythonify moved _cppyy's
        else:
            python_name = _python_name(name, arguments)
        function = d.get(python_name)
        operands = None if sym == "()" else arguments + 1
        if function is None or (python_name, operands) in seen:
            continue
        seen.add((python_name, operands))
        records.append(_operators.Operator(name, operands, 0, result, function, True))
    return records


class _Lookup(object):
    """What _operators.free_operators asks of the client, through libdictloader and _cppyy."""
    scope = staticmethod(_native.scope_handle)
    is_namespace = staticmethod(_native.is_namespace)
    function_count = staticmethod(_native.function_count)
    operator_functions = staticmethod(_native.operator_functions)

    @staticmethod
    def signature(method):
        return (_native.result_type(method).decode("utf-8", "replace"),
                [t.decode("utf-8", "replace") for t in _native.argument_types(method)])

    @staticmethod
    def overload(scope, name):
        namespace = _cppyy.gbl
        qualified = _native.scoped_name(scope)
        for part in _operators.split_scope(qualified) if qualified else ():
            namespace = getattr(namespace, part)
        function = getattr(namespace, name)

        def call(*operands):  # (a namespace's function is found through the namespace, never bound)
            return function(*operands)
        return call


def _found(classes, name):
    # (through the classes' dicts: a _cppyy scope's getattr would look the name up in C++)
    for klass in classes:
        value = klass.__dict__.get(name)
        if value is not None:
            return value
    return None


def _null_aware(name, compare, equal):
    """__eq__ (equal) or __ne__ comparing with _cppyy's nullptr by address."""
    nullptr, addressof = _cppyy.nullptr, _cppyy.addressof

    def method(self, other):
        if other is nullptr:
            return (addressof(self) == 0) is equal
        return compare(self, other)
    method.__name__ = name
    method._null_aware = True
    method._cpp_protocol = getattr(compare, "_cpp_protocol", False)  # (a derived class's fallback)
    return method


def pythonize(pyclass, cpp_name):
    """Sets the protocols of the class's operators on the class _cppyy built."""
    scope = _native.scope_handle(cpp_name)
    if not scope or _native.is_namespace(scope):
        return
    records = _member_operators(pyclass, scope) + _operators.free_operators(scope, cpp_name, _Lookup)
    for name, function in _operators.protocols(records, lambda name: _found(pyclass.__mro__[1:], name)).items():
        if pyclass.__dict__.get(name) is not function:
            setattr(pyclass, name, function)
    for name, equal in (("__eq__", True), ("__ne__", False)):
        compare = _found(pyclass.__mro__, name)
        if not getattr(compare, "_null_aware", False):  # (else a base's, which the class inherits)
            setattr(pyclass, name, _null_aware(name, compare, equal))


def install():
    """Runs pythonize after _cppyy's own pythonization of every class built
    from now on (pythonify's _pythonize, which moves the C++ == and != to
    _cxx_eq and _cxx_ne behind comparisons of its own)."""
    module = _cppyy.add_pythonization.__globals__  # pythonify.py's namespace
    original = module.get("_pythonize")
    if original is None or getattr(original, "_dictloader_operators", False):
        return

    def _pythonize(pyclass, name):
        original(pyclass, name)
        pythonize(pyclass, getattr(pyclass, "__cpp_name__", name))

    _pythonize._dictloader_operators = True
    module["_pythonize"] = _pythonize
