"""Python lists and tuples given where C++ takes a std::vector (data/vectors.h):
accepted for `const std::vector<T>&` and `std::vector<T>` in free functions,
methods, static methods and constructors, refused with a TypeError that names
the item for items T cannot take, and refused for a non-const reference."""
import pytest


def test_free_functions_take_lists_and_tuples(gbl):
    vec = gbl.vec
    assert vec.sum([1.0, 2.5]) == 3.5
    assert vec.sum((1, 2)) == 3.0  # ints where doubles are wanted, as for a double argument
    assert vec.sum([]) == 0.0
    assert vec.sumByValue([1.0, 2.0]) == 3.0
    assert vec.sumInts([1, -2, 40]) == 39
    assert vec.weighted([1.0, 2.0], (0.5, 0.25)) == 1.0  # a typedef of std::vector<float>
    assert vec.totalLength(["ab", "cde"]) == 5
    assert vec.countRows([[1.0], [2.0, 3.0], []]) == 3  # lists of lists


def test_lists_of_objects(gbl):
    points = [gbl.vec.Point(), gbl.vec.Point()]
    points[0].x, points[1].x = 1.5, 2.0
    assert gbl.vec.sumX(points) == 3.5
    assert gbl.vec.sumX(tuple(gbl.vec.points(3))) == 3.0  # proxies of elements of another vector
    with pytest.raises(TypeError) as error:
        gbl.vec.sumX([points[0], 1.0])
    assert str(error.value).startswith(
        "vec::sumX: argument 1, a list, cannot become std::vector<vec::Point>: item 1, 1.0 (float), "
        "is not a vec::Point"), str(error.value)


def test_vectors_still_pass_as_themselves(gbl):
    values = gbl.std.vector["double"]([4.0, 0.5])
    assert gbl.vec.sum(values) == 4.5
    assert gbl.vec.sum(gbl.vec.ramp(5)) == 10.0


def test_overloads_by_element_type(gbl):
    assert gbl.vec.kind([1, 2]) == "int"
    assert gbl.vec.kind(["a", "b"]) == "string"
    assert gbl.vec.kind(("a",)) == "string"


def test_methods_static_methods_and_constructors(gbl):
    accumulator = gbl.vec.Accumulator([1.0, 2.0])
    accumulator.add((3.0, 4.0))
    assert accumulator.total() == 10.0
    assert gbl.vec.Accumulator.peak([1.0, 5.0, 2.0]) == 5.0
    assert accumulator.peak([7.0]) == 7.0
    assert gbl.vec.Accumulator().total() == 0.0


def test_vector_of_vectors_push_back_takes_a_list(gbl):
    rows = gbl.std.vector["std::vector<double>"]([[1.0], [2.0, 3.0]])
    rows.push_back([4.0, 5.0])
    assert [list(row) for row in rows] == [[1.0], [2.0, 3.0], [4.0, 5.0]]


@pytest.mark.parametrize("call, message", [
    (lambda vec: vec.sum([1.0, "x"]),
     "vec::sum: argument 1, a list, cannot become std::vector<double>: item 1, 'x' (str), is not a float"),
    (lambda vec: vec.sumInts((1, 2.5)),
     "vec::sumInts: argument 1, a tuple, cannot become std::vector<int>: item 1, 2.5 (float), is not an int"),
    (lambda vec: vec.sumInts([2 ** 40]),
     "vec::sumInts: argument 1, a list, cannot become std::vector<int>: item 0, 1099511627776 (int), "
     "is not an int"),
    (lambda vec: vec.totalLength(["a", 3]),
     "vec::totalLength: argument 1, a list, cannot become std::vector<std::string>: item 1, 3 (int), "
     "is not a str"),
    (lambda vec: vec.weighted([1.0], [None]),
     "vec::weighted: argument 2, a list, cannot become std::vector<float>: item 0, None (NoneType), "
     "is not a float"),
    (lambda vec: vec.Accumulator(["x"]),
     "vec::Accumulator::__init__: argument 1, a list, cannot become std::vector<double>: item 0, 'x' (str)"),
    (lambda vec: vec.kind([1, "a"]),
     "vec::kind: argument 1, a list, cannot become std::vector<int>: item 1, 'a' (str), is not an int"),
])
def test_wrong_items_are_a_type_error_naming_them(gbl, call, message):
    with pytest.raises(TypeError) as error:
        call(gbl.vec)
    assert str(error.value).startswith(message), str(error.value)


def test_nested_wrong_item_names_both_levels(gbl):
    with pytest.raises(TypeError) as error:
        gbl.vec.countRows([[1.0], ["x"]])
    text = str(error.value)
    assert text.startswith("vec::countRows: argument 1, a list, cannot become "
                           "std::vector<std::vector<double>>: item 1, ['x'] (list)"), text
    assert "cannot become std::vector<double>: item 0, 'x' (str), is not a float" in text


def test_non_const_reference_takes_vectors_only(gbl):
    with pytest.raises(TypeError):
        gbl.vec.doubleAll([1.0, 2.0])
    values = gbl.std.vector["double"]([1.0, 2.0])
    gbl.vec.doubleAll(values)
    assert list(values) == [2.0, 4.0]
