"""std::vector iteration (and std::vector<bool> indexing) made safe on PyPy 7.3.11.

_cppyy's own iterator for a std::vector reads the elements through data() as
an array of value_type: it works for vectors of builtins only. For any other
value type it raises TypeError (data() gives an object, not an array), and
when the value type's size is unknown (a class no loaded dictionary
describes) it ends the process with a fatal NotImplementedError. Those
vectors iterate by index instead. And an index out of range of a
std::vector<bool> ends the process (an RPython IndexError): checked here first.
"""
import _cppyy

_ARRAY_VALUE_TYPES = frozenset((
    "bool", "char", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int",
    "long", "unsigned long", "long long", "unsigned long long", "float", "double"))


def _iterate_by_index(self):
    for i in range(self.size()):
        yield self[i]


def _checked(index, size):
    if not isinstance(index, int):
        raise TypeError("std::vector<bool> indices must be integers, not %s" % type(index).__name__)
    if index < 0:
        index += size
    if not 0 <= index < size:
        raise IndexError("std::vector<bool> index out of range: %d of %d" % (index, size))
    return index


def _guard_vector_bool(pyclass):
    getitem, setitem = pyclass.__dict__["__getitem__"], pyclass.__dict__["__setitem__"]

    def __getitem__(self, index):
        return getitem(self, _checked(index, self.size()))

    def __setitem__(self, index, value):
        setitem(self, _checked(index, self.size()), value)

    def __iter__(self):
        for i in range(self.size()):
            yield getitem(self, i)

    pyclass.__getitem__, pyclass.__setitem__, pyclass.__iter__ = __getitem__, __setitem__, __iter__


def guard_vector_iteration(pyclass):
    """Replaces _cppyy's std::vector iterator where it cannot work."""
    name = getattr(pyclass, "__cpp_name__", "")
    if name == "std::vector<bool>" and "__getitem__" in pyclass.__dict__ and "__setitem__" in pyclass.__dict__:
        _guard_vector_bool(pyclass)
        return
    if not name.startswith("std::vector<") or "__iter__" not in pyclass.__dict__:
        return
    value_type = _cppyy._resolve_name(name + "::value_type")
    if value_type not in _ARRAY_VALUE_TYPES or "data" not in pyclass.__dict__:
        pyclass.__iter__ = _iterate_by_index
