"""Getting dictionaries into a process: the raw _cppyy session of the issue,
load_reflection_info, load_library, load_lib, and DictionaryError."""
import os

import pytest

ISSUE_SESSION = ('import ctypes, _cppyy; _cppyy._post_import_startup(); '
                 'ctypes.CDLL("./libMyClassDict.so", ctypes.RTLD_GLOBAL); '
                 'inst = _cppyy.gbl.MyClass(); inst.MyFunc()')


@pytest.fixture(scope="module")
def backend_library(cppyy):
    path = cppyy._backend.backend_library_path()
    assert os.path.isfile(path), "cppyy._backend names a missing libdictloader: %s" % path
    return path


def raw_env(backend_library):
    env = dict(os.environ, CPPYY_BACKEND_LIBRARY=backend_library)
    env.pop("PYTHONPATH", None)  # the raw session needs nothing but _cppyy
    return env


def test_issue_session_through_raw_cppyy_module(run_pypy, dict_dir, backend_library):
    result = run_pypy(ISSUE_SESSION, env=raw_env(backend_library), cwd=dict_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_issue_session_returns_the_objects_values(run_pypy, dict_dir, backend_library):
    code = ISSUE_SESSION + '; print(inst.MyFunc(), _cppyy.gbl.MyClass(41).AddInt(1))'
    result = run_pypy(code, env=raw_env(backend_library), cwd=dict_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "42"]


def test_raw_session_without_backend_fails_clearly(run_pypy, dict_dir, tmp_path):
    env = dict(os.environ, CPPYY_BACKEND_LIBRARY=str(tmp_path / "libnothere.so"))
    result = run_pypy(ISSUE_SESSION, env=env, cwd=dict_dir)
    assert result.returncode != 0
    assert "ImportError" in result.stderr and "backend" in result.stderr


@pytest.mark.parametrize("loader", ["load_reflection_info", "load_library", "load_lib"])
def test_each_loader_makes_the_dictionary_usable(run_pypy, library, loader):
    code = ("import sys, cppyy\n"
            "assert cppyy.%s(sys.argv[1]) == sys.argv[1]\n"
            "print(cppyy.gbl.MyClass(5).MyFunc(), cppyy.gbl.MyClass(5).AddInt(2))\n" % loader)
    result = run_pypy(code, library("libMyClassDict.so"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["5", "7"]


def test_names_are_unknown_before_loading(run_pypy):
    result = run_pypy("import cppyy\ntry:\n    cppyy.gbl.MyClass\nexcept AttributeError as e:\n"
                      "    print('AttributeError', e)\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("AttributeError") and "MyClass" in result.stdout


def test_loading_again_is_harmless(cppyy, gbl, variant_dictionary):
    path = variant_dictionary
    assert cppyy.load_reflection_info(path) == path
    assert cppyy.load_library(path) == path
    assert gbl.Counted(3).value() == 3


def test_missing_file_is_a_dictionary_error(cppyy, tmp_path):
    missing = str(tmp_path / "libMissingDict.so")
    with pytest.raises(cppyy.DictionaryError) as error:
        cppyy.load_reflection_info(missing)
    message = str(error.value)
    assert "cannot load" in message and missing in message


def test_library_without_dictionary_is_refused(cppyy, library):
    plain = library("libPyTestPlain.so")
    with pytest.raises(cppyy.DictionaryError) as error:
        cppyy.load_reflection_info(plain)
    message = str(error.value)
    assert "is not a dictionary" in message and plain in message


def test_file_that_is_no_library_is_refused(cppyy, tmp_path):
    text = tmp_path / "libText.so"
    text.write_text("not an ELF file\n")
    with pytest.raises(cppyy.DictionaryError) as error:
        cppyy.load_reflection_info(str(text))
    message = str(error.value)
    assert "cannot load" in message and str(text) in message


def test_dictionary_error_after_a_failure_does_not_break_loading(cppyy, gbl, tmp_path):
    with pytest.raises(cppyy.DictionaryError):
        cppyy.load_reflection_info(str(tmp_path / "libMissingDict.so"))
    assert gbl.Overloads.twice(21) == 42


def test_load_library_of_a_missing_file_is_a_dictionary_error(cppyy, tmp_path):
    missing = str(tmp_path / "libMissing.so")
    with pytest.raises(cppyy.DictionaryError) as error:
        cppyy.load_library(missing)
    assert missing in str(error.value)


def test_a_name_without_prefix_and_suffix_is_found_as_cppyy_finds_it(cppyy, gbl, variant_dictionary):
    folder, base = os.path.split(variant_dictionary)  # lib<name>.so
    assert base.startswith("lib") and base.endswith(".so")
    assert cppyy.load_reflection_info(os.path.join(folder, base[3:-3])) == variant_dictionary
    assert cppyy.load_reflection_info(os.path.join(folder, base[:-3])) == variant_dictionary
    assert cppyy.load_library(os.path.join(folder, base[3:])) == variant_dictionary
    assert gbl.Counted(4).value() == 4


FIND_SESSION = r'''
import sys
import cppyy
print(cppyy.load_reflection_info(sys.argv[1]))
print(cppyy.gbl.Counted(5).value())
try:
    cppyy.load_reflection_info("NoSuchDictAnywhere")
except cppyy.DictionaryError as error:
    print("error:", error)
'''


def test_a_bare_name_is_looked_for_in_ld_library_path_and_the_current_folder(run_pypy, variant_dictionary, tmp_path):
    folder, base = os.path.split(variant_dictionary)
    env = dict(os.environ, LD_LIBRARY_PATH=folder)
    result = run_pypy(FIND_SESSION, base[3:-3], env=env, cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    found, value, error = result.stdout.splitlines()
    assert found == variant_dictionary and value == "5"
    # what was looked for is named, beside the loader's reason
    assert "NoSuchDictAnywhere" in error and os.path.join(folder, "libNoSuchDictAnywhere.so") in error
    env = dict(os.environ, LD_LIBRARY_PATH="")
    result = run_pypy(FIND_SESSION, base[3:-3], env=env, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == os.path.join(os.curdir, base)


ADDED_PATH_SESSION = r'''
import sys
import cppyy
try:
    cppyy.add_library_path(sys.argv[1] + "/no-such-folder")
except OSError as error:
    print("OSError")
cppyy.add_library_path(sys.argv[1])
print(cppyy.load_reflection_info(sys.argv[2]))
'''


def test_add_library_path_is_searched_first(run_pypy, variant_dictionary, tmp_path):
    folder, base = os.path.split(variant_dictionary)
    env = dict(os.environ, LD_LIBRARY_PATH="")
    result = run_pypy(ADDED_PATH_SESSION, folder, base[3:-3], env=env, cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["OSError", variant_dictionary]


def test_load_library_takes_plain_libraries(cppyy, library):
    plain = library("libPyTestPlain.so")
    assert cppyy.load_library(plain) == plain


def test_cppyy_has_a_version(cppyy):
    assert cppyy.__version__.count(".") == 2 and cppyy.__version__.split(".")[0].isdigit()


def test_load_reflection_info_wants_a_str_path(cppyy, variant_dictionary):
    with pytest.raises(TypeError):
        cppyy.load_reflection_info(os.fsencode(variant_dictionary))


def test_load_reflection_info_takes_a_path_object(cppyy, variant_dictionary):
    import pathlib
    assert cppyy.load_reflection_info(pathlib.Path(variant_dictionary)) == variant_dictionary


def test_fast_path_addresses_refuses_unknown_names(cppyy, gbl):
    with pytest.raises(LookupError):
        cppyy.fast_path_addresses("NoSuchClass", "f")
    with pytest.raises(LookupError):
        cppyy.fast_path_addresses("Point", "noSuchMethod")
