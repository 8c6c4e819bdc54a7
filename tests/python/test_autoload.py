"""Autoloading: a script uses C++ names it never loaded, found through a catalog.

The catalog (autoload.catalog, beside the dictionaries) is written at build time
by `genreflex data/autoload.h --catalog=...`; each script runs in a fresh
interpreter (the one running the tests) with DICTLOADER_CATALOG naming it and
no default catalog. The errors: a catalog row whose library is missing, or
whose content changed since it was catalogued, and an unreadable catalog.
"""
import os
import shutil
import sqlite3

import pytest

LIBRARY = "libAutoloadDict.so"
CATALOG = "autoload.catalog"


@pytest.fixture
def run_with_catalog(run_pypy, tmp_path):
    """Runs code in a fresh interpreter whose only catalog is the one given."""
    def run(code, catalog):
        env = dict(os.environ)
        env["DICTLOADER_CATALOG"] = catalog
        env["XDG_DATA_HOME"] = str(tmp_path / "no-default")
        return run_pypy(code, env=env)
    return run


@pytest.fixture
def catalog(library):
    return library(CATALOG)


def _passes(result):
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("passed"), result.stdout


def test_a_class_it_never_loaded(run_with_catalog, catalog):
    _passes(run_with_catalog(
        "import cppyy\n"
        "gadget = cppyy.gbl.AutoGadget(21)\n"
        "assert gadget.Twice() == 42 and gadget.value == 21\n"
        "print('passed')\n", catalog))


def test_a_class_template_it_never_loaded(run_with_catalog, catalog):
    _passes(run_with_catalog(
        "import cppyy\n"
        "box = cppyy.gbl.AutoBox['int']()\n"  # the template's own name is in no catalog row
        "box.item = 5\n"
        "assert box.get() == 5\n"
        "print('passed')\n", catalog))


def test_a_function_it_never_loaded(run_with_catalog, catalog):
    _passes(run_with_catalog(
        "import cppyy\n"
        "assert cppyy.gbl.autoTriple(5) == 15\n"
        "assert cppyy.gbl.autons.quadruple(2) == 8\n"
        "print('passed')\n", catalog))


def test_a_function_in_a_namespace_first(run_with_catalog, catalog):
    _passes(run_with_catalog(
        "import cppyy\n"
        "assert cppyy.gbl.autons.quadruple(3) == 12\n"
        "print('passed')\n", catalog))


def test_an_enum_it_never_loaded(run_with_catalog, catalog):
    _passes(run_with_catalog(
        "import cppyy\n"
        "assert cppyy.gbl.AutoShade.kAutoDark == 7\n"
        "print('passed')\n", catalog))


def test_an_enum_value_a_variable_and_a_typedef(run_with_catalog, catalog):
    _passes(run_with_catalog(
        "import cppyy\n"
        "assert cppyy.gbl.g_autoCounter == 31\n"
        "assert cppyy.gbl.AutoMode.On == 3\n"
        "assert cppyy.gbl.AutoGadgetAlias(2).Twice() == 4\n"
        "print('passed')\n", catalog))


def test_a_catalog_the_script_adds(run_pypy, catalog, tmp_path):
    env = dict(os.environ)
    env.pop("DICTLOADER_CATALOG", None)
    env["XDG_DATA_HOME"] = str(tmp_path / "no-default")
    result = run_pypy(
        "import cppyy\n"
        "assert not hasattr(cppyy.gbl, 'AutoGadget')\n"  # no catalog yet
        "try:\n"
        "    cppyy.add_catalog(%r)\n"
        "except cppyy.DictionaryError as error:\n"
        "    assert %r in str(error), error\n"
        "else:\n"
        "    raise SystemExit('a missing catalog was added')\n"
        "cppyy.add_catalog(%r)\n"
        "assert cppyy.gbl.AutoGadget(4).Twice() == 8\n"
        "print('passed')\n" % (str(tmp_path / "missing.catalog"), str(tmp_path / "missing.catalog"), catalog),
        env=env)
    _passes(result)


def test_unknown_names_stay_attribute_errors(run_with_catalog, catalog):
    _passes(run_with_catalog(
        "import cppyy\n"
        "for attempt in range(3):\n"
        "    assert not hasattr(cppyy.gbl, 'NotInAnyCatalog')\n"
        "assert cppyy.gbl.autoTriple(1) == 3\n"
        "print('passed')\n", catalog))


def _catalog_of_a_copy(catalog, library, tmp_path):
    """A copy of the library and a catalog naming the copy."""
    copy = str(tmp_path / LIBRARY)
    shutil.copyfile(library(LIBRARY), copy)
    copied_catalog = str(tmp_path / CATALOG)
    shutil.copyfile(catalog, copied_catalog)
    with sqlite3.connect(copied_catalog) as connection:
        assert connection.execute("UPDATE libraries SET path = ? WHERE path = ?",
                                  (copy, library(LIBRARY))).rowcount == 1
    connection.close()
    return copy, copied_catalog


# The error names the C++ name and the library, in the exception the user sees.
_EXPECT_ERROR = (
    "import cppyy\n"
    "try:\n"
    "    cppyy.gbl.AutoGadget\n"
    "except AttributeError as error:\n"
    "    print(error)\n"
    "else:\n"
    "    raise SystemExit('AutoGadget was found')\n")


def test_missing_library_names_the_name_and_the_library(run_with_catalog, catalog, library, tmp_path):
    copy, copied_catalog = _catalog_of_a_copy(catalog, library, tmp_path)
    os.remove(copy)
    result = run_with_catalog(_EXPECT_ERROR, copied_catalog)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'AutoGadget'" in result.stdout and copy in result.stdout, result.stdout
    assert "does not exist" in result.stdout, result.stdout


def test_changed_library_names_the_name_and_the_library(run_with_catalog, catalog, library, tmp_path):
    copy, copied_catalog = _catalog_of_a_copy(catalog, library, tmp_path)
    with open(copy, "ab") as changed:
        changed.write(b"rebuilt since")
    result = run_with_catalog(_EXPECT_ERROR, copied_catalog)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'AutoGadget'" in result.stdout and copy in result.stdout, result.stdout
    assert "changed since it was catalogued" in result.stdout, result.stdout


def test_corrupt_catalog_is_named_once_at_the_first_miss(run_with_catalog, library, tmp_path):
    corrupt = tmp_path / "corrupt.catalog"
    corrupt.write_bytes(b"not a catalog " * 64)
    # Importing, loading and using a dictionary touch no catalog: its error
    # comes after the marker, at the first unknown name, and only once.
    result = run_with_catalog(
        "import os, cppyy\n"
        "cppyy.load_reflection_info(%r)\n"
        "cppyy.gbl.MyClass().MyFunc()\n"
        "os.write(2, b'marker\\n')\n"
        "assert not hasattr(cppyy.gbl, 'AutoGadget')\n"
        "assert not hasattr(cppyy.gbl, 'AnotherUnknownName')\n"
        "print('passed')\n" % library("libMyClassDict.so"), str(corrupt))
    _passes(result)
    assert result.stderr.startswith("marker\n"), result.stderr
    assert result.stderr.count(str(corrupt)) == 1, result.stderr
