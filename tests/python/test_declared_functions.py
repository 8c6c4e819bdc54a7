"""Functions declared in a header and defined in the user's library
(data/declared.h, data/declared.cpp), whose signatures take and return class
template instantiations that nothing in the header instantiates: methods,
constructors, static and free functions (in a namespace, nested, global) are
all in the dictionary and called through it, with the fast path
(--methptrgetter=all) in the methptrgetter variant and stubs in the other."""
import pytest

DECLARED_DICTIONARIES = {"methptrgetter": "libDeclaredAllDict.so", "stubs": "libDeclaredStubDict.so"}


@pytest.fixture(scope="module")
def decl(cppyy, library, variant):
    cppyy.load_reflection_info(library(DECLARED_DICTIONARIES[variant]))
    return cppyy.gbl.decl


def test_methods_take_and_return_vectors(decl):
    calc = decl.Calc()
    assert calc.mean([1.0, 2.0, 6.0]) == 3.0  # the call
    assert calc.mean((1, 2)) == 1.5
    v = calc.scaled([1.0, 2.5], 2.0)
    assert list(v) == [2.0, 5.0]
    assert calc.mean(v) == 3.5  # a vector made by C++ passes as itself
    assert len(v) == 2 and v[1] == 5.0


def test_constructors_take_vectors(decl):
    assert decl.Calc([1.0, 2.0, 3.5]).total() == 6.5
    assert decl.Calc().total() == 0.0


def test_static_methods_take_and_return_vectors(decl):
    r = decl.Calc.range(4)
    assert list(r) == [0, 1, 2, 3]
    assert decl.Calc.sum(r) == 6
    assert decl.Calc.sum([5, 6]) == 11


def test_maps_and_pairs_in_and_out(decl):
    counts = decl.tally(["a", "b", "a"])
    assert len(counts) == 2
    calc = decl.Calc()
    assert calc.lookup(counts, "a") == 2
    assert calc.lookup(counts, "z") == -1
    p = calc.split(2.25)
    assert (p.first, p.second) == (2, 0.25)
    assert calc.join(p) == 2.25
    q = decl.divmod(7.5, 2.0)
    assert (q.first, q.second) == (3, 1.5)


def test_free_functions_in_namespaces_and_at_global_scope(cppyy, decl):
    assert list(decl.linspace(0.0, 1.0, 3)) == [0.0, 0.5, 1.0]
    assert decl.inner.dot([1.0, 2.0], [3.0, 4.0]) == 11.0
    assert cppyy.gbl.declSum([1.0, 2.0, 3.5]) == 6.5
    assert cppyy.gbl.declSum(decl.linspace(1.0, 3.0, 3)) == 6.0


def test_repeated_calls_take_the_same_path(decl):
    # past the PyPy client's cold uses: the overload sets' generated code
    calc = decl.Calc()
    for i in range(40):
        assert calc.mean([float(i), float(i + 2)]) == i + 1.0
        assert decl.Calc.sum([i, 1]) == i + 1
