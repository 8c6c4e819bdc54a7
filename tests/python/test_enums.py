"""Enums are types (data/enums.h; issue 14): a Python class per C++ enum,
values that are its instances, overloads on enums chosen as in C++.

On every client: PyPy's cffi client, CPython, and PyPy's own _cppyy
(CPPYY_CLIENT=_cppyy), where the package's layer over it (_pypy_enums)
applies the rules to functions with enum parameters; what differs there is in
the tests marked raw below (dictloader/docs/enums.md).
"""
import pytest

# What the layer over PyPy's _cppyy cannot do: a function without an enum
# parameter is _cppyy's own, which converts any int subclass.
NOT_ON_RAW_CPPYY = {"test_a_scoped_enum_value_never_passes_as_an_int", "test_arrays_of_enums"}


@pytest.fixture(scope="module")
def units(gbl):
    return gbl.units


@pytest.fixture(autouse=True)
def _on_our_clients(request, cppyy):
    raw = cppyy._CLIENT == "_cppyy"
    if not raw and "raw" in request.node.name:
        pytest.skip("PyPy's _cppyy only")
    if raw and request.node.name in NOT_ON_RAW_CPPYY:
        pytest.skip("PyPy's _cppyy converts a scoped enum's value, and no uint8_t[2]")


def test_an_enum_is_a_class_whose_values_are_its_instances(units):
    assert isinstance(units.Energy, type) and issubclass(units.Energy, int)
    assert type(units.eGeV) is units.Energy  # through the enclosing scope
    assert type(units.Energy.eGeV) is units.Energy  # through the enum
    assert units.Energy.__cpp_name__ == "units::Energy"
    assert units.eGeV == 1 and units.Energy.eMeV == 0
    assert units.Energy(1) == units.eGeV and type(units.Energy(1)) is units.Energy
    assert repr(units.eGeV) == "<Energy.eGeV: 1>" and str(units.eGeV) == "1"
    assert type(units.Shade.Dark) is units.Shade and units.Shade.Dark == -2


def test_overloads_that_differ_only_by_enum_type_resolve_as_in_cpp(units):
    assert units.code(units.lMM) == 20 and units.code(units.eGeV) == 11
    assert units.name(units.lMM) == "MM"
    assert units.name(units.eMeV) == "MEV"
    assert units.name(units.lCM) == "CM"
    assert units.name(units.Energy.eGeV) == "GEV"


def test_a_plain_int_passes_for_an_enum_and_picks_the_first_declared(units):
    # cppyy lets an int stand for an enum; where only the enum type differs the
    # first declared overload is called.
    assert units.name(0) == "MEV"
    assert units.name(1) == "GEV"
    assert units.shadeValue(-2) == -2  # a scoped enum's parameter takes an int too


def test_an_exact_enum_match_wins_over_an_int_parameter_and_an_int_over_an_enum(units):
    assert units.which(units.lCM) == "Length"  # declared before which(int)
    assert units.which(1) == "int"  # an int parameter before an enum one, as C++
    assert units.other(units.eGeV) == "Energy"  # declared after other(int)
    assert units.other(1) == "int"


def test_an_unscoped_enum_value_passes_where_an_int_is_expected(units):
    assert units.plain(units.lCM) == 1 and type(units.plain(units.lCM)) is int
    assert units.real(units.eGeV) == 1.0


def test_a_scoped_enum_value_never_passes_as_an_int(units):
    with pytest.raises(TypeError, match="scoped enum"):
        units.plain(units.Shade.Dark)
    with pytest.raises(TypeError, match="scoped enum"):
        units.real(units.Shade.Light)
    assert units.plain(int(units.Shade.Dark)) == -2  # as the message says
    assert units.shadeValue(units.Shade.Dark) == -2


def test_a_value_of_another_enum_does_not_pass_for_an_enum(units):
    with pytest.raises(TypeError, match="another C\\+\\+ enum|not of units::Length"):
        units.longer(units.eGeV)
    with pytest.raises(TypeError):
        units.shadeValue(units.lCM)


def test_results_of_enum_type_are_the_enums_values(units):
    assert type(units.longer(units.lMM)) is units.Length and units.longer(units.lMM) == units.lCM
    assert type(units.darker(units.Shade.Light)) is units.Shade
    assert units.darker(units.Shade.Light) == units.Shade.Dark
    assert type(units.byReference(units.eMeV)) is units.Energy  # const Energy& argument
    assert units.byReference(units.eMeV) == units.eGeV
    assert type(units.favourite()) is units.Length and units.favourite() == units.lCM  # const Length& result
    assert type(units.tiny(units.tLow)) is units.Tiny and units.tiny(units.tLow) == 200  # one byte, promoted


def test_data_members_of_enum_type(units):
    gauge = units.Gauge()
    assert type(gauge.energy) is units.Energy and gauge.energy == units.eGeV
    assert type(gauge.shade) is units.Shade and gauge.shade == units.Shade.Dark
    gauge.energy = units.eMeV
    assert gauge.energy == units.eMeV
    gauge.shade = units.Shade.Light  # a two-byte member written in place
    assert gauge.shade == units.Shade.Light and gauge.energy == units.eMeV
    gauge.energy = 1  # an int, as for a parameter
    assert gauge.energy == units.eGeV
    with pytest.raises(TypeError):
        gauge.energy = units.lCM
    assert type(units.Gauge.unit) is units.Length and units.Gauge().unitOf() == units.lMM


def test_arrays_of_enums(units):
    gauge = units.Gauge()
    assert [type(t) for t in gauge.tinies] == [units.Tiny, units.Tiny]
    assert list(gauge.tinies) == [1, 200]  # one-byte values, numbers


def test_method_signatures_name_the_enums(units):
    assert "units::Length" in units.longer.__doc__


# --- PyPy's own _cppyy (CPPYY_CLIENT=_cppyy) ------------------------------------------------
def test_raw_cppyy_signatures_name_the_enum_for_overload(units, cppyy):
    # The C API reports an enum parameter as its promoted builtin (what
    # _cppyy converts) and names the enum in the signature, which
    # __overload__ matches.
    import _cppyy
    assert cppyy.gbl is _cppyy.gbl
    assert units.code.__overload__("units::Length")(units.lCM) == 21
    assert units.code.__overload__("units::Energy")(units.lCM) == 11
    assert type(units.longer.__overload__("units::Length")(units.lMM)) is units.Length


def test_raw_cppyy_scoped_enum_value_passes_where_no_parameter_is_an_enum(units):
    assert units.plain(units.Shade.Dark) == -2  # _cppyy's own int converter
    with pytest.raises(TypeError, match="units::Shade, not of units::Length"):
        units.code(units.Shade.Dark)  # an overload set with enum parameters: the layer's
