"""len(v), v[i] and v[i] = x for std::vector on PyPy 7.3.11: checked, and fast.

_cppyy's v[i] (pythonify's python_style_getitem) calls len(v), which calls
size(): PyPy turns its `unsigned long` result into an int in about 30 ns (its
newlong_from_rarith_int, on the fast path too), so an index cost ~500
instructions. And v[i] = x went straight to operator[]: no bounds check (a
write past the end corrupted the heap) and no negative indices.

Here len(v) reads the vector's begin and end pointers in place (checked
against size() on the first vector of each class that has elements; if they
disagree, size() is used for good), v[i] of a vector of short..double reads the element
in place (~70 instructions), and v[i] = x checks the index like v[i]
(IndexError past the end, negative indices from the end) before operator[];
for elements of class type (std::string too) it is a TypeError, where
_cppyy's assignment through operator[] ends the process.
A proxy's C++ address is cached on it (a proxy never moves); a destroyed or
null proxy raises ReferenceError as _cppyy does.
"""
import _cffi_backend as _cffi

_intptr = _cffi.new_primitive_type("intptr_t")
_intptr_p = _cffi.new_pointer_type(_intptr)

# value_type -> cffi's pointer to it, for the types whose element cffi reads
# as the same Python value _cppyy gives (char types are bytes there).
_IN_PLACE = {name: _cffi.new_pointer_type(_cffi.new_primitive_type(name)) for name in (
    "short", "unsigned short", "int", "unsigned int", "long", "unsigned long", "long long",
    "unsigned long long", "float", "double")}

# Element types _cppyy can assign through operator[] (for a class or
# std::string element, its executor ends the process).
_ASSIGNABLE = frozenset(_IN_PLACE) | {"char", "signed char", "unsigned char"}

# Vector class name -> whether its begin/end pointers gave size() on its first
# vector with elements (libstdc++'s layout: begin, end, end of storage; and
# the loader's sizeof(value_type)). Until then, and if not, size() is used.
layouts_checked = {}


def _address(vector, addressof):
    address = getattr(vector, "_dictloader_address", 0)  # no AttributeError made: it costs ~3000 instructions
    if not address:
        # _cppyy gives a Python long (bigint arithmetic in the JIT); a signed cast makes it a machine int
        address = vector._dictloader_address = int(_cffi.cast(_intptr, addressof(vector)))
    return address


def _begin_end(vector, addressof):
    if not vector:  # _cppyy's own check: a destroyed or null proxy
        raise ReferenceError("trying to access a NULL pointer")
    pointers = _cffi.cast(_intptr_p, _address(vector, addressof))
    return pointers[0], pointers[1]


def _out_of_range(index, size):
    return IndexError("std::vector index out of range: %d of %d" % (index, size))


def install(pyclass, value_type, itemsize, addressof):
    """Replaces __len__, __getitem__ and __setitem__ of the std::vector class pyclass
    (after _cppyy's pythonizations); itemsize is sizeof(value_type)."""
    size = pyclass.__dict__.get("size")
    stock_getitem = pyclass.__dict__.get("__getitem__")
    stock_setitem = pyclass.__dict__.get("__setitem__")
    if size is None or itemsize <= 0:
        return
    itemsize = int(_cffi.cast(_intptr, itemsize))  # a machine int, as above
    shift = itemsize.bit_length() - 1
    if itemsize != 1 << shift:
        shift = -1  # not a power of two: divide

    def _count(begin, end):
        # a shift where it can: the JIT calls a function for a Python //
        return (end - begin) >> shift if shift >= 0 else (end - begin) // itemsize

    layout_ok = [None]  # this class's entry in layouts_checked

    def _check_layout(vector):
        stock = size(vector)
        if stock:
            begin, end = _begin_end(vector, addressof)
            layout_ok[0] = layouts_checked[pyclass.__cpp_name__] = (end - begin) == stock * itemsize
        return stock

    def __len__(self):
        known = layout_ok[0]
        if known:
            begin, end = _begin_end(self, addressof)
            return _count(begin, end)
        if known is None:
            return _check_layout(self)
        return size(self)

    pyclass.__len__ = __len__
    item_p = _IN_PLACE.get(value_type)
    if stock_getitem is not None and item_p is not None:
        def __getitem__(self, index):
            if layout_ok[0] and type(index) is int:
                begin, end = _begin_end(self, addressof)
                length = _count(begin, end)
                if index < 0:
                    index += length
                if not 0 <= index < length:
                    raise _out_of_range(index, length)
                return _cffi.cast(item_p, begin)[index]
            return stock_getitem(self, index)  # slices, and until the layout is known

        pyclass.__getitem__ = __getitem__
    if stock_setitem is not None and value_type not in _ASSIGNABLE:
        def __setitem__(self, index, value):
            raise TypeError("%s: v[i] = x is not supported on PyPy 7.3.11 for elements of class type "
                            "(its _cppyy crashes); change the element in place (v[i].member = x), "
                            "or build a new vector" % pyclass.__cpp_name__)

        pyclass.__setitem__ = __setitem__
    elif stock_setitem is not None:
        def __setitem__(self, index, value):
            if not isinstance(index, int):
                raise TypeError("std::vector indices must be integers, not %s" % type(index).__name__)
            length = len(self)
            if index < 0:
                index += length
            if not 0 <= index < length:
                raise _out_of_range(index, length)
            stock_setitem(self, index, value)

        pyclass.__setitem__ = __setitem__
