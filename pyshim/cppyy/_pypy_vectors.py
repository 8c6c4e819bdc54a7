"""std::vector on PyPy 7.3.11: safe iteration and indexing, data(), and memoryview(v).

_cppyy's own iterator for a std::vector reads the elements through data() as
an array of value_type: it works for vectors of arithmetic builtins other than
char only. For any other value type it raises TypeError (data() gives an
object, or for char a C string), and when the value type's size is unknown (a
class no loaded dictionary describes) it ends the process with a fatal
NotImplementedError. Those vectors iterate by index instead. An index out of
range of a std::vector<bool> ends the process (an RPython IndexError): checked
here first. _cppyy reads an unsigned short result as signed: the elements of a
std::vector<unsigned short> are read back unsigned here.

data() of a vector of arithmetic builtins is a _rawffi array over the
elements, len(v) items of value_type (like C++'s pointer it does not keep the
vector alive), or cppyy.nullptr when the vector has no storage. _cppyy's own
reads char data as a C string up to a NUL past the end, signed and unsigned
char data as pointers, long long as unsigned, and crashes on a null one. For
vectors of classes data() is the first element (C++'s pointer).

``memoryview(v)`` (through PyPy's ``__buffer__`` hook) views the elements of a
vector of arithmetic builtins in place: writable, format the struct code of
value_type ('d' for double, 'i' for int, 'c' for char...), len(v) items. The
memoryview, and every view cast or sliced from it, holds a reference to the
Python proxy of the vector, so a vector Python owns lives as long as any view
of it. Like a C++ pointer into it, a view sees the storage it was made from:
growing the vector past its capacity, resize(), clear() or shrink_to_fit()
may move the elements and leave the view on freed memory; make a new view
after those. A proxy that does not own its vector (a reference into another
C++ object) keeps only itself alive, not that object.
"""
import _cppyy
import _cffi_backend as _cffi
import _rawffi
import _thread

from . import _libdictloader as _native
from . import _pypy_vector_indexing

_ARRAY_VALUE_TYPES = frozenset((
    "bool", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int",
    "long", "unsigned long", "long long", "unsigned long long", "float", "double"))

# value_type -> the struct/memoryview format of its elements.
_BUFFER_FORMATS = {
    "char": "c", "signed char": "b", "unsigned char": "B", "short": "h", "unsigned short": "H",
    "int": "i", "unsigned int": "I", "long": "l", "unsigned long": "L", "long long": "q",
    "unsigned long long": "Q", "float": "f", "double": "d",
}
_ITEM_SIZES = {"c": 1, "b": 1, "B": 1, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8, "q": 8, "Q": 8,
               "f": 4, "d": 8}

_char_p = _cffi.new_pointer_type(_cffi.new_primitive_type("char"))


def _iterate_by_index(self):
    for i in range(len(self)):
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
    """Replaces _cppyy's std::vector iterator where it cannot work (at class registration)."""
    name = getattr(pyclass, "__cpp_name__", "")
    if name == "std::vector<bool>" and "__getitem__" in pyclass.__dict__ and "__setitem__" in pyclass.__dict__:
        _guard_vector_bool(pyclass)
        return
    if not name.startswith("std::vector<") or "__iter__" not in pyclass.__dict__:
        return
    value_type = _cppyy._resolve_name(name + "::value_type")
    if value_type not in _ARRAY_VALUE_TYPES or "data" not in pyclass.__dict__:
        pyclass.__iter__ = _iterate_by_index


# _cppyy.addressof and bind_object take an object's buffer before the object
# itself: while this is set, a vector has no buffer, so they see the object.
_addressing = _thread._local()


def addressof(obj):
    """The address of a C++ object (of a vector too, not of its elements), or of an array's data."""
    _addressing.objects = True
    try:
        return _cppyy.addressof(obj)
    finally:
        _addressing.objects = False


def bind_object(obj, pyclass, owns=False, cast=False):
    """A proxy of class pyclass for the object at obj (an address, or a C++ object)."""
    _addressing.objects = True
    try:
        return _cppyy.bind_object(obj, pyclass, owns, cast)
    finally:
        _addressing.objects = False


class _Holder(object):
    """The destructor given to cffi's gcp: it holds the vector for as long as the
    cdata the buffer points through lives, and lets go when that is collected."""

    __slots__ = ("vector",)

    def __init__(self, vector):
        self.vector = vector

    def __call__(self, _cdata):
        self.vector = None


def _data_method(name):
    scope = _native.scope_handle(name)
    methods = _native.methods_named(scope, "data") if scope else None
    return methods[0] if methods else 0  # const or not, the same address


def _view_maker(data_method, fmt):
    itemsize = _ITEM_SIZES[fmt]

    def view(vector):
        """A writable memoryview of the vector's elements that keeps the vector's proxy alive."""
        if getattr(_addressing, "objects", False):
            raise TypeError("the object, not its buffer")
        size = vector.size()
        address = _native.call_for_address(data_method, addressof(vector)) if size else 0
        if not address:
            return memoryview(bytearray()).cast(fmt)
        holder = _cffi.gcp(_cffi.cast(_char_p, address), _Holder(vector))
        return memoryview(_cffi.buffer(holder, size * itemsize)).cast(fmt)

    return view


def _array_data(data_method, fmt):
    array_type = _rawffi.Array(fmt)  # the same codes as struct's

    def data(self):
        address = _native.call_for_address(data_method, addressof(self))
        return array_type.fromaddress(address, self.size()) if address else _cppyy.nullptr
    return data


def _unsigned_short(function):
    def method(self, *args):
        return function(self, *args) & 0xFFFF
    return method


def _pythonize_vector(pyclass, name):
    """After _cppyy's own pythonizations of the std::vector class pyclass."""
    value_type = _cppyy._resolve_name(name + "::value_type")
    raw_data = pyclass.__dict__.get("__real_data")  # _cppyy's data(), before its sizing wrapper
    fmt = _BUFFER_FORMATS.get(value_type)
    data_method = _data_method(name) if raw_data is not None else 0
    if fmt and data_method and _native.size_of_type(value_type) == _ITEM_SIZES[fmt]:
        pyclass.__buffer__ = lambda self, flags, view=_view_maker(data_method, fmt): view(self)
    if raw_data is not None:
        if fmt and data_method:
            pyclass.data = _array_data(data_method, fmt)
        else:
            pyclass.data = raw_data  # a pointer to the first element, as C++ gives
    if value_type == "unsigned short":
        for attribute in ("_getitem__unchecked", "at", "front", "back"):
            if attribute in pyclass.__dict__:
                setattr(pyclass, attribute, _unsigned_short(pyclass.__dict__[attribute]))
    _pypy_vector_indexing.install(pyclass, value_type, _native.size_of_type(value_type), addressof)


def install():
    """Runs _pythonize_vector after _cppyy's pythonizations of every std::vector class
    built from now on (pythonify's make_cppclass looks _pythonize up at each call)."""
    pythonify = _cppyy.add_pythonization.__globals__
    pythonize = pythonify["_pythonize"]
    if getattr(pythonize, "_dictloader_vectors", False):
        return

    def _pythonize(pyclass, name):
        pythonize(pyclass, name)
        if name.startswith("std::vector<") and not name.startswith("std::vector<bool>"):
            _pythonize_vector(pyclass, name)

    _pythonize._dictloader_vectors = True
    pythonify["_pythonize"] = _pythonize
