"""std::vector iteration made safe on PyPy 7.3.11.

_cppyy's own iterator for a std::vector reads the elements through data() as
an array of value_type: it works for vectors of builtins only. For any other
value type it raises TypeError (data() gives an object, not an array), and
when the value type's size is unknown (a class no loaded dictionary
describes) it ends the process with a fatal NotImplementedError. Those
vectors iterate by index instead.
"""
import _cppyy

_ARRAY_VALUE_TYPES = frozenset((
    "bool", "char", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int",
    "long", "unsigned long", "long long", "unsigned long long", "float", "double"))


def _iterate_by_index(self):
    for i in range(self.size()):
        yield self[i]


def guard_vector_iteration(pyclass):
    """Replaces _cppyy's std::vector iterator where it cannot work."""
    name = getattr(pyclass, "__cpp_name__", "")
    if not name.startswith("std::vector<") or "__iter__" not in pyclass.__dict__:
        return
    value_type = _cppyy._resolve_name(name + "::value_type")
    if value_type not in _ARRAY_VALUE_TYPES or "data" not in pyclass.__dict__:
        pyclass.__iter__ = _iterate_by_index
