"""std::string through `import cppyy` is str (as cppyy gives on CPython): results
by value and by const reference, data members (read and write), static members,
namespace functions and variables, operators and typedefs (data/strings.h).
Raw _cppyy keeps PyPy's bytes."""
import os

import pytest

NON_ASCII = "gr\u00fc\u00df \u2713 \u65e5\u672c"


@pytest.fixture
def label(gbl):
    return gbl.text.Label()


def assert_text(value, expected):
    assert type(value) is str, "expected str, got %s (%r)" % (type(value).__name__, value)
    assert value == expected


def test_result_by_value_is_str(label):
    assert_text(label.Name(), "valued")
    assert label.Name() == "valued"


def test_result_by_const_reference_is_str(label):
    assert_text(label.NameRef(), "valued")


def test_result_through_a_typedef_is_str(label):
    assert_text(label.Alias(), "valued")


def test_mutable_reference_result_stays_a_std_string(gbl, label):
    name = label.MutableName()
    assert isinstance(name, gbl.std.string)
    assert name.c_str() == "valued"


def test_static_methods_give_str(gbl):
    assert_text(gbl.text.Label.Join("a", "b"), "a/b")
    assert_text(gbl.text.Label.Default(), "default")
    assert_text(gbl.text.Label().Join("c", "d"), "c/d")


def test_namespace_and_global_functions_give_str(gbl):
    assert_text(gbl.text.echo("x"), "x")
    assert_text(gbl.text.motto(), "carpe diem")
    assert_text(gbl.globalEcho("y"), "y")


def test_operators_with_string_results_give_str(label):
    assert_text(label + "!", "valued!")
    assert_text(label[1], "a")
    assert_text(label(2), "lued")


def test_overload_set_with_mixed_results(label):
    assert_text(label.Describe(2), "valuedvalued")
    assert label.Describe() == 42


def test_inherited_methods_and_members_give_str(gbl):
    caption = gbl.text.Caption()
    assert_text(caption.Name(), "caption")
    assert_text(caption.NameRef(), "caption")
    assert_text(caption.m_name, "caption")
    assert caption.Extra() == 7


def test_data_member_read_and_write(label):
    assert_text(label.m_name, "valued")
    label.m_name = "changed"
    assert_text(label.m_name, "changed")
    assert_text(label.Name(), "changed")
    assert label.Size() == 7


def test_typedef_data_member_read_and_write(label):
    assert_text(label.m_alias, "alias")
    label.m_alias = "other"
    assert_text(label.m_alias, "other")


def test_non_string_data_member_is_untouched(label):
    assert label.m_count == 3
    label.m_count = 4
    assert label.m_count == 4


def test_static_data_member_through_class_and_instance(gbl):
    Label = gbl.text.Label
    assert_text(Label.s_prefix, "prefix")
    try:
        Label.s_prefix = "through the class"
        assert_text(Label.s_prefix, "through the class")
        assert_text(Label().s_prefix, "through the class")
        Label().s_prefix = "through an object"
        assert_text(Label.s_prefix, "through an object")
        assert_text(gbl.text.Caption.s_prefix, "through an object")
    finally:
        Label.s_prefix = "prefix"


def test_namespace_variable_read_and_write(gbl):
    assert_text(gbl.text.g_greeting, "hello")
    try:
        gbl.text.g_greeting = NON_ASCII
        assert_text(gbl.text.g_greeting, NON_ASCII)
    finally:
        gbl.text.g_greeting = "hello"


def test_non_ascii_round_trip(gbl, label):
    assert_text(gbl.text.echo(NON_ASCII), NON_ASCII)
    label.m_name = NON_ASCII
    assert_text(label.m_name, NON_ASCII)
    assert_text(label.Name(), NON_ASCII)
    assert_text(label.NameRef(), NON_ASCII)
    assert label.Size() == len(NON_ASCII.encode("utf-8"))
    assert_text(gbl.text.Label(NON_ASCII).Name(), NON_ASCII)


def test_embedded_nul_survives(gbl, label):
    assert_text(gbl.text.withNul(), "x\x00y")
    label.m_name = "a\x00b"
    assert_text(label.m_name, "a\x00b")
    assert_text(label.NameRef(), "a\x00b")


def test_long_strings_beyond_the_small_string_buffer(gbl, label):
    long_text = "0123456789" * 100 + NON_ASCII
    assert_text(gbl.text.echo(long_text), long_text)
    label.m_name = long_text
    assert_text(label.NameRef(), long_text)
    assert_text(label.m_name, long_text)


def test_text_that_is_not_utf8_raises(gbl):
    with pytest.raises(UnicodeDecodeError):
        gbl.text.notUtf8()


def test_functions_without_string_results_are_the_objects_cppyy_made(gbl):
    # zero added cost: only overload sets with a std::string result are wrapped
    Label = gbl.text.Label
    assert type(Label.__dict__["Size"]).__name__ == "CPPOverload"
    assert type(Label.__dict__["CName"]).__name__ == "CPPOverload"
    assert type(Label.__dict__["MutableName"]).__name__ == "CPPOverload"
    assert type(Label.__dict__["m_count"]).__name__ == "CPPDataMember"
    assert type(gbl.text.Caption.__dict__["Extra"]).__name__ == "CPPOverload"
    assert type(Label.__dict__["Name"]).__name__ == "function"


def test_wrappers_keep_the_prototypes_as_doc(gbl):
    assert "text::Label::Name()" in gbl.text.Label.Name.__doc__
    assert "text::echo(" in gbl.text.echo.__doc__


def test_const_char_result_stays_str(label):
    assert_text(label.CName(), "valued")


RAW_SESSION = r'''
import sys, _cffi_backend, _cppyy
_cppyy._post_import_startup()
handle = _cffi_backend.load_library(sys.argv[1], _cffi_backend.RTLD_NOW | _cffi_backend.RTLD_GLOBAL)
text = _cppyy.gbl.text
label = text.Label()
print(type(label.Name()).__name__, label.Name())
print(type(text.echo("e")).__name__, type(text.Label.Join("a", "b")).__name__)
print(type(label.NameRef()).__name__, type(label.m_name).__name__)
label.m_name = "raw write"
print(label.Name())
'''


def test_raw_cppyy_keeps_bytes(run_pypy, variant_dictionary, cppyy):
    env = dict(os.environ, CPPYY_BACKEND_LIBRARY=cppyy._backend.backend_library_path())
    env.pop("PYTHONPATH", None)  # nothing but _cppyy: the cppyy package is not importable
    result = run_pypy(RAW_SESSION, variant_dictionary, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "bytes b'valued'", "bytes bytes", "string string", "b'raw write'"]


def test_pythonizors_of_a_namespace_do_not_hide_the_conversion(run_pypy, variant_dictionary):
    # _cppyy runs the global pythonizors only for namespaces without their own
    code = ("import sys, cppyy, _cppyy\n"
            "seen = []\n"
            "_cppyy.add_pythonization(lambda cls, name: seen.append(name), 'text')\n"
            "cppyy.load_reflection_info(sys.argv[1])\n"
            "print(seen, repr(cppyy.gbl.text.Label().Name()))\n")
    result = run_pypy(code, variant_dictionary)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['Label'] 'valued'"
