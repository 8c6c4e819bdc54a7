"""Enums as types on PyPy's _cppyy client (CPPYY_CLIENT=_cppyy), the rules of
_enums as far as a layer over _cppyy can apply them.

_cppyy converts an enum parameter as the builtin the C API reports and makes
every enum value a plain int: a call cannot tell f(E) from f(F) and takes the
first declared (dictloader/docs/enums.md). Here, as classes and namespaces
are built: an enum is the class _enums makes (Units.LengthUnit, and
gbl.ns.E); enum-typed data members and namespace values read as its
instances; an overload set with enum-typed parameters or results becomes a
Python function that ranks its overloads by the arguments (_enums.rank),
refuses a value of another enum (and a scoped enum's for an integer), calls
the one chosen through __overload__ (the C API's signatures name the enums),
and makes an enum result the enum's value. Functions without an enum
parameter stay _cppyy's own: there a scoped enum's value passes as an int.
"""
from . import _enums, _libdictloader as _native
from ._pypy_strings import _python_name

_classes = {}  # enum scope handle -> its class


def enum_class(handle):
    cls = _classes.get(handle)
    if cls is None:
        final, qualified, scoped, values = _native.enum_description(handle)
        cls = _classes[handle] = _enums.make_enum_class(handle, final, qualified, scoped, values)
    return cls


def _typed(handle, value):
    return enum_class(handle)(value) if handle and type(value) is int else value


class _Candidate(object):
    __slots__ = ("signature", "parameters", "result")

    def __init__(self, method):
        self.parameters, self.result, self.signature = _native.method_enums(method)


def _dispatcher(base, candidates, name, bound):
    """A Python function over the overload set base (with __overload__) that
    chooses among candidates as C++ does where enums decide."""
    def choose_and_call(self, args):
        reasons = []
        for candidate in sorted(candidates, key=lambda c: _enums.rank(c.parameters, args)):
            if len(args) > len(candidate.parameters):
                continue
            types = candidate.signature.split(", ")
            why = None
            for index, (wanted, value) in enumerate(zip(candidate.parameters, args)):
                why = _enums.mismatch(wanted, types[index], value)
                if why:
                    reasons.append("(%s): argument %d: %s" % (candidate.signature, index + 1, why))
                    break
            if why:
                continue
            chosen = base.__overload__(candidate.signature)
            try:
                value = chosen(self, *args) if bound else chosen(*args)
            except TypeError as error:  # an argument _cppyy does not convert: the next one
                reasons.append("(%s): %s" % (candidate.signature, error))
                continue
            return _typed(candidate.result, value)
        raise TypeError("none of the %d overloads of %s takes these arguments:\n  %s"
                        % (len(candidates), name, "\n  ".join(reasons)))

    def overload(signature):
        chosen = base.__overload__(signature)
        [result] = [c.result for c in candidates if c.signature == signature] or [0]
        if bound:
            return lambda self, *args: _typed(result, chosen(self, *args))
        return lambda *args: _typed(result, chosen(*args))

    if bound:
        def function(self, *args):
            return choose_and_call(self, args)
    else:
        def function(*args):
            return choose_and_call(None, args)
    function.__name__ = name
    function.__doc__ = base.__doc__
    function.__overload__ = overload
    return function


def _enum_typed(methods):
    candidates = [_Candidate(method) for method in methods]
    if any(c.result or any(c.parameters) for c in candidates):
        return candidates
    return None


def _typed_member(member, handle, static):
    def read(owner):
        return _typed(handle, member.__get__(None, owner) if static else member.__get__(owner, type(owner)))

    def write(owner, value):
        why = _enums.mismatch(handle, enum_class(handle).__cpp_name__, value)
        if why:
            raise TypeError(why)
        member.__set__(None if static else owner, value)
    return property(read, write)


def pythonize_class(pyclass):
    scope = _native.scope_handle(pyclass.__cpp_name__)
    if not scope:
        return
    groups = {}
    for method, _result in _native.method_result_types(scope):
        if _native.is_constructor(method):
            continue
        name = _python_name(_native.method_name(method), _native.method_num_args(method))
        groups.setdefault(name, []).append(method)
    for name, methods in groups.items():
        candidates = _enum_typed(methods)
        item = pyclass.__dict__.get(name)
        kind = type(item).__name__
        if candidates is None or kind not in ("CPPOverload", "CPPStaticOverload", "function", "staticmethod"):
            continue
        static = kind in ("CPPStaticOverload", "staticmethod")
        base = item.__func__ if kind == "staticmethod" else item
        function = _dispatcher(base, candidates, name, not static)
        setattr(pyclass, name, staticmethod(function) if static else function)
    for name, handle, is_array in _native.data_member_enums(scope):
        member = pyclass.__dict__.get(name)
        kind = type(member).__name__
        if is_array:
            continue
        if kind in ("CPPStaticData", "CPPConstStaticData"):  # also on the metaclass, for the class itself
            delattr(type(pyclass), name)
            setattr(pyclass, name, _typed_member(member, handle, True))
            setattr(type(pyclass), name, _typed_member(member, handle, True))
        elif kind in ("CPPDataMember", "CPPConstDataMember"):
            setattr(pyclass, name, _typed_member(member, handle, False))


def _pythonize_item(scope_proxy, name, item):
    """What a class or namespace proxy found for name (just looked up), typed."""
    cpp_name = getattr(scope_proxy, "__cpp_name__", "")
    qualified = cpp_name + "::" + name if cpp_name else name
    if isinstance(item, type) and getattr(item, "__cpp_name__", None) == qualified and _native.is_enum(qualified):
        cls = enum_class(_native.scope_handle(qualified))  # _cppyy's is a namespace of the values
        setattr(scope_proxy, name, cls)
        return cls
    kind = type(item).__name__
    if kind in ("CPPStaticOverload", "function"):
        scope = _native.scope_handle(cpp_name)
        methods = _native.methods_named(scope, name) if scope else None
        candidates = _enum_typed(methods) if methods else None
        if candidates is not None:
            function = _dispatcher(item, candidates, name, False)
            setattr(scope_proxy, name, staticmethod(function))
            return function
        return item
    member = type(scope_proxy).__dict__.get(name)
    if type(member).__name__ in ("CPPStaticData", "CPPConstStaticData"):
        scope = _native.scope_handle(cpp_name)
        for member_name, handle, is_array in _native.data_member_enums(scope) if scope else ():
            if member_name == name and not is_array:
                setattr(type(scope_proxy), name, _typed_member(member, handle, True))
                return getattr(scope_proxy, name)
    return item


def install(gbl):
    """Types the enums of every class and namespace built from now on (after
    _pypy_strings.install, whose str results it keeps)."""
    namespace_meta = type(gbl).__mro__[1]  # pythonify's CPPNamespaceMeta
    for meta in (namespace_meta, namespace_meta.__mro__[1]):  # and CPPScopeMeta, for classes
        lookup = meta.__dict__.get("__getattr__")
        if lookup is None:
            continue

        def __getattr__(scope_proxy, name, _lookup=lookup):
            return _pythonize_item(scope_proxy, name, _lookup(scope_proxy, name))

        meta.__getattr__ = __getattr__
