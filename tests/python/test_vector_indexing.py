"""len(v), v[i] and v[i] = x on std::vector (data/vectors.h): bounds-checked both
ways with negative indices from the end, read in place for builtins, refused
with a TypeError (not a crash) for assignment to class elements, and a
ReferenceError on a destroyed vector."""
import pytest


def test_layout_is_checked_and_used(cppyy, gbl):
    v = gbl.vec.ramp(5)
    assert len(v) == 5 == v.size()
    points = gbl.vec.points(2)
    assert len(points) == 2
    from cppyy import _pypy_vector_indexing
    checked = _pypy_vector_indexing.layouts_checked  # begin/end agreed with size()
    assert checked["std::vector<double>"] is True and checked["std::vector<vec::Point>"] is True


def test_reading_in_place(gbl):
    v = gbl.vec.ramp(1000)
    assert [v[i] for i in (0, 1, 999, -1, -1000)] == [0.0, 1.0, 999.0, 999.0, 0.0]
    assert sum(v[i] for i in range(len(v))) == 999 * 1000 / 2
    for index in (1000, -1001, 10 ** 12):
        with pytest.raises(IndexError):
            v[index]
    ints = gbl.vec.Kinds().unsignedLongLongs()
    assert [ints[0], ints[-1], len(ints)] == [1, 3, 3]


def test_slices_still_give_vectors(gbl):
    v = gbl.vec.ramp(5)
    part = v[1:3]
    assert type(part) is type(v) and list(part) == [1.0, 2.0]


def test_assignment_is_bounds_checked(gbl):
    v = gbl.std.vector["double"]([1.0, 2.0])
    v[-1] = 9.0
    v[0] = 4
    assert list(v) == [4.0, 9.0]
    for index in (2, -3):
        with pytest.raises(IndexError):
            v[index] = 1.0  # _cppyy wrote past the end here
    with pytest.raises(TypeError):
        v["0"] = 1.0
    assert list(v) == [4.0, 9.0]
    chars = gbl.vec.Kinds().chars()
    chars[-1] = b"z"
    assert list(chars) == [b"a", b"b", b"z"]


def test_vectors_of_classes(gbl):
    points = gbl.vec.points(3)
    assert len(points) == 3
    assert [points[i].x for i in range(3)] == [0.0, 1.0, 2.0]
    assert points[-1].y == -2.0
    points[1].x = 5.0  # in place, through the element's reference
    assert points[1].x == 5.0
    with pytest.raises(IndexError):
        points[3]
    with pytest.raises(TypeError) as error:
        points[0] = gbl.vec.Point()  # _cppyy ends the process here
    assert "v[i] = x is not supported" in str(error.value)
    words = gbl.vec.Kinds().strings()
    with pytest.raises(TypeError):
        words[0] = "zz"
    assert list(words) == ["ab", "cd"]


def test_destroyed_vector_raises(gbl):
    v = gbl.vec.ramp(3)
    assert v[2] == 2.0
    v.__destruct__()
    for use in (lambda: len(v), lambda: v[0], lambda: v.__setitem__(0, 1.0)):
        with pytest.raises(ReferenceError):
            use()
