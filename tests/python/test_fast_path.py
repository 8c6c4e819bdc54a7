"""The fast path: with a --methptrgetter dictionary the JIT calls the C++
function's address directly; with a stubs-only one it never does."""
import json
import os
import re

# Reads the fast-path address of MyClass::AddInt through the C API, where the
# dictionary is mapped, and runs the loop the JIT compiles.
LOOP = r'''
import json, os, sys
import cppyy
path = os.path.realpath(sys.argv[1])
cppyy.load_reflection_info(path)
address = cppyy.fast_path_addresses("MyClass", "AddInt")[0]
mapped = []
for line in open("/proc/self/maps"):
    fields = line.split()
    if len(fields) >= 6 and fields[5] == path:
        start, end = fields[0].split("-")
        mapped.append((int(start, 16), int(end, 16)))

def loop(o, n):
    total = 0
    for _ in range(n):
        total += o.AddInt(1)
    return total

total = loop(cppyy.gbl.MyClass(1), 100000)
print(json.dumps({"address": address, "mapped": mapped, "total": total}))
'''

# call_release_gil_<kind>(<save_err>, <constant address>, ...): a direct call.
DIRECT_CALL = re.compile(r"call_release_gil_\w\(\d+, (\d+)[,)]")


def traced_loop(run_pypy, library, dictionary, tmp_path):
    log = tmp_path / ("%s.jitlog" % dictionary)
    env = dict(os.environ, PYPYLOG="jit-log-opt:%s" % log)
    result = run_pypy(LOOP, library(dictionary), env=env)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["total"] == 200000
    assert facts["mapped"], "the dictionary is not mapped in the process?"
    targets = [int(t) for t in DIRECT_CALL.findall(log.read_text())]
    return facts, targets


def inside(address, ranges):
    return any(start <= address < end for start, end in ranges)


def test_methptrgetter_dictionary_is_called_directly_by_the_jit(run_pypy, library, tmp_path):
    facts, targets = traced_loop(run_pypy, library, "libMyClassDict.so", tmp_path)
    assert facts["address"] != 0, "cppyy_function_address gave no address for MyClass::AddInt"
    assert inside(facts["address"], facts["mapped"])
    assert facts["address"] in targets, (
        "no call_release_gil to %#x in the JIT trace; direct calls: %s"
        % (facts["address"], [hex(t) for t in targets]))


def test_stubs_only_dictionary_is_never_called_directly(run_pypy, library, tmp_path):
    facts, targets = traced_loop(run_pypy, library, "libMyClassStubDict.so", tmp_path)
    assert facts["address"] == 0
    into_dictionary = [hex(t) for t in targets if inside(t, facts["mapped"])]
    assert into_dictionary == []


def function_address(cppyy, scope_name, method_name):
    addresses = cppyy.fast_path_addresses(scope_name, method_name)
    assert len(addresses) == 1, addresses
    return addresses[0]


def test_only_functions_that_cannot_throw_get_an_address(cppyy, gbl, variant):
    # No error channel on the fast path: a throwing function must use its stub.
    if variant == "methptrgetter":
        assert function_address(cppyy, "Point", "length2") != 0
    else:
        assert function_address(cppyy, "Point", "length2") == 0
    assert function_address(cppyy, "Thrower", "checkedDivide") == 0
    assert function_address(cppyy, "Thrower", "fail") == 0


def test_calls_in_a_hot_loop_stay_correct(gbl):
    # Enough iterations for the JIT to compile the loop and call the address.
    point = gbl.Point(3.0, 4.0)
    total = 0.0
    for i in range(20000):
        point.x = float(i % 7)
        total += point.length2()
    assert total == sum((i % 7) ** 2 + 16.0 for i in range(20000))
