"""A C++ exception thrown by a method compiled into its own library
(ool::Calculator::Divide, data/out_of_line.cpp) reaches Python exactly once,
as its own class (a cppyy.CppException) with its what() text, and the call
is not repeated.

genreflex cannot see the body, so the method gets a checked entry (dictionary
ABI 1.4), which the CPython module and the cffi client call in registers. Both
out-of-line dictionaries are tried: --methptrgetter (no fast-path address)
and --methptrgetter=all, whose fast-path address has no way to report the
exception (test_fast_path_all.py): a client must prefer the entry. Under
DICTLOADER_FASTPATH=none (the nofastpath variants) there are no entries, and
the same holds for the stubs."""
import json
import os

import pytest

SESSION = r'''
import json, sys
import cppyy
cppyy.load_reflection_info(sys.argv[1])
Calculator = cppyy.gbl.ool.Calculator
calculator = Calculator(1000)
results, raised = [], []
for divisor in (7, 0, 3, 0):
    try:
        results.append(calculator.Divide(divisor))
    except cppyy.CppException as error:
        raised.append([type(error).__name__, str(error)])
calls = Calculator.DivideCalls()
# the same from threads of their own (each has its own error block, freed when it ends)
import threading
def divide_in_a_thread(out):
    for divisor in (0, 5):
        try:
            out.append(calculator.Divide(divisor))
        except cppyy.CppException as error:
            out.append(str(error))
per_thread = [[] for _ in range(4)]
threads = [threading.Thread(target=divide_in_a_thread, args=(out,)) for out in per_thread]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"results": results, "raised": raised, "calls": calls, "add": calculator.Add(1),
                  "per_thread": per_thread, "all_calls": Calculator.DivideCalls()}))
'''


@pytest.mark.parametrize("dictionary", ["libOutOfLineDict.so", "libOutOfLineAllDict.so"])
def test_exception_of_an_out_of_line_method_reaches_python_once(cppyy, run_pypy, library, variant,
                                                                 dictionary):
    if cppyy._CLIENT == "_cppyy":
        pytest.skip("PyPy's _cppyy calls no entries: its stubs run a throwing call twice "
                    "(test_lifetime_and_errors.py), its fast path under --methptrgetter=all ends the "
                    "process (test_fast_path_all.py)")
    if variant == "stubs":
        pytest.skip("runs its own dictionaries in subprocesses: the methptrgetter variants do")
    # the subprocess inherits DICTLOADER_FASTPATH: under =none it checks the stubs
    result = run_pypy(SESSION, library(dictionary), env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert "dictloader: fatal" not in result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["results"] == [1000 // 7, 1000 // 3]
    # std::domain_error, as its own class (dictionary ABI 1.7; test_typed_exceptions.py)
    assert facts["raised"] == [["domain_error", "ool::Calculator::Divide: division by zero"]] * 2
    assert facts["calls"] == 4, "a throwing call ran again: %s" % facts
    assert facts["add"] == 1001
    assert facts["per_thread"] == [["ool::Calculator::Divide: division by zero", 200]] * 4
    assert facts["all_calls"] == 4 + 4 * 2
