"""std::shared_ptr and std::unique_ptr (dictionary ABI 1.6): a smart pointer
result is a proxy of the object it points to, which the smart pointer keeps
alive (data/smart_base.h and data/smart_derived.h, two dictionaries).

Raw _cppyy gets the same through cppyy_smartptr_info and cppyy_is_subtype,
with its own limits (marked below): its proxy is of the declared class, a
reference result is a reference into the container, a shared_ptr<Derived> is
passed as shared_ptr<Base> by address (the loader allows it only where the
two have one layout: Base at offset 0), and it has no std.make_shared."""
import gc

import pytest

from conftest import client


def _not_on_raw_cppyy(why):
    if client() == "_cppyy":
        pytest.skip("raw _cppyy: " + why)


@pytest.fixture(scope="module")
def smart(cppyy, library):
    cppyy.load_reflection_info(library("libSmartBaseDict.so"))
    cppyy.load_reflection_info(library("libSmartDerivedDict.so"))
    return cppyy.gbl.smart


def _collect():
    for _ in range(3):
        gc.collect()


def test_result_is_a_proxy_of_the_object(smart):
    shape = smart.makeShape(5)
    assert type(shape).__name__ == "Shape"
    assert isinstance(shape, smart.Shape)
    assert shape.id() == 5 and shape.value == 7
    shape.setId(6)
    shape.value = 9
    assert shape.id() == 6 and shape.value == 9


def test_smartptr_is_the_smart_pointer(smart):
    shape = smart.makeShape(5)
    pointer = shape.__smartptr__()
    assert pointer is not None
    assert type(pointer).__cpp_name__ == "std::shared_ptr<smart::Shape>"
    assert pointer.get() is not None
    assert pointer.use_count() == 1
    assert smart.Shape(1).__smartptr__() is None


def test_null_smart_pointer_is_false(smart):
    shape = smart.nullShape()
    assert not shape
    assert shape.__smartptr__() is not None
    assert smart.makeShape(1)
    assert smart.idOf(shape) == -1


def test_dynamic_class_is_the_most_derived_described_one(smart):
    _not_on_raw_cppyy("a smart pointer result is of its declared class (do_cast=False)")
    shape = smart.circleAsShape(4)
    assert type(shape) is smart.Circle
    assert shape.radius == 2.0 and shape.kind() == "circle" and shape.id() == 4


def test_passes_as_reference_pointer_and_smart_pointer(smart):
    shape = smart.makeShape(8)
    assert smart.idOfRef(shape) == 8
    assert smart.idOfPointer(shape) == 8
    assert smart.idOf(shape) == 8
    assert smart.idByValue(shape) == 8
    assert smart.kindOf(shape) == "shape"


def test_smart_pointer_itself_passes_too(smart):
    shape = smart.makeShape(3)
    assert smart.idOf(shape.__smartptr__()) == 3


def test_shares_ownership_with_cpp(smart):
    shape = smart.makeShape(2)
    assert smart.useCount(shape) == 1
    holder = smart.Holder()
    holder.add(shape)
    assert smart.useCount(shape) == 2
    holder.clear()
    assert smart.useCount(shape) == 1


def test_derived_of_another_dictionary_passes_as_base(smart):
    circle = smart.makeCircle(11, 1.5)
    assert type(circle) is smart.Circle
    assert smart.idOf(circle) == 11
    assert smart.idByValue(circle) == 11
    assert smart.kindOf(circle) == "circle"
    assert smart.radiusOf(circle) == 1.5
    holder = smart.Holder()
    holder.add(circle)
    assert smart.useCount(holder.first()) == 3  # the holder's, circle's and first()'s copy
    assert holder.first().kind() == "circle"


def test_const_pointee(smart):
    shape = smart.makeConstShape(12)
    assert shape.id() == 12
    assert smart.idOfConst(shape) == 12
    assert smart.idOfConst(smart.makeShape(13)) == 13  # shared_ptr<T> passes as shared_ptr<const T>


def test_const_is_not_dropped(smart):
    with pytest.raises(TypeError):
        smart.idOf(smart.makeConstShape(1))


def test_vector_elements(smart):
    holder = smart.Holder()
    for i in range(3):
        holder.add(smart.makeShape(100 + i))
    shapes = holder.shapes()
    assert len(shapes) == 3
    assert [s.id() for s in shapes] == [100, 101, 102]
    assert [shapes[i].id() for i in range(3)] == [100, 101, 102]
    assert [s.id() for s in holder.copies()] == [100, 101, 102]
    assert smart.idOf(shapes[1]) == 101


def test_vector_elements_keep_the_object_alive(smart):
    _not_on_raw_cppyy("an element is a reference into the vector")
    _collect()
    alive = smart.aliveShapes()
    holder = smart.Holder()
    for i in range(3):
        holder.add(smart.makeShape(100 + i))
    shapes = holder.shapes()
    first = shapes[0]
    holder.clear()
    del shapes, holder
    _collect()
    assert first.id() == 100  # a copy of the shared_ptr, not a reference into the vector
    assert smart.aliveShapes() >= alive + 1
    del first
    _collect()
    assert smart.aliveShapes() == alive


def test_reference_result_is_a_copy(smart):
    _not_on_raw_cppyy("a reference result is a reference")
    holder = smart.Holder()
    holder.add(smart.makeShape(21))
    first = holder.firstRef()
    holder.clear()
    assert first.id() == 21


def test_vector_of_derived(smart):
    circles = smart.circles(3)
    assert [c.radius for c in circles] == [0.0, 0.5, 1.0]
    assert smart.idOf(circles[2]) == 2


def test_object_dies_with_its_last_owner(smart):
    _collect()
    alive = smart.aliveShapes()
    shape = smart.makeShape(1)
    assert smart.aliveShapes() == alive + 1
    del shape
    _collect()
    assert smart.aliveShapes() == alive


def test_unique_ptr_result(smart):
    shape = smart.makeUniqueShape(31)
    assert type(shape) is smart.Shape
    assert shape.id() == 31
    assert smart.idOfRef(shape) == 31
    assert smart.uniqueId(shape) == 31
    assert type(shape.__smartptr__()).__cpp_name__ == "std::unique_ptr<smart::Shape>"


def test_smart_pointer_overload_is_preferred(smart):
    _not_on_raw_cppyy("it tries the overloads in its own order (T* first here)")
    taker = smart.Taker()
    for i in range(20):  # past the calls after which an overload set gets its fast lanes
        assert taker.take(smart.makeShape(i)) == 2
        assert taker.take(smart.Shape(i)) == 1


def test_python_owned_object_is_refused_with_make_shared_advice(smart):
    with pytest.raises(TypeError) as error:
        smart.idOf(smart.Shape(1))
    if client() != "_cppyy":  # (raw _cppyy: "cannot pass Shape instance as Shape")
        assert "make_shared" in str(error.value)


def test_make_shared(smart, gbl):
    _not_on_raw_cppyy("no std.make_shared")
    shape = gbl.std.make_shared[smart.Shape](41)
    assert shape.id() == 41
    assert smart.idOf(shape) == 41
    assert smart.useCount(shape) == 1
    circle = gbl.std.make_shared[smart.Circle](42, 3.0)
    assert smart.idOf(circle) == 42 and circle.radius == 3.0


def test_make_shared_sets_up_shared_from_this(smart, gbl):
    _not_on_raw_cppyy("no std.make_shared")
    node = gbl.std.make_shared[smart.Node](7)
    again = node.self()
    assert again.tag == 7
    other = gbl.std.make_shared[smart.Node](8)
    node.link(other)
    assert node.next().tag == 8


def test_make_unique(smart, gbl):
    _not_on_raw_cppyy("no std.make_shared")
    shape = gbl.std.make_unique[smart.Shape](43)
    assert shape.id() == 43
    assert smart.uniqueId(shape) == 43


def test_make_shared_of_any_class_its_dictionary_describes(smart, gbl):
    _not_on_raw_cppyy("no std.make_shared")
    holder = gbl.std.make_shared[smart.Holder]()  # no declaration uses std::shared_ptr<smart::Holder>
    holder.add(smart.makeShape(3))
    assert holder.size() == 1
    assert type(holder.__smartptr__()).__cpp_name__ == "std::shared_ptr<smart::Holder>"
    assert gbl.std.make_unique[smart.Holder]().size() == 0


def test_make_shared_where_the_headers_have_no_shared_ptr(gbl):
    _not_on_raw_cppyy("no std.make_shared")
    with pytest.raises(TypeError) as error:  # data/objects.h does not include <memory>
        gbl.std.make_shared[gbl.Point]()
    assert "std::shared_ptr<Point>" in str(error.value)
