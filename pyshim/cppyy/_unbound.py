"""Unbound calls of C++ methods, made safe on PyPy.

``MyClass.Method()`` (a non-static method taken from the class and called with
no instance) crashes PyPy 7.3.11's ``_cppyy``, which reads the instance from an
empty argument list before any check. The guard below answers class-level
access to each non-static method: it lives in the class's own metaclass, so
instance access (``obj.Method(...)``, the hot path) never sees it and costs
nothing more.
"""

_METHOD_TYPES = ("CPPOverload", "CPPTemplateOverload")


class _UnboundMethod(object):
    # What ``MyClass.Method`` gives: callable with an instance first, like a
    # Python 3 function, and otherwise the overload it stands for.

    __slots__ = ("_overload", "_cls", "_name")
    __doc__ = property(lambda self: self._overload.__doc__)

    def __init__(self, overload, cls, name):
        self._overload = overload
        self._cls = cls
        self._name = name

    def __call__(self, *args, **kwargs):
        if not args or not isinstance(args[0], self._cls):
            got = type(args[0]).__name__ + " instance" if args else "nothing"
            raise TypeError("unbound method %s.%s() needs a %s instance as its first argument (got %s)"
                            % (self._cls.__name__, self._name, self._cls.__name__, got))
        return self._overload(*args, **kwargs)

    def __get__(self, obj, cls=None):
        # Stored back into a class (_cppyy's own pythonizations do
        # `pyclass.__len__ = pyclass.size`), it binds as the overload would.
        if obj is None:
            return self
        return self._overload.__get__(obj, cls)

    def __getitem__(self, template_arguments):
        # Class.f['int']: a function template's instance by its arguments
        # (static ones are called without an instance, so no guard here).
        return self._overload[template_arguments]

    def __getattr__(self, name):  # __overload__, __doc__, prototypes...
        return getattr(self._overload, name)

    def __repr__(self):
        return "<unbound C++ method %s.%s>" % (self._cls.__name__, self._name)


class _UnboundGuard(object):
    """A data descriptor of the metaclass: it wins over the class's own dict for ``Class.name``."""

    __slots__ = ("_name",)

    def __init__(self, name):
        self._name = name

    def __get__(self, cls, metacls=None):
        if cls is None:
            return self
        for klass in cls.__mro__:  # the class's own overload, not a base's of the same name
            overload = klass.__dict__.get(self._name)
            if overload is not None:
                break
        else:
            raise AttributeError(self._name)
        if type(overload).__name__ not in _METHOD_TYPES:
            return overload  # replaced by a pythonization: no longer ours to guard
        return _UnboundMethod(overload, cls, self._name)

    def __set__(self, cls, value):
        # A pythonization replacing the method: the guard steps aside for good.
        metacls = type(cls)
        if metacls.__dict__.get(self._name) is self:
            delattr(metacls, self._name)
        setattr(cls, self._name, value)

    def __delete__(self, cls):
        delattr(type(cls), self._name)
        delattr(cls, self._name)


def _guardable(name):
    # Special names on a metaclass would change how the class itself behaves
    # (calling it, indexing it, hashing it), and type's own attributes (mro...)
    # are used by Python to build subclasses: operators stay unguarded.
    return not (name.startswith("__") and name.endswith("__")) and not hasattr(type, name)


def guard_unbound_calls(pyclass):
    """Installs the guard for every non-static, non-operator method defined by pyclass itself."""
    metacls = type(pyclass)
    for name, value in list(pyclass.__dict__.items()):
        if type(value).__name__ in _METHOD_TYPES and _guardable(name) and name not in metacls.__dict__:
            setattr(metacls, name, _UnboundGuard(name))
