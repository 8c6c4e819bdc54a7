"""Iteration of C++ containers, and std::map / std::set as Python mappings and sets, on PyPy 7.3.11.

Applied by class shape, to any class genreflex describes with begin(), end()
and a described `<class>::iterator` (std::vector excepted: _cppyy iterates it
itself, see _pypy_vectors):

- iteration walks the C++ iterators from begin() to end() (dereference,
  prefix ++, and the iterator's own !=), in C++ order. _cppyy's generic
  iterator cannot be used: it ends by raising StopIteration inside a
  generator, which Python 3.7 turned into a RuntimeError.
- a class that also has key_type, mapped_type and count() is a mapping:
  `for k in m` gives the keys, m.items() (key, value) pairs, m[k] the value or
  KeyError (never C++'s inserting operator[]), m[k] = v assigns, `k in m`,
  del m[k], m.get(k, default), len(m).
- a class with key_type and count() but no mapped_type is a set: `for v in s`,
  `v in s`, len(s).

Each step of an iteration makes no C++ object: the dereference and ++ give
references into the container; the two iterators begin() and end() return
are destroyed when the iteration ends or is abandoned.

Hooks into pythonify.py's `_pythonize`, which make_cppclass calls for every
class after _cppyy._register_class: the generic __iter__ it installs has to be
replaced after it ran.
"""
import _cppyy

from ._mapping import contains as _contains, install_mapping

# mapped types whose references _cppyy's own operator[] assignment can write
# (its numeric reference executors); any other value is assigned through its
# class's operator=.
_NUMERIC = frozenset((
    "bool", "char", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int",
    "long", "unsigned long", "long long", "unsigned long long", "float", "double"))


def _member_type(cpp_name, member):
    """What the class's typedef `member` names, or None if it has none."""
    scoped = cpp_name + "::" + member
    resolved = _cppyy._resolve_name(scoped)
    return None if resolved == scoped else resolved


def _walk(container):
    """What the container's iterators dereference to, from begin() to end()."""
    it, end = container.begin(), container.end()
    try:
        if type(it) is type(end) and "_cxx_ne" in type(it).__dict__:
            while it != end:
                yield it.__deref__()
                it.__preinc__()
        elif hasattr(container, "size"):  # no usable !=: as many steps as there are elements
            for _ in range(container.size()):
                yield it.__deref__()
                it.__preinc__()
        else:
            raise TypeError("cannot iterate over %s: its iterator class %s has no operator!= in a loaded "
                            "dictionary" % (type(container).__cpp_name__, type(it).__cpp_name__))
    finally:
        it.__destruct__()
        end.__destruct__()


# --- mappings -------------------------------------------------------------------------
def _pythonize_mapping(pyclass, cpp_name, mapped_type):
    at = pyclass.__dict__.get("at")  # checked: never inserts
    find = pyclass.__dict__.get("find")
    inserting = pyclass.__dict__.get("__getitem__")  # _cppyy's, from C++'s operator[]
    assign_numeric = pyclass.__dict__.get("__setitem__")

    def read(self, key):
        return at(self, key) if at is not None else find(self, key).__deref__().second

    def assign(self, key, value):
        if mapped_type in _NUMERIC and assign_numeric is not None:
            assign_numeric(self, key, value)
            return
        if inserting is None:
            raise TypeError("cannot assign to %s: its operator[] is not in the dictionary" % cpp_name)
        slot = inserting(self, key)
        assign_to = getattr(slot, "__assign__", None)
        if assign_to is None:
            raise TypeError("cannot assign a value to %s[...]: %s has no operator= in a loaded dictionary"
                            % (cpp_name, mapped_type))
        assign_to(value)

    install_mapping(pyclass, _walk, read if at is not None or find is not None else None, assign,
                    pyclass.__dict__.get("erase"))


def pythonize(pyclass, cpp_name):
    """Iteration, and the mapping or set protocol, for a class of this shape."""
    if cpp_name.startswith("std::vector<"):
        return
    d = pyclass.__dict__
    if "begin" not in d or "end" not in d:
        return
    if not (_cppyy._scope_byname(cpp_name + "::iterator") or _cppyy._scope_byname(cpp_name + "::const_iterator")):
        return
    pyclass.__iter__ = _walk
    if "count" not in d or _member_type(cpp_name, "key_type") is None:
        return
    mapped_type = _member_type(cpp_name, "mapped_type")
    if mapped_type is not None:
        _pythonize_mapping(pyclass, cpp_name, mapped_type)
    else:
        pyclass.__contains__ = _contains


def install():
    """Runs pythonize after _cppyy's own pythonization of every class built from now on."""
    module = _cppyy.add_pythonization.__globals__  # pythonify.py's namespace
    original = module.get("_pythonize")
    if original is None or getattr(original, "_dictloader_wrapped", False):
        return

    def _pythonize(pyclass, name):
        original(pyclass, name)
        pythonize(pyclass, getattr(pyclass, "__cpp_name__", name))

    _pythonize._dictloader_wrapped = True
    module["_pythonize"] = _pythonize
