"""C++ operators as Python protocols (data/operators.h; issue 15, item 1).

On every client: PyPy's cffi client, CPython, and PyPy's own _cppyy
(CPPYY_CLIENT=_cppyy), through the package's layer over it
(_pypy_operators). The one thing that differs there is in
test_operator_call_through_a_tuple_index. The real case is CLHEP's
Hep3Vector (Debian's libclhep-dev), from a dictionary of its header made with
`genreflex ... -lCLHEP` (tests/python/CMakeLists.txt).
"""
import os

import pytest

from conftest import client


@pytest.fixture(scope="module")
def ops(gbl):
    return gbl.ops


def value(number):
    return number.value()


# --- member operators ------------------------------------------------------------------
def test_member_arithmetic_with_objects_and_ints(ops):
    n = ops.Number
    assert value(n(20) + n(10)) == 30 and value(n(20) + 10) == 30
    assert value(n(20) - n(10)) == 10 and value(n(20) - 10) == 10
    assert value(n(20) * n(10)) == 200 and value(n(20) * 10) == 200
    assert value(n(20) / n(6)) == 3 and value(n(20) / 6) == 3  # truediv: C++'s integer division
    assert value(n(20) % n(6)) == 2 and value(n(20) % 6) == 2
    assert value(n(5) & n(14)) == 4 and value(n(5) | n(14)) == 15 and value(n(5) ^ n(14)) == 11
    assert value(n(5) << 2) == 20 and value(n(20) >> 2) == 5
    assert type(n(1) + n(2)) is n


def test_member_unary_operators(ops):
    n = ops.Number
    assert value(-n(7)) == -7
    assert value(+n(7)) == 1007  # C++'s operator+(), which adds 1000 there
    assert value(~n(5)) == ~5


def test_in_place_operators_change_the_object(ops):
    n = ops.Number
    x = n(20)
    same = x
    x += n(10)
    x += 5
    x -= n(3)
    x *= n(2)
    x /= n(4)
    assert value(x) == 16 and x is same
    x /= 3
    x %= n(4)
    assert value(x) == 1
    x |= n(6)
    x &= n(5)
    x ^= n(1)
    x <<= 3
    x >>= 1
    assert value(x) == ((((1 | 6) & 5) ^ 1) << 3) >> 1 and x is same


def test_member_comparisons(ops):
    n = ops.Number
    assert n(20) > n(10) and not n(20) < n(10)
    assert n(20) >= n(20) and n(20) <= n(20) and not n(21) <= n(20)
    assert n(20) == n(20) and n(20) != n(10) and not n(20) != n(20)


def test_other_operands_fall_back_to_pythons_rules(ops):
    n = ops.Number
    assert not n(1) == "one" and n(1) != "one"  # no operator== takes a str: identity
    with pytest.raises(TypeError):
        n(1) + "one"
    with pytest.raises(TypeError):
        n(1) < "one"
    with pytest.raises(TypeError):
        2 + n(1)  # no operator+(int, Number)


def test_an_operator_called_on_an_object_of_another_class_refuses_it(ops):
    # C++ never gets a Vec as a Number: a TypeError, or NotImplemented where
    # Python would ask the other operand next (as int.__add__(1, "x") gives)
    for call in (lambda: ops.Number.__add__(ops.Vec(1, 2), ops.Number(1)),
                 lambda: ops.Number.__neg__(ops.Vec(1, 2)),
                 lambda: ops.Number.__iadd__(ops.Vec(1, 2), ops.Number(1)),
                 lambda: ops.Number.__lt__(ops.Vec(1, 2), ops.Number(1)),
                 lambda: ops.Number.__bool__(ops.Vec(1, 2))):
        try:
            result = call()
        except TypeError:
            continue
        assert result is NotImplemented


def test_explicit_operator_bool(ops):
    assert bool(ops.Number(3)) and not ops.Number(0)
    assert ops.Flag(True) and not ops.Flag(False)
    assert ops.Switch(True) and not ops.Switch(False)
    assert [x.on for x in (ops.Flag(True), ops.Flag(False)) if x] == [True]


# --- free operators ------------------------------------------------------------------------
def test_free_operators_with_the_class_on_the_left(ops):
    v, w = ops.Vec(1, 2), ops.Vec(3, 5)
    s = v + w
    assert (s.x, s.y) == (4, 7) and type(s) is ops.Vec
    d = w - v
    assert (d.x, d.y) == (2, 3)
    m = v * 3.0
    assert (m.x, m.y) == (3, 6)
    assert v * w == 13.0  # operator*(const Vec&, const Vec&): a double
    q = w / 2.0
    assert (q.x, q.y) == (1.5, 2.5)


def test_free_operators_with_the_class_on_the_right(ops):
    v = ops.Vec(1, 2)
    m = 3.0 * v  # operator*(double, const Vec&), which adds 1 to y
    assert (m.x, m.y) == (3, 7)
    r = 10.0 - v  # operator-(double, const Vec&): the operands in C++'s order
    assert (r.x, r.y) == (9, 8)
    assert 2.0 < v and not 3.0 < v  # operator<(double, const Vec&), through Vec.__gt__
    assert v > 2.0


def test_free_unary_and_in_place_operators(ops):
    v = ops.Vec(1, 2)
    n = -v
    assert (n.x, n.y) == (-1, -2)
    p = +v
    assert (p.x, p.y) == (1.5, 2.5)
    same = v
    v += ops.Vec(1, 1)
    v /= 2.0
    assert v is same and (v.x, v.y) == (1, 1.5)


def test_free_equality_and_ordering(ops):
    assert ops.Vec(1, 2) == ops.Vec(1, 2) and not ops.Vec(1, 2) != ops.Vec(1, 2)
    assert ops.Vec(1, 2) != ops.Vec(2, 1)
    assert ops.Vec(1, 1) < ops.Vec(2, 2) and ops.Vec(2, 2) > ops.Vec(1, 1)  # __gt__: operator< reflected
    assert not ops.Vec(1, 2) == (1, 2)


def test_a_derived_class_uses_its_bases_operators(ops):
    a, b = ops.NamedVec(1, 2, "a"), ops.NamedVec(3, 4, "b")
    s = a + b
    assert type(s) is ops.Vec and (s.x, s.y) == (4, 6)
    assert (2.0 * a).y == 5 and a == ops.NamedVec(1, 2, "other")
    assert str(a) == "(1, 2)"


def test_global_namespace_operators(gbl):
    g = gbl.OpsGlobal
    assert (-g(4)).n == -4 and (~g(4)).n == ~4
    assert g(3) == g(3) and not g(3) == g(4)
    assert (g(7) % 4).n == 3


def test_hidden_friends_and_friends_declared_first(ops):
    m = ops.Money
    assert (m(150) + m(275)).cents() == 425
    assert (-m(150)).cents() == -150
    assert (m(150) * 2).cents() == 300 and (2 * m(150)).cents() == 301
    assert m(5) == m(5) and not m(5) == m(6)
    assert m(5) < m(6) and not m(6) < m(5)  # declared a friend first, then in the namespace
    assert m(6) > m(5)


# --- conversions and text ---------------------------------------------------------------
def test_conversions_to_numbers(ops):
    assert int(ops.Count(-13)) == -13 and int(ops.Small(256)) == 256
    assert int(ops.Huge(2 ** 64 - 3)) == 2 ** 64 - 3
    assert [10, 20, 30][ops.Count(1)] == 20  # __index__
    assert float(ops.Ratio(3.25)) == 3.25
    assert float(ops.Count(4)) == 4.0  # Python takes __index__ for float()


def test_conversions_to_text(ops):
    assert str(ops.Label()) == "a label"
    assert str(ops.Title("x")) == "title: x"


def test_str_is_what_operator_shift_left_writes(ops):
    assert str(ops.Vec(1.5, -2)) == "(1.5, -2)"
    assert str(ops.Money(1205)) == "12.05 EUR"  # a hidden friend
    assert str(ops.Printed(4)) == "printed 4"  # before its conversion to const char*
    assert "%s" % ops.Vec(0, 1) == "(0, 1)"


def test_repr_is_unchanged(ops):
    for obj, text in ((ops.Vec(1, 2), "(1, 2)"), (ops.Label(), "a label"), (ops.Printed(1), "printed")):
        assert type(obj).__name__ in repr(obj) and text not in repr(obj)


def test_a_class_without_operators_keeps_pythons_defaults(ops):
    a, b = ops.Plain(), ops.Plain()
    assert a == a and not a == b and a != b
    assert bool(a)
    with pytest.raises(TypeError):
        a + b
    with pytest.raises(TypeError):
        -a
    assert str(a) == repr(a)


# --- indexing ---------------------------------------------------------------------------
def test_subscript_of_a_matrix(ops):
    m = ops.Grid()
    assert m[1][2] == 12.0 and m[2][0] == 20.0
    row = m[2]
    row[1] = 5.5
    assert m[2][1] == 5.5
    m[0][0] = -1.0
    assert m[0][0] == -1.0


def test_operator_call_through_a_tuple_index(ops):
    m = ops.Grid()
    assert m(1, 2) == 12.0 and m[1, 2] == 12.0
    if client() == "_cppyy":
        with pytest.raises(TypeError):  # what _pypy_operators leaves out
            m[1, 2] = 7.0
        return
    m[1, 2] = 7.0
    assert m(1, 2) == 7.0 and m[1][2] == 7.0


# --- pointers and nullptr ---------------------------------------------------------------
def test_pointer_results_compare_with_nullptr(cppyy, ops):
    link = ops.Link()
    assert link.next() == cppyy.nullptr and not link.next() != cppyy.nullptr
    assert cppyy.nullptr == link.next() and not cppyy.nullptr != link.next()
    assert link.self() != cppyy.nullptr and not link.self() == cppyy.nullptr
    assert link.handle() == cppyy.nullptr  # a void*
    assert ops.Number.none() == cppyy.nullptr  # a class with an operator== of its own
    assert not ops.Number.none()
    assert ops.Number(1) != cppyy.nullptr


def test_std_string_concatenation(gbl):
    std = gbl.std
    joined = std.string("ab") + std.string("cd")
    assert type(joined) is std.string and joined == "abcd"
    assert std.string("ab") + "c" == "abc" and "c" + std.string("ab") == "cab"
    assert type("c" + std.string("ab")) is std.string


# --- CLHEP's Hep3Vector (Debian's libclhep-dev) ---------------------------------------
@pytest.fixture(scope="module")
def clhep(cppyy, library):
    path = library("libHep3VectorDict.so")
    if not os.path.isfile(path):
        pytest.fail("%s was not built: install Debian's libclhep-dev (scripts/install-deps.sh) and reconfigure"
                    % path)
    cppyy.load_reflection_info(path)
    return cppyy.gbl.CLHEP


def test_hep3vector_arithmetic(clhep):
    V = clhep.Hep3Vector
    v, w = V(1, 2, 3), V(4, 5, 6)
    s = v + w
    assert (s.x(), s.y(), s.z()) == (5, 7, 9) and type(s) is V
    d = w - v
    assert (d.x(), d.y(), d.z()) == (3, 3, 3)
    assert v * w == 32.0  # the dot product, a double
    for scaled in (v * 2.0, 2.0 * v):  # operator*(const Hep3Vector&, double), operator*(double, const Hep3Vector&)
        assert (scaled.x(), scaled.y(), scaled.z()) == (2, 4, 6)
    q = w / 2.0  # out of line, in libCLHEP
    assert (q.x(), q.y(), q.z()) == (2, 2.5, 3)
    n = -v
    assert (n.x(), n.y(), n.z()) == (-1, -2, -3)


def test_hep3vector_in_place_comparisons_and_indexing(clhep):
    V = clhep.Hep3Vector
    v = V(1, 2, 3)
    same = v
    v += V(1, 1, 1)
    v *= 2.0
    v /= 4.0
    assert v is same and (v.x(), v.y(), v.z()) == (1, 1.5, 2)
    assert V(1, 2, 3) == V(1, 2, 3) and V(1, 2, 3) != V(1, 2, 4)
    assert V(1, 2, 3) < V(1, 2, 4) and V(0, 0, 2) > V(9, 9, 1)  # CLHEP compares z, then y, then x
    assert v[0] == 1 and v(2) == 2 and v[1] == 1.5
    v[2] = 7.0
    assert v.z() == 7.0


def test_hep3vector_str(clhep):
    v = clhep.Hep3Vector(1, 2.5, -3)
    assert str(v) == "(1,2.5,-3)"
    assert "CLHEP" in repr(v) or "Hep3Vector" in repr(v)
