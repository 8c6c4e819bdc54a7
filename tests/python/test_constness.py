"""Const and non-const overloads (data/constness.h). A non-const object calls
the non-const overload, as C++ does; a proxy of a `const T&` or `const T*`
result is const and prefers the const overload. Constness never refuses a
call: a const proxy still calls a method that has no const overload (as cppyy
does). PyPy's raw _cppyy has no const proxies: it calls the first overload
that converts, and libdictloader lists a non-const overload before its const
twin, so it calls the non-const one on every object."""
import pytest

from conftest import client


def raw_cppyy():
    return client() == "_cppyy"


def test_a_non_const_object_calls_the_non_const_overload(gbl):
    w = gbl.cst.Widget()
    assert w.f() == 2  # C++: 2 (the const one is declared first)
    assert w.g(1) == 21
    assert w.g(1.5) == 30  # no twin: the only overload for a double
    assert w.onlyConst() == 3
    assert w.onlyMutable() == 4


def test_a_const_reference_result_calls_the_const_overload(gbl):
    w = gbl.cst.Widget()
    c = w.asConst()
    expected_f, expected_g = (2, 21) if raw_cppyy() else (1, 11)
    assert c.f() == expected_f
    assert c.g(1) == expected_g
    assert c.value == 7  # the same object
    c.value = 8  # data members are not refused either
    assert w.value == 8
    assert w.f() == 2  # the non-const proxy stays non-const


def test_a_const_pointer_result_calls_the_const_overload(gbl):
    w = gbl.cst.Widget()
    p = w.asConstPointer()
    assert p.f() == (2 if raw_cppyy() else 1)
    assert w.asMutable().f() == 2  # a non-const reference gives a non-const proxy


def test_constness_never_refuses_a_call(gbl):
    c = gbl.cst.Widget().asConst()
    assert c.onlyMutable() == 4  # cppyy calls it; C++ would not compile it
    assert c.onlyConst() == 3
    assert c.asMutable().f() == 2  # what a non-const method returns is not const


def test_overloads_differing_only_in_constness_of_a_holder(gbl):
    h = gbl.cst.Holder()
    assert h.get().f() == 2  # non-const get(), a Widget&
    assert h.view().f() == (2 if raw_cppyy() else 1)
    assert h.pointer().f() == 2
    if not raw_cppyy():
        # the const get() on a const holder (a const view made by hand)
        import cppyy
        const_holder = cppyy._const_view(h)
        assert cppyy._is_const(const_holder) and not cppyy._is_const(h)
        assert const_holder.get().f() == 1
        assert h.get().f() == 2


def test_the_generated_lanes_keep_const_and_non_const_apart(gbl):
    # Many calls: the PyPy client's overload sets become generated code (a
    # lane per overload); a const and a non-const overload of one arity must
    # stay two lanes, the non-const one refusing const proxies.
    w = gbl.cst.Widget()
    c = w.asConst()
    const_f, const_g = (2, 21) if raw_cppyy() else (1, 11)
    for i in range(50):
        assert w.f() == 2
        assert c.f() == const_f
        assert w.g(i) == 20 + i
        assert c.g(i) == const_g + i - 1
    functions = getattr(type(w).__dict__.get("f"), "_cpp_functions", None)
    if client() == "cffi":
        assert functions is not None and len(functions) == 2
        assert [fn.is_const for fn in functions] == [False, True]  # the loader's order
        assert functions[0].const_twin and not functions[1].const_twin


def test_const_views(cppyy, gbl):
    if raw_cppyy():
        pytest.skip("raw _cppyy has no const proxies")
    w = gbl.cst.Widget()
    view = cppyy._const_view(w)
    assert view is not w and cppyy._is_const(view)
    assert cppyy._const_view(view) is view
    assert cppyy.addressof(view) == cppyy.addressof(w)
    assert view.f() == 1 and w.f() == 2
    assert w.asConst() is w.asConst()  # one const proxy per object, as one plain one
    assert w.asMutable() is w
    with pytest.raises(TypeError):
        cppyy._const_view(42)


def test_a_const_container_still_iterates_indexes_and_assigns(gbl):
    # its begin(), end(), operator[] and data() are the const ones, or the
    # writable ones where Python assigns: nothing is refused for constness
    h = gbl.cst.Holder()
    values = h.values()
    for _ in range(20):  # past the cold uses
        assert list(values) == [1.0, 2.0, 3.0]
        assert len(values) == 3 and values[2] == 3.0
    assert sum(memoryview(values)) == 6.0
    values[0] = 5.0
    assert h.numbers[0] == 5.0
