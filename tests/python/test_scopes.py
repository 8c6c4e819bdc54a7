"""Namespaces, free functions, global variables, enums and typedefs (data/scopes.h)."""
import pytest


def test_global_free_function(gbl):
    assert gbl.freeAdd(2, 3) == 5


def test_namespace_free_functions(gbl):
    assert gbl.outer.add(2, 5) == 7
    assert gbl.outer.inner.triple(4) == 12


def test_a_namespace_cannot_be_called(gbl):
    # as in cppyy (its test_advancedcpp.py: raises(TypeError, gbl.a_ns))
    with pytest.raises(TypeError):
        gbl.outer()
    with pytest.raises(TypeError):
        gbl.outer.inner(1)


def test_class_in_nested_namespace(gbl):
    assert gbl.outer.inner.Thing().id() == 4


def test_global_variable_read_and_write(gbl):
    assert gbl.g_global == 123
    gbl.g_global = 7
    try:
        assert gbl.readGlobal() == 7
    finally:
        gbl.g_global = 123
    assert gbl.readGlobal() == 123


def test_namespace_variables(gbl):
    assert gbl.outer.g_ratio == 0.5
    assert gbl.outer.inner.g_inner == 11
    gbl.outer.inner.g_inner = 12
    try:
        assert gbl.outer.inner.readInner() == 12
    finally:
        gbl.outer.inner.g_inner = 11


def test_const_global_is_read_only(gbl):
    assert gbl.g_constGlobal == 0.25
    with pytest.raises(TypeError):
        gbl.g_constGlobal = 1.0


def test_unscoped_enum_values_in_enclosing_scope(gbl):
    assert (gbl.kRed, gbl.kGreen, gbl.kBlue) == (0, 5, 6)
    assert (gbl.outer.kFlagA, gbl.outer.kFlagB) == (1, 2)
    assert (gbl.WithEnum.kOne, gbl.WithEnum.kTwo) == (1, 2)


def test_enum_values_through_the_enum_scope(gbl):
    assert gbl.Color.kBlue == 6
    assert gbl.outer.Flags.kFlagB == 2
    assert gbl.WithEnum.Kind.kOne == 1


def test_scoped_enum_values(gbl):
    assert (gbl.Mode.Off, gbl.Mode.On, gbl.Mode.Big) == (0, 3, -300)
    assert (gbl.outer.Level.Low, gbl.outer.Level.High) == (1, 9)
    with pytest.raises(AttributeError):
        gbl.On  # a scoped enum's values stay in the enum


def test_enum_arguments_and_results(gbl):
    assert gbl.colorValue(gbl.kGreen) == 5
    assert gbl.nextColor(gbl.kGreen) == 6
    assert gbl.toggle(gbl.Mode.Off) == 3 and gbl.toggle(gbl.Mode.On) == 0
    assert gbl.outer.levelValue(gbl.outer.Level.High) == 9
    assert gbl.outer.promote(gbl.outer.Level.Low) == 9


def test_enum_member_and_method_result(gbl):
    with_enum = gbl.WithEnum()
    assert with_enum.m_kind == 2 and with_enum.kind() == 2
    with_enum.m_kind = gbl.WithEnum.kOne
    assert with_enum.kind() == 1


def test_typedef_of_class_is_the_class(gbl):
    assert gbl.ThingAlias is gbl.outer.inner.Thing
    assert gbl.ThingAlias().id() == 4


def test_typedef_of_builtin_is_the_python_type(gbl):
    assert gbl.MyInt is int
    assert gbl.Real is float


def test_typedefs_in_signatures(gbl):
    assert gbl.addMyInt(2, 3) == 5
    assert gbl.halve(3.0) == 1.5


def test_typedef_of_std_string_in_signature(gbl):
    assert gbl.Name is gbl.std.string
    assert gbl.greet("bob") == "hello bob"


def test_unknown_names_are_attribute_errors(gbl):
    with pytest.raises(AttributeError):
        gbl.noSuchThing
    with pytest.raises(AttributeError):
        gbl.outer.noSuchFunction


def test_names_import_from_cppyy_gbl(cppyy):
    """`from cppyy.gbl import ...`, as cppyy users write it, on every client."""
    from cppyy.gbl import Factory, std
    assert Factory is cppyy.gbl.Factory
    assert std is cppyy.gbl.std


def test_names_import_from_namespaces_under_cppyy_gbl(cppyy):
    """`from cppyy.gbl.ns import X` and `import cppyy.gbl.ns`: the module is the
    namespace itself, as with cppyy; an unknown name is an ImportError."""
    from cppyy.gbl.outer.inner import Thing, triple
    assert Thing is cppyy.gbl.outer.inner.Thing and triple(2) == 6
    import cppyy.gbl.outer.inner as inner
    assert inner is cppyy.gbl.outer.inner
    with pytest.raises(ImportError) as error:
        from cppyy.gbl.outer import noSuchName  # noqa: F401
    assert "noSuchName" in str(error.value)
    with pytest.raises(ImportError):
        import cppyy.gbl.noSuchNamespace  # noqa: F401
    with pytest.raises(ImportError) as error:  # a name of no C++ scope: named in the error
        from cppyy.gbl import noSuchGlobalName  # noqa: F401
    assert "noSuchGlobalName" in str(error.value)
