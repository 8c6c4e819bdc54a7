"""std::vector of builtins through `import cppyy` (data/vectors.h): memoryview(v)
views the elements in place and keeps the vector alive, data() is sized and
never reads past the end, iteration and indexing give every element right."""
import array
import gc
import struct
import weakref

import pytest

# Kinds' method, the memoryview format, the elements (all hold three).
KINDS = [
    ("chars", "c", [b"a", b"b", b"c"]),
    ("signedChars", "b", [1, -2, 3]),
    ("unsignedChars", "B", [1, 2, 255]),
    ("shorts", "h", [1, -2, 3]),
    ("unsignedShorts", "H", [1, 2, 65535]),
    ("ints", "i", [1, -2, 3]),
    ("unsignedInts", "I", [1, 2, 4000000000]),
    ("longs", "l", [1, -2, 3]),
    ("unsignedLongs", "L", [1, 2, 3]),
    ("longLongs", "q", [1, -2, 3]),
    ("unsignedLongLongs", "Q", [1, 2, 3]),
    ("floats", "f", [1.5, -2.5, 3.0]),
    ("doubles", "d", [1.5, -2.5, 3.0]),
]


def collect():
    for _ in range(3):
        gc.collect()


@pytest.mark.parametrize("method, fmt, items", KINDS)
def test_memoryview_of_each_builtin(gbl, method, fmt, items):
    v = getattr(gbl.vec.Kinds(), method)()
    view = memoryview(v)
    assert (view.format, view.itemsize, len(view), view.nbytes) == (fmt, struct.calcsize(fmt), 3,
                                                                   3 * struct.calcsize(fmt))
    assert not view.readonly
    assert view.tolist() == items
    assert list(struct.unpack_from("3" + fmt, view)) == items


@pytest.mark.parametrize("method, fmt, items", KINDS)
def test_iteration_indexing_and_data_of_each_builtin(gbl, method, fmt, items):
    v = getattr(gbl.vec.Kinds(), method)()
    # _cppyy gives char elements as bytes; the buffer gives signed/unsigned char as ints
    as_read = [bytes([x & 0xFF]) for x in items] if method in ("signedChars", "unsignedChars") else items
    assert list(v) == as_read
    assert [v[i] for i in range(3)] == as_read
    assert v[-1] == as_read[-1]
    data = v.data()
    assert len(data) == 3  # sized to the vector: never an unbounded array
    assert [data[i] for i in range(3)] == items


def test_memoryview_writes_reach_the_vector(gbl):
    v = gbl.std.vector["double"]([1.0, 2.0, 3.0])
    view = memoryview(v)
    view[1] = 20.0
    view[0:1] = array.array("d", [10.0])
    assert list(v) == [10.0, 20.0, 3.0]
    assert sum(view) == 33.0
    assert gbl.vec.sum(v) == 33.0  # C++ sees the writes
    struct.pack_into("d", view, 16, 0.5)
    assert v[2] == 0.5


def test_memoryview_of_a_reference_writes_into_its_owner(gbl):
    holder = gbl.vec.Holder()
    memoryview(holder.values())[1] = 4.0
    assert holder.total() == 4.5


def test_memoryview_keeps_the_vector_alive(gbl):
    v = gbl.vec.ramp(1000)
    alive = weakref.ref(v)
    view = memoryview(v)[10:20].cast("B").cast("d")  # derived views keep it too
    del v
    collect()
    assert alive() is not None
    assert view.tolist() == [float(i) for i in range(10, 20)]
    del view
    collect()
    assert alive() is None  # and let go once no view is left


def test_empty_vector(gbl):
    v = gbl.std.vector["double"]()
    view = memoryview(v)
    assert (view.format, len(view), view.tolist()) == ("d", 0, [])
    assert not v.data()  # no storage: a null pointer, no crash
    v.reserve(8)
    assert len(v.data()) == 0 and len(memoryview(v)) == 0


def test_vectors_without_a_buffer(gbl):
    kinds = gbl.vec.Kinds()
    for v in (kinds.bools(), kinds.longDoubles(), kinds.strings()):
        with pytest.raises(TypeError):
            memoryview(v)
    first = kinds.strings().data()  # C++'s meaning: the first element
    assert str(first) == "ab"


def test_addressof_is_still_the_vector_object(cppyy, gbl):
    v = gbl.vec.ramp(3)
    address = cppyy.addressof(v)
    assert address != cppyy.addressof(v.data())
    again = cppyy.bind_object(address, type(v))
    assert list(again) == [0.0, 1.0, 2.0]
    assert cppyy.addressof(again) == address


def test_python_sequences_read_the_buffer(gbl):
    v = gbl.vec.ramp(5)
    assert array.array("d", memoryview(v)).tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert bytes(memoryview(v)) == struct.pack("5d", 0, 1, 2, 3, 4)
    assert sum(memoryview(v)) == 10.0


@pytest.mark.parametrize("method", [kind[0] for kind in KINDS if kind[0] != "chars"])
def test_builtins_iterate_with_cppyys_own_iterator(gbl, method):
    # _cppyy reads the elements in place (through value_type, size_of_type and
    # data(), which libdictloader answers): no Python generator in between.
    v = getattr(gbl.vec.Kinds(), method)()
    assert type(v).__iter__.__name__ == "stdvector_iter"
    assert type(iter(v)).__name__ == "sequenceiterator"
    chars = gbl.vec.Kinds().chars()
    assert type(iter(chars)).__name__ == "generator"  # by index: _cppyy's data() is a C string
