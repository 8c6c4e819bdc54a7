"""C++ exception classes as Python exception classes (dictionary ABI 1.7).

A C++ class that a dictionary describes as an exception class (derived from
std::exception, or thrown by value by the headers' code; libdictloader says so:
is_exception_class) is, in Python, a class deriving from the package's
CppException (so from Exception) and from the Python classes of its C++ base
classes that are exception classes: `except cppyy.gbl.std.runtime_error`
catches a derived ns::MyError, `except cppyy.gbl.std.exception` every described
one, `except cppyy.CppException` every C++ exception.

An instance carries a C++ object of the class, in _cpp_object: a copy of the
caught exception (what libdictloader's error object gives) or, made from
Python (`ns.MyError("text")`, which can then be raised), one its constructor
made. Its methods and data members are the object's (`e.what()`, `e.code`),
str(e) is what() where the class has it. C++ functions that take the class
take the exception too. The class proxy of the C++ class itself stays what
results of that class are (a C++ object is no Python exception: CPython and
PyPy lay exceptions out in memory of their own), and isinstance(result, cls)
holds for them.

This module is shared by the clients of `import cppyy` (the PyPy client and
the CPython module): each calls raised(proxy, what) to make the exception of
a C++ exception it caught.
"""

_python_classes = {}  # the class proxy -> its exception class


class _ExceptionClass(type):
    """The metaclass of the exception classes: what the C++ class has (static
    functions, nested classes, enums) is found through it."""

    def __getattr__(cls, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        proxy = type.__getattribute__(cls, "__dict__").get("_cpp_class")
        if proxy is None:
            raise AttributeError(name)
        return getattr(proxy, name)

    def __instancecheck__(cls, obj):
        if type.__instancecheck__(cls, obj):
            return True
        proxy = cls.__dict__.get("_cpp_class")
        return proxy is not None and isinstance(obj, proxy)

    def __repr__(cls):
        return "<class cppyy.gbl.%s (C++ exception class)>" % cls.__cpp_name__.replace("::", ".")


def make_root(cpp_exception):
    """The base of every exception class: cpp_exception (the client's generic
    CppException) with the C++ object's attributes."""

    class CppExceptionObject(cpp_exception, metaclass=_ExceptionClass):
        """A C++ exception of a class a dictionary describes, raised as that class."""
        __cpp_name__ = ""

        def __init__(self, *args):
            cls = type(self)
            proxy = cls._cpp_class
            if proxy is None:
                raise TypeError("%s is the base of C++ exception classes: raise one of them" % cls.__name__)
            self.__dict__["_cpp_object"] = proxy(*args)
            cpp_exception.__init__(self, *args)

        def __getattr__(self, name):
            obj = self.__dict__.get("_cpp_object")
            if obj is None or (name.startswith("__") and name.endswith("__")):
                raise AttributeError("%s object has no attribute %r" % (type(self).__name__, name))
            return getattr(obj, name)

        def __setattr__(self, name, value):
            proxy = type(self)._cpp_class
            if (proxy is not None and name not in self.__dict__ and not name.startswith("__")
                    and any(name in klass.__dict__ for klass in proxy.__mro__)):
                setattr(self.__dict__["_cpp_object"], name, value)  # a data member of the C++ object
            else:
                cpp_exception.__setattr__(self, name, value)

        def __dir__(self):
            obj = self.__dict__.get("_cpp_object")
            return sorted(set(cpp_exception.__dir__(self)) | set(dir(obj) if obj is not None else ()))

        def __str__(self):
            what = getattr(type(self)._cpp_class, "what", None)
            obj = self.__dict__.get("_cpp_object")
            if what is None or obj is None:
                return cpp_exception.__str__(self)
            text = getattr(obj, "what")()
            return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)

        def __repr__(self):
            return "%s(%r)" % (type(self).__name__, str(self))

    CppExceptionObject._cpp_class = None
    CppExceptionObject.__module__ = "cppyy"
    return CppExceptionObject


class Exceptions(object):
    """The exception classes of one client: ext (the client module) and
    class_for (scope handle -> class proxy, _scopes._class_for)."""

    def __init__(self, ext, class_for):
        self._ext = ext
        self._class_for = class_for
        self.root = make_root(ext.CppException)
        self._is_exception = getattr(ext, "is_exception_class", None)
        if hasattr(ext, "set_exception_factory"):
            ext.set_exception_factory(self.raised)

    def is_exception_class(self, handle):
        return self._is_exception is not None and self._is_exception(handle)

    def python_class(self, handle):
        """What a C++ class is in Python: its exception class for an exception
        class, else its class proxy."""
        proxy = self._class_for(handle)
        if not self.is_exception_class(handle):
            return proxy
        return self.exception_class(proxy)

    def exception_class(self, proxy):
        cls = _python_classes.get(proxy)
        if cls is not None:
            return cls
        scope_of = self._ext.scope_of_class
        bases = []
        for base in proxy.__bases__:
            handle = scope_of(base) if base is not self._ext.Instance else 0
            if handle and self.is_exception_class(handle):
                bases.append(self.exception_class(base))
        bases = tuple(b for b in bases if not any(issubclass(o, b) for o in bases if o is not b)) or (self.root,)
        cpp_name = proxy.__cpp_name__
        outer = cpp_name.rpartition("::")[0]
        namespace = {"_cpp_class": proxy, "__cpp_name__": cpp_name,
                     "__module__": "cppyy.gbl" + ("." + outer.replace("::", ".") if outer else ""),
                     "__qualname__": proxy.__name__, "__doc__": "C++ exception class %s" % cpp_name}
        cls = _ExceptionClass(proxy.__name__, bases, namespace)
        _python_classes[proxy] = cls
        return cls

    def raised(self, proxy, what):
        """The exception to raise for a C++ exception caught as proxy's object
        (a copy Python owns); what: its what() text as the client read it."""
        cls = self.exception_class(type(proxy))
        exception = cls.__new__(cls, what)
        exception.__dict__["_cpp_object"] = proxy
        self._ext.CppException.__init__(exception, what)
        return exception
