"""cppyy.py: the user's pythonizations, as cppyy has them.

    def pythonizor(klass, name):      # name: the class's name in its scope
        if name == "MyVector":
            klass.__len__ = klass.size
    cppyy.py.add_pythonization(pythonizor, "ns")   # "" for the global scope

A pythonizor runs once for each class of that scope (namespace or class) that
is built from then on, after the product's own pythonizations; classes built
before it was added are left as they are (add pythonizors before the classes
are first used). On raw `_cppyy` (CPPYY_CLIENT=_cppyy) these are _cppyy's own.

The pythonizor factories (rename_attribute, compose_method, make_property,
set_method_property, set_gil_policy, set_ownership_policy, add_overload) make
pythonizors for the classes whose name matches a regular expression (re.match),
acting on the members whose names match another.
"""
import re

__all__ = ["add_pythonization", "remove_pythonization", "pin_type", "add_type_reducer"]

_pythonizors = {}  # scope ("" for the global one) -> [pythonizor], in the order added
_raw = None  # raw _cppyy's module, where it runs them itself


def _scope_key(scope):
    if not isinstance(scope, str):
        raise TypeError("the scope of a pythonization is a C++ name (str), got %s" % type(scope).__name__)
    return scope[2:] if scope.startswith("::") else scope


def add_pythonization(pythonizor, scope=""):
    """Calls pythonizor(klass, name) for each class of scope built from now on."""
    if not callable(pythonizor):
        raise TypeError("a pythonizor is called as pythonizor(klass, name): %r is not callable" % (pythonizor,))
    key = _scope_key(scope)
    if _raw is not None:
        return _raw.add_pythonization(pythonizor, key)
    _pythonizors.setdefault(key, []).append(pythonizor)
    return True


def remove_pythonization(pythonizor, scope=""):
    """Removes pythonizor from scope; True if it was there."""
    key = _scope_key(scope)
    if _raw is not None:
        return _raw.remove_pythonization(pythonizor, key)
    found = _pythonizors.get(key, [])
    if pythonizor not in found:
        return False
    found.remove(pythonizor)
    return True


def apply(cls, scope, name):
    """Runs the pythonizors of scope on cls, a new class called name there (_scopes)."""
    for pythonizor in list(_pythonizors.get(scope, ())):
        pythonizor(cls, name)


def pin_type(klass):
    """Not available: results of this cppyy are always given their dynamic C++ class."""
    raise NotImplementedError("cppyy.py.pin_type: this cppyy always gives a result its dynamic C++ class "
                              "(as far as the dictionaries describe it); cast with cppyy.ll.static_cast")


def add_type_reducer(reducable, reduced):
    """Not available: it maps expression-template result types, which Cling instantiates at run time."""
    raise NotImplementedError("cppyy.py.add_type_reducer: results have the type the dictionary describes; "
                              "reducing expression-template types needs the C++ compiler at run time")


def add_exception_mapping(cpp_exception, py_exception):
    """Not available: a C++ exception is raised as its own Python class (a subclass of the C++ class and
    Exception); catch that, or derive py_exception's handling from it."""
    raise NotImplementedError("cppyy.py.add_exception_mapping: a C++ exception is raised as its C++ class's "
                              "Python class, which derives from Exception: catch that class")


def _members(cls):
    """The names of cls's members: Python's dir() and every C++ name the dictionaries give it."""
    names = set(dir(cls))
    try:
        from . import _helpers, _queries
        handle = _helpers.class_handle(cls)
        if handle:
            names.update(_queries.all_cpp_names(handle))
    except (ImportError, OSError, TypeError):
        pass
    return sorted(names)


def _matching(cls, pattern):
    for name in _members(cls):
        if pattern.match(name):
            try:
                yield name, getattr(cls, name)
            except AttributeError:
                continue


def _class_pythonizor(match_class, act):
    match_class = re.compile(match_class)

    def pythonizor(klass, name):
        if match_class.match(name):
            act(klass)
    return pythonizor


def rename_attribute(match_class, orig_attribute, new_attribute, keep_orig=False):
    """A pythonizor giving the members matching orig_attribute a second name, new_attribute (a property
    reading, writing and deleting the original)."""
    pattern = re.compile(orig_attribute)

    def act(klass):
        for name in [name for name in _members(klass) if pattern.match(name)]:
            setattr(klass, new_attribute, property(lambda self, n=name: getattr(self, n),
                                                   lambda self, value, n=name: setattr(self, n, value),
                                                   lambda self, n=name: delattr(self, n)))
    return _class_pythonizor(match_class, act)


def compose_method(match_class, match_method, g):
    """A pythonizor replacing each method matching match_method, f, by g(self, f(self, *args))."""
    pattern = re.compile(match_method)

    def act(klass):
        for name, method in list(_matching(klass, pattern)):
            if callable(method):
                def composed(self, *args, __f=method, **kwargs):
                    return g(self, __f(self, *args, **kwargs))
                composed.__name__ = name
                setattr(klass, name, composed)
    return _class_pythonizor(match_class, act)


def set_method_property(match_class, match_method, prop, value):
    """A pythonizor setting the attribute prop (such as __creates__) of the methods matching match_method."""
    pattern = re.compile(match_method)
    if _raw is None and prop in _CALL_POLICIES:
        raise NotImplementedError("cppyy.py: %s of a method is honoured by PyPy's _cppyy client "
                                  "(CPPYY_CLIENT=_cppyy), not yet by this one" % prop)

    def act(klass):
        for _, method in list(_matching(klass, pattern)):
            setattr(method, prop, value)
    return _class_pythonizor(match_class, act)


_CALL_POLICIES = ("__creates__", "__release_gil__", "__useffi__", "__mempolicy__")


def set_gil_policy(match_class, match_method, release_gil=True):
    """A pythonizor making the matching methods release the GIL while in C++ (__release_gil__)."""
    return set_method_property(match_class, match_method, "__release_gil__", int(release_gil))


def set_ownership_policy(match_class, match_method, python_owns_result):
    """A pythonizor making Python own (and delete) the objects the matching methods return (__creates__)."""
    return set_method_property(match_class, match_method, "__creates__", int(python_owns_result))


def add_overload(match_class, match_method, overload):
    """A pythonizor adding overload to the overload sets matching match_method (their __add_overload__)."""
    pattern = re.compile(match_method)

    def act(klass):
        for _, method in list(_matching(klass, pattern)):
            add = getattr(method, "__add_overload__", None)
            if add is None:
                raise NotImplementedError("cppyy.py.add_overload: this cppyy's overload sets take no "
                                          "overloads from Python; wrap the method with compose_method")
            add(overload)
    return _class_pythonizor(match_class, act)


def make_property(match_class, match_get, match_set=None, match_del=None, prop_name=None):
    r"""A pythonizor turning getter (and setter, deleter) methods into properties. With a group in
    match_get (r"get(\w+)"), one property per group found, named by it (through prop_name's "{}" if
    given); without, one property called prop_name."""
    getter = re.compile(match_get)
    setter = re.compile(match_set) if match_set else None
    deleter = re.compile(match_del) if match_del else None
    many = getter.groups == 1
    for other, what in ((setter, "setters"), (deleter, "deleters")):
        if other is not None and (other.groups == 1) != many:
            raise ValueError("make_property: the getter and the %s must both name a group, or neither" % what)
    if not many and not prop_name:
        raise ValueError("make_property: without a group in the getter's pattern, give prop_name")
    if many and prop_name and prop_name.format("x") == prop_name:
        raise ValueError("make_property: with a group in the getter's pattern, prop_name needs one {} for it")

    def found(klass, pattern):
        named = {}
        if pattern is None:
            return named
        for name, method in _matching(klass, pattern):
            if callable(method):
                named.setdefault(pattern.match(name).group(1) if many else None, name)
        return named

    def act(klass):
        gets, sets, dels = found(klass, getter), found(klass, setter), found(klass, deleter)
        for key in set(gets) | set(sets) | set(dels):
            get, set_, del_ = gets.get(key), sets.get(key), dels.get(key)
            prop = property(get and (lambda self, n=get: getattr(self, n)()),
                            set_ and (lambda self, value, n=set_: getattr(self, n)(value)),
                            del_ and (lambda self, n=del_: getattr(self, n)()))
            name = prop_name if not many else (prop_name.format(key) if prop_name else key)
            setattr(klass, name, prop)
    return _class_pythonizor(match_class, act)
