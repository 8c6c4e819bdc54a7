"""Python classes deriving from C++ classes, for every client (the clients'
own parts: _cffi_cross on PyPy, dispatch.cpp in the CPython module).

A C++ class with virtual functions that can be derived from has a
dispatcher in its dictionary (dictionary ABI 1.8): a C++ class derived from
it that overrides every virtual function it can and calls Python where the
Python class overrides one. A Python class deriving from the C++ class's
proxy derives, in fact, from a class made here, the proxy's dispatcher
class, which stands between the two:

    class Derived(cppyy.gbl.ns.Base)  ->  Derived, Base (dispatcher), Base, ...

The dispatcher class constructs dispatcher objects (its __init__: the
dispatcher's constructors, also those of an abstract class and the protected
ones), calls C++'s own implementation of each virtual function without
virtual dispatch (so super().f() and a method Python does not override reach
C++, not the override again), and holds the protected members of the class
and its C++ bases, which only Python subclasses reach. After a Python class
is made, which slots it overrides is worked out once (finish_class).
dictloader/docs/cross-inheritance.md has the whole design.
"""
from ._client import ext as _ext

# C++ operator -> the Python special method a Python class overrides it with
_OPERATOR_NAMES = {
    "operator+": "__add__", "operator-": "__sub__", "operator*": "__mul__", "operator/": "__truediv__",
    "operator%": "__mod__", "operator==": "__eq__", "operator!=": "__ne__", "operator<": "__lt__",
    "operator<=": "__le__", "operator>": "__gt__", "operator>=": "__ge__", "operator[]": "__getitem__",
    "operator()": "__call__", "operator+=": "__iadd__", "operator-=": "__isub__", "operator*=": "__imul__",
    "operator/=": "__itruediv__", "operator<<": "__lshift__", "operator>>": "__rshift__",
    "operator&": "__and__", "operator|": "__or__", "operator^": "__xor__",
}
_UNARY_NAMES = {"operator-": "__neg__", "operator+": "__pos__", "operator~": "__invert__"}


def python_name(name, arity):
    """The name a Python class overrides the C++ virtual function `name` of
    `arity` arguments with."""
    if arity == 0 and name in _UNARY_NAMES:
        return _UNARY_NAMES[name]
    return _OPERATOR_NAMES.get(name, name)


class Slot(object):
    """One virtual function a dispatcher overrides: its method handle, the
    Python name of an override, whether it is pure."""
    __slots__ = ("handle", "name", "python_name", "pure", "text")

    def __init__(self, handle, name, arity, pure, text):
        self.handle, self.name, self.pure, self.text = handle, name, pure, text
        self.python_name = python_name(name, arity)


_dispatcher_classes = {}  # proxy class -> its dispatcher class (the proxy itself if it has none)


def _made_by_package(cls):
    return "__cpp_name__" in vars(cls)


def dispatcher_class(proxy):
    """The dispatcher class that stands for the C++ class of proxy in a
    Python subclass's bases; proxy itself when its class has no dispatcher."""
    found = _dispatcher_classes.get(proxy)
    if found is not None:
        return found
    scope = _ext.scope_of_class(proxy)
    info = _ext.dispatcher(scope) if scope else None
    if info is None:
        _dispatcher_classes[proxy] = proxy
        return proxy
    constructors, slot_records = info
    slots = [Slot(*record) for record in slot_records]
    namespace = {"__cpp_name__": proxy.__cpp_name__, "__module__": proxy.__module__, "__slots__": (),
                 "_cpp_dispatcher_of": proxy}
    protected_data = []
    # protected members first (of the class and of its C++ bases), the
    # slots' own implementations over them
    for klass in reversed([k for k in proxy.__mro__ if _made_by_package(k) and _ext.scope_of_class(k)]):
        methods, data = _ext.protected_members(_ext.scope_of_class(klass))
        for name, handles in methods.items():
            namespace[_OPERATOR_NAMES.get(name, name)] = _ext.overload(_ext.scope_of_class(klass), name, handles)
        for index in data:
            name = _ext.datamember_name(_ext.scope_of_class(klass), index)
            namespace[name] = _ext.data_member(_ext.scope_of_class(klass), index)
            protected_data.append(name)
    namespace["_cpp_protected_data"] = tuple(protected_data)
    by_name = {}
    for slot in slots:
        by_name.setdefault(slot.name, []).append(slot)
    for name, named in by_name.items():
        implementation = _ext.overload(scope, name, [slot.handle for slot in named])
        for python in set(slot.python_name for slot in named) | {name}:
            namespace[python] = implementation
    initializer = _ext.overload(scope, "__init__", constructors)
    cls = _ext.ClassProxy(proxy.__name__, (proxy,), namespace)
    cls.__qualname__ = proxy.__qualname__
    _ext.register_dispatcher(cls, scope, initializer, slots)
    for name, value in list(vars(cls).items()):
        if name != "__init__" and type(value).__name__ == "CPPOverload":
            setattr(cls, name, _ext.method_descriptor(cls, name, value))
    _dispatcher_classes[proxy] = cls
    return cls


def derived_bases(bases):
    """The bases of a Python class deriving from C++ proxies: the first proxy
    replaced by its dispatcher class if its class has one (a later proxy must
    be of a base class of its: its dispatcher's functions would not apply)."""
    out = list(bases)
    for i, base in enumerate(out):
        if isinstance(base, type) and _made_by_package(base):
            if "_cpp_dispatcher_of" not in vars(base):
                out[i] = dispatcher_class(base)
            break
    return tuple(out)


def _overrides(cls, name):
    """Does a Python class in cls's MRO (before any C++ proxy) define name?"""
    for klass in cls.__mro__:
        if name in vars(klass):
            return not _made_by_package(klass)
    return False


def finish_class(cls):
    """After a Python class deriving from C++ proxies is made: which of its
    dispatcher's slots it overrides (one byte each), and the pure virtual
    functions it leaves without one (it cannot be constructed then)."""
    for klass in cls.__mro__:
        if "_cpp_dispatcher_of" in vars(klass):
            break
    else:
        return
    # the protected data of the C++ classes, in the class itself (as cppyy has them)
    for name in klass._cpp_protected_data:
        if not any(name in vars(k) for k in cls.__mro__[:cls.__mro__.index(klass)]):
            _ext.set_class_attribute(cls, name, vars(klass)[name])
    slots = _ext.dispatcher_slots(klass)
    overridden = bytes(1 if _overrides(cls, slot.python_name) else 0 for slot in slots)
    missing = [slot.text for slot, flag in zip(slots, overridden) if slot.pure and not flag]
    _ext.set_overrides(cls, overridden, ", ".join(missing))


def describe(error):
    """"ValueError: bad value (module.py:12)": the text the C++ exception of a
    Python exception carries (its what())."""
    text = "%s: %s" % (type(error).__name__, error) if str(error) else type(error).__name__
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is not None:
        text += " (%s:%d)" % (tb.tb_frame.f_code.co_filename.rpartition("/")[2], tb.tb_lineno)
    # Its finished frames let go of their variables (the override's self
    # among them): C++ may catch the exception and drop it, and what the
    # client keeps of it must not keep Python objects alive until then.
    tb = error.__traceback__.tb_next if error.__traceback__ is not None else None
    while tb is not None:
        try:
            tb.tb_frame.clear()
        except RuntimeError:  # still running
            pass
        tb = tb.tb_next
    return text


_ext.set_derivation_hooks(derived_bases, finish_class, describe)
