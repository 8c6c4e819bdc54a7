"""PyPy: std::string results and data members as str, as cppyy gives on CPython.

PyPy's _cppyy hands a std::string result back as bytes, and a
`const std::string&` result or a std::string data member as a std::string
proxy. Through `import cppyy` they are str (UTF-8; text that is not UTF-8
raises UnicodeDecodeError, as on CPython). The conversion is set up once, when
_cppyy builds a class or first looks up a namespace's function or variable:
only overload sets with a std::string result get a wrapper, and only
std::string data members a property. Every other function stays the object
_cppyy made, at no added cost; raw `_cppyy` keeps bytes unless `import cppyy`
ran in the process.

Hooks into PyPy 7.3.11's _cppyy (pythonify.py): `_cppyy._register_class`,
which make_cppclass calls for every class it builds (add_pythonization's
global list would miss the classes of any namespace that has pythonizors of
its own), and the `__getattr__` that namespaces inherit, through which
functions and variables are looked up once and then cached on the namespace.
"""
import _cppyy

from . import _libdictloader as _native

_STRING_NAMES = frozenset((
    "std::string", "std::basic_string<char>", "std::__cxx11::basic_string<char>",
    "std::basic_string<char, std::char_traits<char>, std::allocator<char>>",
    "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>>"))

# Type name (UTF-8 bytes, as the C API gives it) -> True if it becomes str.
# Seeded with the builtins, so that they are never resolved through the loader.
_is_text_cache = dict.fromkeys((
    b"void", b"bool", b"char", b"signed char", b"unsigned char", b"short", b"unsigned short", b"int",
    b"unsigned int", b"long", b"unsigned long", b"long long", b"unsigned long long", b"float", b"double",
    b"long double", b"size_t", b"const char*", b"char*"), False)

# The proxy class of std::string, recorded when _cppyy builds it (no proxy of
# a std::string can exist before).
_string_class = None


def _text(result):
    """str for what _cppyy gives for a std::string result; other results unchanged."""
    if type(result) is bytes:
        return result.decode("utf-8")
    if type(result) is _string_class:
        return _native.std_string_bytes(_cppyy.addressof(result)).decode("utf-8")
    return result


def _is_text_type(type_name):
    """True for std::string by value, const std::string& and their typedefs: the
    result and data types that become str (type_name in UTF-8 bytes).
    `std::string&` and pointers stay std::string proxies."""
    known = _is_text_cache.get(type_name)
    if known is None:
        known = _is_text_cache[type_name] = _classify(type_name.decode("utf-8", "replace"))
    return known


def _classify(type_name):
    name = type_name.strip()
    reference = name.endswith("&")
    if reference:
        name = name[:-1].rstrip()
    const = name.startswith("const ")
    if const:
        name = name[6:].lstrip()
    if reference and not const:
        return False
    if "*" in name or "&" in name or "[" in name or "(" in name:
        return False
    return name in _STRING_NAMES or _native.resolve_name(name) in _STRING_NAMES


# How _cppyy names the Python attribute of a C++ operator (helper.py's
# map_operator_name), for the operators a string result can come from.
_OPERATOR_NAMES = {
    "()": "__call__", "[]": "__getitem__", "/": "__div__", "%": "__mod__", "<<": "__lshift__",
    ">>": "__rshift__", "&": "__and__", "|": "__or__", "^": "__xor__", "~": "__inv__",
    "+=": "__iadd__", "-=": "__isub__", "*=": "__imul__", "/=": "__idiv__", "%=": "__imod__",
    "<<=": "__ilshift__", ">>=": "__irshift__", "&=": "__iand__", "|=": "__ior__", "^=": "__ixor__",
}
_OPERATORS_BY_ARITY = {"*": ("__deref__", "__mul__"), "+": ("__pos__", "__add__"),
                       "-": ("__neg__", "__sub__"), "++": ("__preinc__", "__postinc__"),
                       "--": ("__predec__", "__postdec__")}


def _python_name(cpp_name, num_args):
    if not cpp_name.startswith("operator"):
        return cpp_name
    op = cpp_name[8:].strip()
    if op in _OPERATOR_NAMES:
        return _OPERATOR_NAMES[op]
    if op in _OPERATORS_BY_ARITY:
        return _OPERATORS_BY_ARITY[op][1 if num_args else 0]
    return cpp_name


def _text_method(overload):
    def method(self, *args):
        return _text(overload(self, *args))
    method.__doc__ = overload.__doc__
    method.__overload__ = lambda signature: _text_method(overload.__overload__(signature))
    return method


def _text_function(overload):
    def function(*args):
        return _text(overload(*args))
    function.__doc__ = overload.__doc__
    function.__overload__ = lambda signature: _text_function(overload.__overload__(signature)).__func__
    return staticmethod(function)


def _text_member(member, static):
    if static:  # on the metaclass: the class itself is the "instance"
        return property(lambda cls: _text(member.__get__(None, cls)),
                        lambda cls, value: member.__set__(None, value))
    return property(lambda self: _text(member.__get__(self, type(self))),
                    lambda self, value: member.__set__(self, value))


def _pythonize_class(pyclass):
    global _string_class
    cpp_name = pyclass.__cpp_name__
    if cpp_name == "std::string":
        _string_class = pyclass
        pyclass.__add__ = _concatenation(pyclass, False)
        pyclass.__radd__ = _concatenation(pyclass, True)
        return
    scope = _native.scope_handle(cpp_name)
    if not scope:
        return
    constructor_name = cpp_name.rsplit("::", 1)[-1]
    for method, result_type in _native.method_result_types(scope):
        if not _is_text_type(result_type):
            continue
        name = _native.method_name(method)
        if name == constructor_name:
            continue
        name = _python_name(name, _native.method_num_args(method))
        overload = pyclass.__dict__.get(name)
        if type(overload).__name__ == "CPPOverload":
            setattr(pyclass, name, _text_method(overload))
        elif type(overload).__name__ == "CPPStaticOverload":
            setattr(pyclass, name, _text_function(overload))
    for name, data_type in _native.data_members(scope):
        member = pyclass.__dict__.get(name)
        kind = type(member).__name__
        if kind not in ("CPPDataMember", "CPPConstDataMember", "CPPStaticData", "CPPConstStaticData") or \
                not _is_text_type(data_type):  # (the key of a std::map entry is a const std::string)
            continue
        if kind in ("CPPStaticData", "CPPConstStaticData"):  # also on the metaclass, for access through the class
            delattr(type(pyclass), name)  # else its __set__ would take the setattr below
            setattr(pyclass, name, _text_member(member, False))
            setattr(type(pyclass), name, _text_member(member, True))
        else:
            setattr(pyclass, name, _text_member(member, False))


def _concatenation(string_class, reflected):
    """std::string + std::string (or a str or bytes, on either side): a new std::string, as C++'s operator+."""
    def concatenate(self, other):
        if isinstance(other, str):
            other_bytes = other.encode("utf-8")
        elif isinstance(other, bytes):
            other_bytes = other
        elif type(other) is string_class:
            other_bytes = _native.std_string_bytes(_cppyy.addressof(other))
        else:
            return NotImplemented
        own = _native.std_string_bytes(_cppyy.addressof(self))
        return string_class((other_bytes + own if reflected else own + other_bytes).decode("utf-8"))
    concatenate.__name__ = "__radd__" if reflected else "__add__"
    return concatenate


def _pythonize_namespace_item(namespace, name, item):
    """The namespace's function or variable `name` (just looked up), with std::string as str."""
    kind = type(item).__name__
    if kind in ("CPPOverload", "CPPStaticOverload"):
        scope = _native.scope_handle(namespace.__cpp_name__)
        methods = _native.methods_named(scope, name) if scope else None
        if methods and any(_is_text_type(_native.result_type(method)) for method in methods):
            wrapped = _text_function(item)
            setattr(namespace, name, wrapped)
            return wrapped.__func__
        return item
    member = type(namespace).__dict__.get(name)
    if type(member).__name__ in ("CPPStaticData", "CPPConstStaticData"):
        scope = _native.scope_handle(namespace.__cpp_name__)
        for member_name, data_type in _native.data_members(scope) if scope else ():
            if member_name == name and _is_text_type(data_type):
                setattr(type(namespace), name, _text_member(member, True))
                return getattr(namespace, name)
    return item


def install(gbl):
    """Sets up the conversion for every class and namespace built from now on."""
    register_class = _cppyy._register_class

    def _register_class(pyclass):
        register_class(pyclass)  # _cppyy's own pythonizations first, as make_cppclass expects
        _pythonize_class(pyclass)

    _cppyy._register_class = _register_class

    namespace_meta = type(gbl).__mro__[1]  # pythonify's CPPNamespaceMeta, base of every namespace's metaclass
    lookup = namespace_meta.__getattr__

    def __getattr__(namespace, name):
        return _pythonize_namespace_item(namespace, name, lookup(namespace, name))

    namespace_meta.__getattr__ = __getattr__
