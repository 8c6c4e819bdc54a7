"""--methptrgetter=all on a class compiled into its own library: PyPy's JIT calls
the methods' own symbols, and a C++ exception escaping a fast-path call ends the
process with one line naming the function and the exception's what() text."""
import json
import os
import re
import signal

import pytest

# Loads the dictionary, checks which addresses the loader hands out, runs a loop
# the JIT compiles, then (if asked) makes the call that throws.
SESSION = r'''
import ctypes, json, os, sys
import cppyy
dictionary, library, throw_at, method = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
cppyy.load_reflection_info(dictionary)
own = ctypes.CDLL(library)
symbols = {name: ctypes.cast(getattr(own, mangled), ctypes.c_void_p).value
           for name, mangled in (("Divide", "_ZNK3ool10Calculator6DivideEi"),
                                 ("Add", "_ZNK3ool10Calculator3AddEi"))}
addresses = {name: cppyy.fast_path_addresses("ool::Calculator", name)[0]
             for name in ("Divide", "Add", "Checked")}
print(json.dumps({"symbols": symbols, "addresses": addresses}))
sys.stdout.flush()
calculator = cppyy.gbl.ool.Calculator(1000)

def loop(n):
    total = 0
    for i in range(n):
        if method == "Divide":
            total += calculator.Divide(0 if i == throw_at else 1 + i % 7)
        else:
            total += calculator.Checked(-1 if i == throw_at else i % 7)
    return total

print(json.dumps({"total": loop(50000)}))
'''

FATAL = "dictloader: fatal: C++ exception escaped the fast-path call of %s: %s"
DIRECT_CALL = re.compile(r"call_release_gil_\w\(\d+, (\d+)[,)]")


@pytest.fixture(scope="module")
def session(run_pypy, library, variant, tmp_path_factory):
    if variant != "methptrgetter":
        pytest.skip("runs its own dictionaries in subprocesses; once is enough")
    own_library = library("libPyTestOutOfLine.so")

    def run(dictionary, method="Divide", throw_at=-1, log=None):
        env = dict(os.environ)
        env.pop("DICTLOADER_FASTPATH", None)
        if log:
            env["PYPYLOG"] = "jit-log-opt:%s" % log
        return run_pypy(SESSION, library(dictionary), own_library, str(throw_at), method, env=env)
    return run


def facts(result):
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_all_hands_out_the_methods_own_symbols_and_the_jit_calls_them(session, tmp_path):
    log = tmp_path / "jit.log"
    result = session("libOutOfLineAllDict.so", log=str(log))
    assert result.returncode == 0, result.stderr
    found, outcome = facts(result)
    assert found["addresses"]["Divide"] == found["symbols"]["Divide"]
    assert found["addresses"]["Add"] == found["symbols"]["Add"]
    assert found["addresses"]["Checked"] not in (0, found["symbols"]["Divide"])  # virtual: a wrapper
    assert outcome["total"] == sum(1000 // (1 + i % 7) for i in range(50000))
    targets = [int(t) for t in DIRECT_CALL.findall(log.read_text())]
    assert found["symbols"]["Divide"] in targets, "no direct call to Calculator::Divide in the JIT trace"


def assert_ends_with_one_line(result, line):
    assert result.returncode == -signal.SIGABRT, (result.returncode, result.stderr)
    assert result.stderr.splitlines() == [line], result.stderr
    assert len(facts(result)) == 1  # died in the loop: no total printed


def test_exception_from_a_jit_compiled_direct_call_ends_the_process_with_one_line(session):
    # After 40000 calls the loop runs JIT-compiled code calling Divide's own symbol.
    result = session("libOutOfLineAllDict.so", throw_at=40000)
    assert_ends_with_one_line(result, FATAL % ("ool::Calculator::Divide(int) const",
                                               "ool::Calculator::Divide: division by zero"))


def test_exception_from_the_first_direct_call_ends_the_process_with_one_line(session):
    # Not yet compiled: the interpreter calls the same address through libffi.
    result = session("libOutOfLineAllDict.so", throw_at=0)
    assert_ends_with_one_line(result, FATAL % ("ool::Calculator::Divide(int) const",
                                               "ool::Calculator::Divide: division by zero"))


def test_exception_from_a_wrapper_ends_the_process_with_one_line(session):
    result = session("libOutOfLineAllDict.so", method="Checked", throw_at=40000)
    assert_ends_with_one_line(result, FATAL % ("ool::Calculator::Checked(int) const",
                                               "ool::Calculator::Checked: negative value"))


def test_without_all_the_same_call_takes_the_stubs_and_raises(session):
    result = session("libOutOfLineDict.so", throw_at=40000)
    found = facts(result)[0]
    assert found["addresses"] == {"Divide": 0, "Add": 0, "Checked": 0}
    assert result.returncode == 1, result.stderr
    assert "ool::Calculator::Divide: division by zero" in result.stderr
    assert "dictloader: fatal" not in result.stderr
