"""Shared setup of the Python tests: where the dictionaries are, and cppyy with one loaded.

ctest runs this suite under pypy3 and under CPython (the extension module)
once per dictionary variant, with

    DICTLOADER_TEST_DICT_DIR   the folder holding the dictionaries built from data/*.h
    DICTLOADER_TEST_VARIANT    "methptrgetter" (fast-path addresses) or "stubs"

and PYTHONPATH naming the build's python/ folder (the cppyy package). One
process can hold only one dictionary of the same headers, so the variant picks
the one loaded here; tests that need the other run it in a subprocess.
"""
import os
import subprocess
import sys

import pytest

VARIANT_DICTIONARIES = {"methptrgetter": "libPyTestDict.so", "stubs": "libPyTestStubDict.so"}
OTHER_LIBRARIES = ("libMyClassDict.so", "libMyClassStubDict.so", "libPyTestPlain.so")


def _setting(name, meaning):
    value = os.environ.get(name, "")
    if not value:
        raise pytest.UsageError(
            "%s is not set: it must give %s. Run these tests through ctest in the build tree "
            "(ctest -R python), which sets it." % (name, meaning))
    return value


def pytest_configure(config):
    dict_dir = _setting("DICTLOADER_TEST_DICT_DIR", "the folder holding the test dictionaries")
    variant = _setting("DICTLOADER_TEST_VARIANT", "the dictionary variant, one of %s"
                       % ", ".join(sorted(VARIANT_DICTIONARIES)))
    if variant not in VARIANT_DICTIONARIES:
        raise pytest.UsageError("DICTLOADER_TEST_VARIANT=%r: expected one of %s"
                                % (variant, ", ".join(sorted(VARIANT_DICTIONARIES))))
    for name in tuple(VARIANT_DICTIONARIES.values()) + OTHER_LIBRARIES:
        if not os.path.isfile(os.path.join(dict_dir, name)):
            raise pytest.UsageError("%s not found in DICTLOADER_TEST_DICT_DIR=%s (build the "
                                    "python_test_dictionaries target)" % (name, dict_dir))
    config.dictloader_dict_dir = os.path.abspath(dict_dir)
    config.dictloader_variant = variant


# Tests of PyPy's _cppyy client itself (its JIT's direct calls, raw `_cppyy`
# sessions, the pythonization hooks and crash guards the package puts into
# _cppyy): they run where `import cppyy` is that client (CPPYY_CLIENT=_cppyy
# on PyPy), not for the CPython extension module or the cffi client.
RAW_CPPYY_ONLY = {
    "test_fast_path.py": None,
    "test_fast_path_all.py": None,
    "test_dictionary_lifetime.py": None,
    "test_loading.py": {"test_issue_session_through_raw_cppyy_module", "test_issue_session_returns_the_objects_values",
                        "test_raw_session_without_backend_fails_clearly"},
    "test_strings.py": {"test_raw_cppyy_keeps_bytes", "test_pythonizors_of_a_namespace_do_not_hide_the_conversion",
                        "test_functions_without_string_results_are_the_objects_cppyy_made"},
    "test_vector_buffers.py": {"test_builtins_iterate_with_cppyys_own_iterator"},
    "test_vector_indexing.py": {"test_layout_is_checked_and_used"},
    "test_typed_exceptions.py": {"test_raw_cppyy_raises_its_own_exception"},
    "test_lifetime_and_errors.py": {"test_unbound_guard_leaves_the_class_itself_alone"},
}

# What the CPython module does not do yet (issue 7): expected to fail there,
# strictly, so that a fix shows up as an unexpected pass to strike from here.
CPYTHON_NOT_YET = {
}


# What the sanitizer build (ctest sets DICTLOADER_TEST_SANITIZER) cannot
# check, with why.
SANITIZER_SKIPS = [
    ({"test_vector_memory.py": None,
      "test_object_storage.py": {"test_no_object_is_leaked", "test_what_objects_own_counts_for_the_collector"}},
     "RSS under ASan is its allocator's (freed memory waits in quarantine, and glibc's heap, which the "
     "PyPy client reads, does not see it); "
     "test_cpython_lifetime.py checks for leaks there with tracemalloc and live C++ objects"),
]


def _listed(table, item):
    names = table.get(os.path.basename(str(item.fspath)), ())
    return names is None or item.name in names or getattr(item, "originalname", None) in names


def client():
    """Which client `import cppyy` runs here: "cpython", "cffi" or "_cppyy" (PyPy's own)."""
    import cppyy
    return cppyy._CLIENT


def pytest_report_header(config):
    return "cppyy client: %s" % client()


def pytest_collection_modifyitems(config, items):
    if os.environ.get("DICTLOADER_TEST_SANITIZER"):
        for item in items:
            for table, reason in SANITIZER_SKIPS:
                if _listed(table, item):
                    item.add_marker(pytest.mark.skip(reason="sanitizer build: " + reason))
    which = client()
    for item in items:
        if which != "_cppyy" and _listed(RAW_CPPYY_ONLY, item):
            item.add_marker(pytest.mark.skip(reason="tests PyPy's _cppyy client itself"))
        elif which == "cpython" and _listed(CPYTHON_NOT_YET, item):
            item.add_marker(pytest.mark.xfail(strict=True, reason="not yet in the CPython module (issue 7)"))


@pytest.fixture(scope="session")
def dict_dir(pytestconfig):
    return pytestconfig.dictloader_dict_dir


@pytest.fixture(scope="session")
def variant(pytestconfig):
    return pytestconfig.dictloader_variant


@pytest.fixture(scope="session")
def library(dict_dir):
    """The absolute path of one of the test libraries, by file name."""
    return lambda name: os.path.join(dict_dir, name)


@pytest.fixture(scope="session")
def variant_dictionary(library, variant):
    """This run's dictionary of data/*.h."""
    return library(VARIANT_DICTIONARIES[variant])


@pytest.fixture(scope="session")
def cppyy(variant_dictionary):
    """The cppyy package with this run's dictionary loaded."""
    import cppyy as package
    package.load_reflection_info(variant_dictionary)
    return package


@pytest.fixture(scope="session")
def gbl(cppyy):
    return cppyy.gbl


@pytest.fixture(scope="session")
def run_pypy():
    """Runs Python code in a fresh pypy3 (the interpreter running the tests).
    With flat_rss, for tests that a resident set stays flat, its nursery is
    1 MB: PyPy sizes it by the CPU's cache (half of "cache size" in
    /proc/cpuinfo: 240 MB on a CPU that says 480 MB) and starts no major
    collection below 8 nurseries, so what waits for a collection, and the
    resident set, would grow with the CPU's cache, not with what leaks."""
    def run(code, *args, env=None, cwd=None, flat_rss=False):
        if flat_rss:
            env = dict(os.environ if env is None else env, PYPY_GC_NURSERY="1M")
        return subprocess.run([sys.executable, "-c", code] + list(args), env=env, cwd=cwd,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=240)
    return run
