#!/usr/bin/env python3
"""Runs PyPy's own _cppyy test suite on a translated PyPy with this build as its backend.

    python3 scripts/pypy_suite.py --build BUILD --pypy-tests PYPY/pypy/module/_cppyy/test
        [--pypy /usr/bin/pypy3] [--file test_datatypes.py ...]
        [--work DIR] [--timeout SECONDS] [--json OUT.json]

Not part of CI (which has no copy of the suite). The suite is the folder
pypy/module/_cppyy/test of the PyPy repository at tag release-pypy3.9-v7.3.11:

    git --git-dir=PYPY.git archive release-pypy3.9-v7.3.11 pypy/module/_cppyy/test | tar -x -C DIR

It is copied to WORK/pypy/module/_cppyy/test (the checkout stays clean; the
package path is PyPy's, next to empty pypy/, pypy/module/ and
pypy/module/_cppyy/ packages), its dictionaries are built with its own
Makefile and this build's genreflex first on PATH (make needs no variables:
the Makefile does without cling-config), and each test file runs in its own
process of the translated PyPy (Debian's pypy3 7.3.11, whose built-in _cppyy
loads CPPYY_BACKEND_LIBRARY = this build's libdictloader.so; LD_LIBRARY_PATH
and the current folder are the suite's copy, as its tests expect). A test that
ends the process is counted as crashed and its file runs again without it. It
prints per-file counts and the failures grouped by cause.

The tests are PyPy "app-level" tests (classes AppTest*), written for PyPy's
own test run, which interprets them with an untranslated PyPy object space on
top of CPython 2. A pytest plugin written to WORK/pypy_apptest.py replays
that protocol (pypy/conftest.py and pypy/tool/pytest/apptest.py without -A)
on the translated PyPy, where app-level objects are plain objects:
  - cls.space has what the suite asks of it: newtext, newint, wrap (the value
    itself), unpackiterable, and appexec (compiles "def anonymous(...)" in a
    fresh namespace and calls it);
  - each test method is compiled on its own in a fresh module namespace, as
    app2interp_temp does (module globals are not seen), and called with one
    app-level instance per class carrying the w_ attributes under their plain
    names; builtins raises() and skip() behave as PyPy's app-level ones.
How it differs from PyPy's own run:
  - interp-level tests (module-level functions, Test* classes, and app-level
    tests whose setup calls interp-level code, e.g. test_crossing's
    interp2app) need PyPy's RPython test space: they are reported as
    "interp-level", not run. Their imports of pypy.* and rpython.* get stubs;
  - PyPy's run keeps one object space for the whole session; here state is
    shared within a file only (one process per file);
  - _cppyy is Debian's build of PyPy 7.3.11, not one built from the tag;
  - Debian's pytest 7 instead of PyPy's vendored pytest: app-level asserts are
    rewritten by pytest (PyPy reinterprets them), marks work as in pytest 7;
  - the dictionaries are built once up front with make -k (each file's
    setup_module runs make again, which finds them up to date);
  - -A mode (one process per test, skip() counted as a pass) is not emulated.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import suite_common  # beside this script

SUITE = os.path.join("pypy", "module", "_cppyy", "test")
INTERP_LEVEL = "interp-level: needs PyPy's RPython test space"

# Failures grouped by the text of their message: (label, pattern); the first
# match wins. Others are grouped by their message.
KNOWN_CAUSES = [
    ("C++ at run time (gInterpreter, cppdef: issue 17)",
     re.compile(r"has no attribute '(cppdef|include|c_include|cppexec|gInterpreter|add_include_path)'"
                r"|no name 'gInterpreter'|gInterpreter|RuntimeCompilerError")),
    ("a dictionary that did not build", re.compile(r"'make' failed")),
    ("a C++ name that is not found (not in the dictionary's selection, or a template not instantiated)",
     re.compile(r"has no attribute '[^']*' \(details:|does not exist$|failed to instantiate")),
    # not this product's: PyPy 7.3.11's _cppyy or the suite itself
    ("bytes where the test wants str: PyPy 7.3.11's _cppyy returns char and std::string as bytes",
     re.compile(r"assert b'[^']*' == '")),
    ("PyPy 7.3.11's pythonify.py raises StopIteration in a generator (PEP 479)",
     re.compile(r"generator raised StopIteration")),
    ("the suite uses Python 2's long", re.compile(r"name 'long' is not defined")),
]

# The pytest plugin (see the docstring); pytest loads it with -p pypy_apptest.
PLUGIN = r'''"""PyPy's app-level test protocol on a translated PyPy; written by scripts/pypy_suite.py."""
import ast
import builtins
import importlib.machinery
import inspect
import sys
import textwrap

import pytest
from _pytest.assertion.rewrite import rewrite_asserts

INTERP_LEVEL = @INTERP_LEVEL@
_collected = False  # after collection, calling interp-level code skips the test


class InterpLevel:
    """Stands for PyPy's interp-level code, which runs untranslated only.

    Test modules import it and use it at import time (base classes, decorators,
    assignments); a test that calls it is skipped as interp-level."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, attribute):
        if attribute.startswith("_"):  # keep introspection (pytest's, inspect's) honest
            raise AttributeError(attribute)
        return InterpLevel(self._name + "." + attribute)

    def __call__(self, *args, **kwargs):
        if _collected:
            pytest.skip(INTERP_LEVEL)
        return InterpLevel(self._name + "()")

    def __mro_entries__(self, bases):  # class FakeBase(W_Root)
        return (object,)


class InterpLevelFinder:
    """Makes the pypy.* and rpython.* modules that are not on disk (all but the suite's packages)."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pypy", "rpython"):
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__getattr__ = InterpLevel(module.__name__).__getattr__


sys.meta_path.append(InterpLevelFinder())  # last: the suite's own packages come first


class AppSpace:
    """cls.space: the translated PyPy is the app level, so a wrapped object is the object itself.

    Only what the suite uses."""

    def wrap(self, value):
        return value

    newtext = newint = wrap

    def unpackiterable(self, w_iterable):
        return list(w_iterable)

    def appexec(self, args_w, source):
        source = source.lstrip()
        assert source.startswith("("), source
        namespace = {}
        exec(compile("def anonymous" + source + "\n", "<appexec>", "exec"), namespace)
        return namespace["anonymous"](*args_w)


SPACE = AppSpace()


class ExceptionInfo:
    def __init__(self, error):
        self.type, self.value, self.traceback = type(error), error, error.__traceback__


class RaisesContext:
    def __init__(self, expected):
        self.expected = expected

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        if kind is None or not issubclass(kind, self.expected):
            raise AssertionError("raises() expected %r, but got %s" %
                                 (self.expected, "no exception" if kind is None else repr(kind)))
        self.type, self.value = kind, value
        return True


def raises(expected, *args, **kwargs):
    """PyPy's app-level raises() (pypy/tool/pytest/appsupport.py): a string is run in the caller's frame."""
    if not args:
        return RaisesContext(expected)
    expression, args = args[0], args[1:]
    if isinstance(expression, str) and args:
        raise TypeError("raises() takes no argument after a string expression")
    try:
        if isinstance(expression, str):
            frame = sys._getframe(1)
            local = dict(frame.f_locals, **kwargs)
            exec(textwrap.dedent(expression), frame.f_globals, local)
        else:
            expression(*args, **kwargs)
    except expected as error:
        return ExceptionInfo(error)
    raise AssertionError("DID NOT RAISE")


def skip(message=None):
    pytest.skip(message or "")


def py3k_skip(message):
    pytest.skip("[py3k] %s" % message)


# PyPy puts these in the app-level builtins
builtins.raises, builtins.skip, builtins.py3k_skip = raises, skip, py3k_skip


def pytest_addoption(parser):
    # pypy/conftest.py's modes, which the suite's conftest.py asks for: neither is on
    group = parser.getgroup("pypy options")
    group.addoption("--runappdirect", action="store_true", default=False, dest="runappdirect")
    group.addoption("--direct-apptest", action="store_true", default=False, dest="direct_apptest")


def pytest_configure(config):
    config.addinivalue_line("python_classes", "AppTest")  # as PyPyModule.classnamefilter


def is_applevel(item):
    return item.cls is not None and item.cls.__name__.startswith("AppTest")


def pytest_collection_modifyitems(items):
    for item in items:
        if not is_applevel(item):
            item.add_marker(pytest.mark.skip(reason=INTERP_LEVEL))


def pytest_collection_finish(session):
    global _collected
    _collected = True


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # before setup_class, as pypy/conftest.py's pytest_runtest_setup
    if is_applevel(item):
        usemodules = getattr(item.cls, "spaceconfig", {}).get("usemodules", [])
        missing = set(usemodules).difference(sys.builtin_module_names)
        if missing:
            pytest.skip("this PyPy lacks the modules %s" % sorted(missing))
        item.cls.space = SPACE
        item.cls.runappdirect = False


def app_level(function, config):
    """The function compiled on its own in a fresh module namespace, as app2interp_temp does."""
    function = getattr(function, "__func__", function)
    lines, first = inspect.getsourcelines(function)
    while lines[0].lstrip().startswith(("@py.test.mark.", "@pytest.mark.")):  # dropped by PyPy too
        lines.pop(0)
        first += 1
    # as appdef: the def goes to column 0, the body stays as it is (comments at column 0
    # would stop a dedent); blank lines in front keep the line numbers of the file in tracebacks
    source = "\n" * (first - 1) + "".join(lines).lstrip()
    filename = inspect.getsourcefile(function)
    tree = ast.parse(source, filename)
    rewrite_asserts(tree, source.encode(), filename, config)  # PyPy explains failed asserts too
    namespace = {"__name__": "__builtin__"}
    exec(compile(tree, filename, "exec"), namespace)
    return namespace[function.__name__]


_instances = {}  # one app-level instance per class, as AppClassInstance


def app_instance(item):
    cls = item.cls
    if cls not in _instances:
        _instances[cls] = type(cls.__name__, (), {})()
    w_instance = _instances[cls]
    for name in dir(item.instance):
        if name.startswith("w_"):
            # app-level values, as they are: a function stays unbound (the suite has no def w_...)
            setattr(w_instance, name[2:], inspect.getattr_static(item.instance, name))
    return w_instance


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    if not is_applevel(pyfuncitem):
        return None
    app_level(pyfuncitem.obj, pyfuncitem.config)(app_instance(pyfuncitem))
    return True
'''.replace("@INTERP_LEVEL@", repr(INTERP_LEVEL))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True, help="this project's build folder")
    parser.add_argument("--pypy-tests", required=True,
                        help="the pypy/module/_cppyy/test folder of a PyPy checkout (release-pypy3.9-v7.3.11)")
    parser.add_argument("--pypy", default="/usr/bin/pypy3", help="a translated PyPy with _cppyy built in")
    parser.add_argument("--file", action="append", default=[], help="only these test files")
    parser.add_argument("--work", help="where the suite is copied and built (default: a new temporary folder)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per file")
    parser.add_argument("--json", help="also write the results here")
    return parser.parse_args()


def prepare(checkout, work):
    """The suite's copy in work/pypy/module/_cppyy/test, the packages above it, the plugin."""
    suite = os.path.join(work, SUITE)
    shutil.copytree(checkout, suite, dirs_exist_ok=True)
    for package in ("pypy", os.path.join("pypy", "module"), os.path.join("pypy", "module", "_cppyy")):
        open(os.path.join(work, package, "__init__.py"), "a").close()
    with open(os.path.join(work, "pypy_apptest.py"), "w") as plugin:
        plugin.write(PLUGIN)
    with open(os.path.join(work, "pytest.ini"), "w") as ini:  # keeps the configuration of folders above out
        ini.write("[pytest]\n")
    return suite


def environment(build, suite, work):
    env = dict(os.environ)
    env["PATH"] = os.path.join(build, "genreflex") + os.pathsep + "/usr/bin:/bin"
    env["PYTHONPATH"] = work + os.pathsep + "/usr/lib/python3/dist-packages"  # the plugin; Debian's pytest, py
    env["CPPYY_BACKEND_LIBRARY"] = os.path.join(build, "dictloader", "libdictloader.so")
    env["LD_LIBRARY_PATH"] = suite  # the dictionaries
    env["PYTHONUNBUFFERED"] = "1"  # a crash keeps the name of the test it happened in
    return env


def build_dictionaries(suite, work, env):
    """make -k of the suite's dictionaries; {dictionary: first error or None}."""
    # a --work folder used before may hold dictionaries of an older genreflex
    subprocess.run(["make", "clean"], cwd=suite, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return suite_common.make_dictionaries(suite, work, env, [], os.cpu_count() or 2)


def normalized(message):
    message = message.strip().splitlines()[0] if message and message.strip() else "(no message)"
    # 'failed on setup with "OSError: ..."': the error first, where second
    setup = re.match(r'failed on (\w+) with "(.*?)"?$', message)
    if setup:
        message = "%s (in %s)" % (setup.group(2), setup.group(1))
    message = re.sub(r"0x[0-9a-fA-F]+", "0x...", message)
    return message[:200]


def run_pytest(pypy, work, test_file, env, timeout, deselected):
    """pytest on one file in its own process: (return code, output, JUnit report or None)."""
    report = os.path.join(work, ".results", test_file + ".xml")
    if os.path.exists(report):
        os.remove(report)
    suite = os.path.join(work, SUITE)
    command = [pypy, "-m", "pytest", "-v", "-p", "no:cacheprovider", "-p", "pypy_apptest", "--rootdir", suite,
               "--junitxml=" + report, test_file]
    for nodeid in deselected:
        command += ["--deselect", nodeid]
    # in the suite's folder, as its tests expect (ctypes.CDLL("./advancedcpp2Dict.so"))
    returncode, output = suite_common.run_process(command, suite, env, timeout)
    with open(report[:-len(".xml")] + ".log", "a") as log:
        log.write("$ %s\n%s\n" % (" ".join(command), output))
    return returncode, output, report if os.path.exists(report) else None


def run_file(pypy, work, test_file, env, timeout):
    """Counts by outcome and [(cause, where)]; a test that ends the process is counted as
    crashed and the file runs again without it (so the tests after it still count)."""
    os.makedirs(os.path.join(work, ".results"), exist_ok=True)
    open(os.path.join(work, ".results", test_file + ".log"), "w").close()  # the runs append to it
    counts = collections.Counter()
    causes = []
    crashed = []
    while True:
        returncode, output, report = run_pytest(pypy, work, test_file, env, timeout, crashed)
        if report:
            break
        # -v names each test before it runs: the last one is where the process ended
        started = [line.split()[0] for line in output.splitlines() if line.startswith(test_file + "::")]
        fatal = re.search(r"Fatal Python error: (.*)", output)
        message = "the process ended (%s)%s" % (returncode, ": " + fatal.group(1) if fatal else "")
        if not started or started[-1] in crashed or len(crashed) == 10:
            counts["crashed"] += 1  # not in a test, or again and again: the whole file is lost
            causes.append((message, test_file))
            return counts, causes
        crashed.append(started[-1])
        line = re.search(r'File "[^"]*%s", line (\d+)' % re.escape(test_file), output)
        causes.append((message, started[-1] + (" (line %s)" % line.group(1) if line else "")))
        counts["crashed"] += 1
    found, more = suite_common.read_report(report, test_file, returncode, normalized,
                              lambda message: "interp-level" if INTERP_LEVEL in message else "skipped")
    counts.update(found)
    causes += more
    return counts, causes



# app-level tests that ran (a file that crashed outside a test counts as one); interp-level ones are apart
RUN = ("passed", "failed", "errors", "crashed", "skipped")
COLUMNS = ("failed", "errors", "crashed", "skipped", "interp-level")


def main():
    args = parse_args()
    build = os.path.abspath(args.build)
    work = os.path.abspath(args.work or tempfile.mkdtemp(prefix="pypy-suite-"))
    suite = prepare(os.path.abspath(args.pypy_tests), work)
    env = environment(build, suite, work)
    print("# PyPy's _cppyy suite in %s (%s; genreflex and libdictloader.so of %s)" % (suite, args.pypy, build))
    dictionaries = build_dictionaries(suite, work, env)
    for dictionary, error in sorted(dictionaries.items()):
        if error:
            print("dictionary %s did not build: %s" % (dictionary, error))
    files = args.file or sorted(f for f in os.listdir(suite) if f.startswith("test_") and f.endswith(".py"))
    results = {}
    totals = collections.Counter()
    causes = collections.defaultdict(list)
    failures = {}
    interp_level = []
    print("\n| file | passed/total | failed | errors | crashed | skipped | interp-level |")
    print("|---|---|---|---|---|---|---|")
    for test_file in files:
        counts, found = run_file(args.pypy, work, test_file, env, args.timeout)
        totals.update(counts)
        for message, where in found:
            causes[suite_common.label_of(message, KNOWN_CAUSES)].append(where)
            failures[where] = message
        if counts["interp-level"]:
            interp_level.append("%s %d" % (test_file, counts["interp-level"]))
        results[test_file] = dict(counts)
        print("| %s | %d/%d | %s |" % (test_file, counts["passed"], sum(counts[k] for k in RUN),
                                      " | ".join(str(counts[k]) for k in COLUMNS)), flush=True)
    print("| **all** | %d/%d | %s |" % (totals["passed"], sum(totals[k] for k in RUN),
                                       " | ".join(str(totals[k]) for k in COLUMNS)))
    print("\n## %s" % ", ".join("%s %d" % (k, v) for k, v in sorted(totals.items())))
    if interp_level:
        print("- %s, not run: %s" % (INTERP_LEVEL, ", ".join(interp_level)))
    for label, where in sorted(causes.items(), key=lambda item: -len(item[1])):
        print("- %d: %s (e.g. %s)" % (len(where), label, where[0]))
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"work": work, "dictionaries": dictionaries, "files": results,
                       "causes": dict(causes), "failures": failures}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
