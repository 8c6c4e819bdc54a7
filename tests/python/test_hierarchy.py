"""Inheritance from Python: base methods and data on derived objects, a second
base at a non-zero offset, virtual calls and abstract bases (data/hierarchy.h)."""

import pytest


def test_python_classes_follow_the_cpp_hierarchy(gbl):
    assert issubclass(gbl.Derived, gbl.Base)
    assert issubclass(gbl.Multi, gbl.Base) and issubclass(gbl.Multi, gbl.SecondBase)
    assert isinstance(gbl.Square(1.0), gbl.Shape)


def test_base_method_and_data_on_derived_object(gbl):
    derived = gbl.Derived()
    assert derived.baseMethod() == 101
    assert derived.m_base == 1 and derived.m_derived == 2
    derived.m_base = 5
    assert derived.baseMethod() == 105
    assert derived.derivedMethod() == 202


def test_second_base_method_and_data(gbl):
    multi = gbl.Multi()
    assert multi.m_second == 77
    assert multi.secondMethod() == 154
    assert multi.m_multi == 3


def test_second_base_data_written_where_cpp_reads_it(gbl):
    multi = gbl.Multi()
    multi.m_second = 5
    assert multi.secondMethod() == 10
    assert gbl.Factory.secondValue(multi) == 5
    multi.m_base = 4
    assert multi.baseMethod() == 104
    assert multi.m_second == 5


def test_first_base_of_multiple_inheritance(gbl):
    multi = gbl.Multi()
    assert multi.baseMethod() == 101 and multi.m_base == 1


def test_derived_object_passed_as_second_base(gbl):
    multi = gbl.Multi()
    assert gbl.Factory.secondValue(multi) == 77
    assert gbl.Factory.secondValueRef(multi) == 77


def test_derived_object_passed_as_base_reference(gbl):
    assert gbl.Factory.nameOf(gbl.Derived()) == "Derived"
    assert gbl.Factory.nameOf(gbl.Multi()) == "Multi"


def test_virtual_call_on_derived_object(gbl):
    assert gbl.Derived().name() == "Derived"
    assert gbl.Multi().secondName() == "Multi as SecondBase"


def test_virtual_call_through_base_pointer_from_cpp(gbl):
    base = gbl.Factory.sharedDerived()
    assert isinstance(base, gbl.Base)
    assert base.name() == "Derived"
    assert base.baseMethod() == 101


def test_virtual_call_through_second_base_pointer_from_cpp(gbl):
    second = gbl.Factory.sharedMultiAsSecond()
    assert isinstance(second, gbl.SecondBase)
    assert second.secondName() == "Multi as SecondBase"
    assert second.m_second == 77 and second.secondMethod() == 154


def test_pure_virtual_call_through_abstract_base(gbl):
    shape = gbl.Factory.sharedSquare()
    assert isinstance(shape, gbl.Shape)
    assert shape.area() == 9.0
    assert shape.kind() == "Square"
    assert shape.twiceArea() == 18.0
    assert gbl.Square(2.0).twiceArea() == 8.0


def test_a_python_class_cannot_join_unrelated_cpp_classes(gbl):
    # one Python object holds one C++ object: the second class's methods would get the first's
    with pytest.raises(TypeError):
        class Both(gbl.Base, gbl.SecondBase):
            pass


def test_a_python_class_may_name_a_cpp_base_again(gbl):
    class Again(gbl.Multi, gbl.SecondBase):  # SecondBase is Multi's own base
        pass

    again = Again()
    assert again.secondMethod() == 154 and again.name() == "Multi" and again.baseMethod() == 101
