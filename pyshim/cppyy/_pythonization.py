"""cppyy.py: the user's pythonizations, as cppyy has them.

    def pythonizor(klass, name):      # name: the class's name in its scope
        if name == "MyVector":
            klass.__len__ = klass.size
    cppyy.py.add_pythonization(pythonizor, "ns")   # "" for the global scope

A pythonizor runs once for each class of that scope (namespace or class) that
is built from then on, after the product's own pythonizations; classes built
before it was added are left as they are (add pythonizors before the classes
are first used). On raw `_cppyy` (CPPYY_CLIENT=_cppyy) these are _cppyy's own.
"""
__all__ = ["add_pythonization", "remove_pythonization"]

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
