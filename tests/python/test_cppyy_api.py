"""cppyy's public API, name by name (cppyy at a3bd17f): each is here and works
from the dictionaries, or raises an error that says why not and what to do.

The helpers that answer from the dictionaries: sizeof, multi, addressof of a
data member, the casts of cppyy.ll, dir() of a namespace (data/hierarchy.h,
data/scopes.h).
"""
import pytest

# cppyy/__init__.py's __all__, the backend module's (_cpython_cppyy.py), and the module attributes
CPPYY_NAMES = ["cppdef", "cppexec", "macro", "include", "c_include", "load_library", "nullptr", "sizeof",
               "typeid", "multi", "add_include_path", "add_library_path", "add_autoload_map", "set_debug",
               "gbl", "load_reflection_info", "addressof", "bind_object", "default", "py", "ll", "__version__"]
LL_NAMES = ["argv", "argc", "cast", "static_cast", "reinterpret_cast", "dynamic_cast", "malloc", "free",
            "array_new", "array_delete", "signals_as_exception", "set_signals_as_exception", "FatalError",
            "BusError", "SegmentationViolation", "IllegalInstruction", "AbortSignal"]

# what needs a C++ compiler in the process: each raises RuntimeCompilerError
NEEDS_COMPILER = {"cppdef": ("struct A {};",), "cppexec": ("int i = 1;",), "macro": ("__GNUC__",),
                  "include": ("vector",), "c_include": ("stdio.h",), "add_include_path": ("/usr/include",),
                  "typeid": (int,)}
LL_NEEDS_COMPILER = {"malloc": (4,), "free": (0,), "array_new": (4,), "array_delete": (0,),
                     "signals_as_exception": (), "set_signals_as_exception": (True,)}
NOT_PROVIDED = ["default"]


def test_every_public_name_is_given_or_says_why_not(cppyy):
    import cppyy.ll
    for name in CPPYY_NAMES:
        if name in NOT_PROVIDED:
            with pytest.raises(AttributeError, match="cppyy.%s is not provided: " % name):
                getattr(cppyy, name)
        else:
            assert getattr(cppyy, name) is not None, name
    for name in LL_NAMES:
        assert getattr(cppyy.ll, name) is not None, name


@pytest.mark.parametrize("name", sorted(NEEDS_COMPILER))
def test_what_needs_a_compiler_says_so(cppyy, name):
    with pytest.raises(cppyy.RuntimeCompilerError, match="cppyy.%s .*no C\\+\\+ compiler at run time: " % name):
        getattr(cppyy, name)(*NEEDS_COMPILER[name])
    assert issubclass(cppyy.RuntimeCompilerError, NotImplementedError)


@pytest.mark.parametrize("name", sorted(LL_NEEDS_COMPILER))
def test_low_level_helpers_that_need_a_compiler_say_so(cppyy, name):
    with pytest.raises(cppyy.RuntimeCompilerError, match="cppyy.ll.%s .*compiled at run time" % name):
        getattr(cppyy.ll, name)(*LL_NEEDS_COMPILER[name])


def test_sizeof_answers_from_the_dictionaries(cppyy, gbl):
    import ctypes
    assert cppyy.sizeof("int") == 4 and cppyy.sizeof("double") == 8 and cppyy.sizeof("char") == 1
    assert cppyy.sizeof(int) == 4 and cppyy.sizeof(float) == 4  # as cppyy: C++ int and float
    assert cppyy.sizeof(ctypes.c_int64) == 8
    base_size = cppyy.sizeof(gbl.Base)
    assert base_size == 16  # a virtual table pointer and an int, padded
    assert cppyy.sizeof("Base") == base_size and cppyy.sizeof(gbl.Base()) == base_size
    assert cppyy.sizeof(gbl.Multi) > cppyy.sizeof(gbl.Base) + cppyy.sizeof(gbl.SecondBase) - 8
    with pytest.raises(TypeError, match="NoSuchClass"):
        cppyy.sizeof("NoSuchClass")


def test_addressof_a_data_member(cppyy, gbl):
    multi = gbl.Multi()
    start = cppyy.addressof(multi)
    own = cppyy.addressof(multi, "m_multi")
    second = cppyy.addressof(multi, "m_second")  # in the base at a non-zero offset
    first = cppyy.addressof(multi, "m_base")
    assert start < first < second < own < start + cppyy.sizeof(gbl.Multi)
    # the address is where C++ reads the member
    import ctypes
    ctypes.c_int.from_address(second).value = 12
    assert multi.secondMethod() == 24
    with pytest.raises(AttributeError, match="m_nothing"):
        cppyy.addressof(multi, "m_nothing")


def test_static_cast_follows_the_hierarchy(cppyy, gbl):
    multi = gbl.Multi()
    second = cppyy.ll.static_cast[gbl.SecondBase](multi)
    assert cppyy.addressof(second) != cppyy.addressof(multi)  # SecondBase sits at an offset
    assert second.m_second == 77 and second.secondMethod() == 154
    back = cppyy.ll.static_cast["Multi"](second)
    assert cppyy.addressof(back) == cppyy.addressof(multi) and back.m_multi == 3
    with pytest.raises(TypeError, match="unrelated"):
        cppyy.ll.static_cast[gbl.Square](multi)


def test_dynamic_cast_asks_the_dynamic_type(cppyy, gbl):
    as_second = gbl.Factory.sharedMultiAsSecond()  # a Multi, returned as SecondBase*
    as_base = cppyy.ll.dynamic_cast[gbl.Base](as_second)  # across, through the complete object
    assert as_base.m_base == 1 and as_base.baseMethod() == 101
    assert cppyy.ll.dynamic_cast[gbl.Multi](as_second).m_multi == 3
    multi = gbl.Multi()  # kept: a cast's result does not own the object
    not_derived = cppyy.ll.dynamic_cast[gbl.Derived](cppyy.ll.static_cast[gbl.Base](multi))
    assert not not_derived and cppyy.addressof(not_derived) == 0


def test_reinterpret_cast_keeps_the_address(cppyy, gbl):
    multi = gbl.Multi()
    same = cppyy.ll.reinterpret_cast[gbl.Base](multi)
    assert cppyy.addressof(same) == cppyy.addressof(multi) and same.m_base == 1
    assert cppyy.ll.cast[gbl.SecondBase](multi).m_second == 77  # a C-style cast of a related class adjusts


def test_casts_to_what_no_dictionary_describes_say_why(cppyy, gbl):
    with pytest.raises(cppyy.RuntimeCompilerError, match="'int\\*'"):
        cppyy.ll.cast["int*"]
    with pytest.raises(TypeError, match="in brackets"):
        cppyy.ll.static_cast(gbl.Base, gbl.Multi())


def test_argv_and_argc():
    import sys
    import cppyy.ll
    assert cppyy.ll.argc() == len(sys.argv)
    assert cppyy.ll.argv()[0] == sys.argv[0].encode()


def test_multi_derives_from_classes_of_different_metaclasses(cppyy, gbl):
    class Meta(type):
        pass

    class Mixin(metaclass=Meta):
        def shout(self):
            return "mixin"

    class Both(cppyy.multi(gbl.Derived, Mixin)):
        pass

    both = Both()
    assert isinstance(both, gbl.Derived) and isinstance(both, Mixin)
    assert both.shout() == "mixin" and both.derivedMethod() == 202


def test_dir_of_a_namespace_lists_its_cpp_names(gbl):
    names = dir(gbl.outer)
    assert "Level" in names and "levelValue" in names and "promote" in names
    assert "Base" in dir(gbl) and "Factory" in dir(gbl)
