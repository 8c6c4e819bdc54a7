"""Objects returned through a base-class pointer or reference get the Python
class of their dynamic C++ type when a loaded dictionary describes it, with the
pointer adjusted to that class (data/hierarchy.h)."""


def test_base_pointer_to_derived_object_is_the_derived_class(gbl):
    shape = gbl.Factory.makeSquareAsShape(2.0)
    assert isinstance(shape, gbl.Square)
    assert type(shape) is gbl.Square
    assert shape.m_side == 2.0          # a member only the derived class has
    assert shape.area() == 4.0


def test_base_reference_to_derived_object_is_the_derived_class(gbl):
    shape = gbl.Factory.squareAsShapeRef()
    assert type(shape) is gbl.Square
    assert shape.m_side == 3.0


def test_single_inheritance_through_a_static_base_pointer(gbl):
    base = gbl.Factory.sharedDerived()
    assert type(base) is gbl.Derived
    assert base.derivedMethod() == 202 and base.baseMethod() == 101


def test_second_base_pointer_is_adjusted_to_the_complete_object(gbl):
    # SecondBase sits at a non-zero offset inside Multi: reading Multi's and the
    # first base's members through the cast object proves the pointer was moved.
    second = gbl.Factory.sharedMultiAsSecond()
    assert type(second) is gbl.Multi
    assert second.m_multi == 3 and second.m_base == 1 and second.m_second == 77
    assert second.baseMethod() == 101 and second.secondMethod() == 154
    assert gbl.Factory.secondValue(second) == 77   # and back to SecondBase for C++


def test_exact_class_result_stays_as_it_is(gbl):
    square = gbl.Factory.makeSquare(1.5)
    assert type(square) is gbl.Square and square.m_side == 1.5


def test_dynamic_class_no_dictionary_describes_keeps_the_declared_class(gbl):
    hidden = gbl.Factory.makeHidden(1.0)
    assert type(hidden) is gbl.Shape
    assert hidden.area() == 3.0      # virtual dispatch still reaches the real class
    assert not hasattr(gbl, "Circle")


def test_a_class_no_dictionary_describes_is_named_with_what_to_do(cppyy, gbl):
    """A result or argument of a class from a header genreflex was not given:
    the error names the class and says what to do (raw _cppyy has its own)."""
    import pytest
    if cppyy._RAW_CPPYY:
        pytest.skip("raw _cppyy words its own errors")
    hint = "no loaded dictionary describes Circle: give genreflex the header that declares it too"
    with pytest.raises(TypeError) as result:
        gbl.HiddenHolder().circle()
    assert hint in str(result.value) and "circle()" in str(result.value)
    with pytest.raises(TypeError) as argument:
        gbl.HiddenHolder.radiusOf(gbl.Factory.makeHidden(1.0))
    assert hint in str(argument.value)
