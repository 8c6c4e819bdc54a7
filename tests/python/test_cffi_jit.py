"""The PyPy client's calls as PyPy's JIT compiles them: the loop of the seed's
`o.AddInt(1)` (a plain entry: an inline body that cannot throw) and of a
method compiled into its own library (a checked entry) holds exactly one
direct call per iteration, to the function's entry, and no residual call into
the interpreter or a Python helper."""
import json
import os
import re
import sys

import pytest

pytestmark = pytest.mark.skipif(sys.implementation.name != "pypy", reason="PyPy's JIT")

# Runs `o.<method>(1)` in a loop the JIT compiles, and prints the entry's address.
LOOP = r'''
import json, sys
import cppyy
cppyy.load_reflection_info(sys.argv[1])
cls = cppyy.gbl
for part in sys.argv[2].split("."):
    cls = getattr(cls, part)
method = sys.argv[3]
o = cls(1)
getattr(o, method)(1)  # the overload set is made on first use
function = type(o).__dict__[method]._cpp_functions[0]
entry = int(cppyy._capi.ffi.cast("intptr_t", function.entry)) if function.entry is not None else 0
namespace = {}
exec("def loop(o, n):\n    total = 0\n    for _ in range(n):\n        total += o.%s(1)\n    return total\n"
     % method, namespace)
total = namespace["loop"](o, 200000)
print(json.dumps({"entry": entry, "kind": function.entry_kind, "total": total}))
'''

# call_release_gil_<kind>(<save_err>, <constant address>, ...): a direct call;
# any other call operation is a residual call the loop pays for.
DIRECT_CALL = re.compile(r"call_release_gil_\w\(\d+, (\d+)[,)]")
OTHER_CALL = re.compile(r"= (call_(?:may_force_|assembler_|loopinvariant_)?\w)\((ConstClass\((\w+)\))?")


def loop_body(log_text):
    """The operations of the last compiled loop's body (after its last label)."""
    loops = log_text.split("# Loop ")
    body = loops[-1].split("--end of the loop--")[0]
    return body.split(" label(")[-1]


def traced(run_pypy, library, tmp_path, dictionary, cls, method):
    log = tmp_path / ("%s.jitlog" % method)
    env = dict(os.environ, PYPYLOG="jit-log-opt:%s" % log)
    result = run_pypy(LOOP, library(dictionary), cls, method, env=env)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    return facts, loop_body(log.read_text())


@pytest.mark.parametrize("dictionary, cls, method, kind", [
    ("libMyClassDict.so", "MyClass", "AddInt", 1),             # plain: inline, cannot throw
    ("libOutOfLineDict.so", "ool.Calculator", "Add", 2),       # checked: its body is in its own library
])
def test_one_direct_call_per_iteration(cppyy, run_pypy, library, tmp_path, dictionary, cls, method, kind):
    if cppyy._CLIENT != "cffi":
        pytest.skip("the cffi client's JIT trace (test_fast_path.py checks _cppyy's)")
    if os.environ.get("DICTLOADER_FASTPATH") == "none":
        pytest.skip("DICTLOADER_FASTPATH=none: no entries, every call takes the stub")
    facts, body = traced(run_pypy, library, tmp_path, dictionary, cls, method)
    assert facts["total"] == 200000 * (1 + 1)  # value 1 plus argument 1, each time
    assert facts["kind"] == kind and facts["entry"] != 0, facts
    calls = [int(target) for target in DIRECT_CALL.findall(body)]
    assert calls == [facts["entry"]], "direct calls in the loop: %s (entry %#x)" % (
        [hex(c) for c in calls], facts["entry"])
    residual = [match.group(0) for match in OTHER_CALL.finditer(body)]
    assert residual == [], "residual calls in the loop body: %s" % residual
