"""What the cppyy package's std::string -> str conversion costs per call, on PyPy.

Runs the same loops in fresh pypy3 processes, interleaved: once under raw
_cppyy (std::string results as bytes, `const std::string&` results and data
members as std::string proxies) and once through `import cppyy` (str), and
prints ns per call for a by-value result, a const-reference result, a data
member read, and an int method that the package leaves untouched.
"""
import argparse
import os
import subprocess
import sys

LOOPS = r'''
import os, sys, time
mode, dictionary, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
if mode == "raw":
    import _cffi_backend, _cppyy
    _cppyy._post_import_startup()
    # keep the handle: a collected handle would unmap the dictionary
    handle = _cffi_backend.load_library(dictionary, _cffi_backend.RTLD_NOW | _cffi_backend.RTLD_GLOBAL)
    gbl = _cppyy.gbl
else:
    import cppyy
    cppyy.load_reflection_info(dictionary)
    gbl = cppyy.gbl
greeter = gbl.Greeter(3)
expected = {"Name()": "greeter", "NameRef()": "greeter", "m_name": "greeter", "Times()": 3}

def by_value(n):
    for _ in range(n):
        r = greeter.Name()
    return r

def by_reference(n):
    for _ in range(n):
        r = greeter.NameRef()
    return r

def member(n):
    for _ in range(n):
        r = greeter.m_name
    return r

def untouched(n):
    for _ in range(n):
        r = greeter.Times()
    return r

for label, loop in (("Name()", by_value), ("NameRef()", by_reference), ("m_name", member), ("Times()", untouched)):
    loop(n // 10)  # warm-up: the JIT compiles the loop
    best = float("inf")
    for _ in range(5):
        start = time.process_time()  # CPU time: other processes' load does not count
        result = loop(n)
        best = min(best, time.process_time() - start)
    text = result if isinstance(result, (int, str)) else result.decode() if isinstance(result, bytes) else result.c_str()
    assert text == expected[label], (label, result)
    print(label, type(result).__name__, best / n * 1e9)
'''


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pypy", required=True)
    parser.add_argument("--pythonpath", required=True)
    parser.add_argument("--backend", required=True, help="libdictloader.so, for raw _cppyy")
    parser.add_argument("--dictionary", required=True)
    parser.add_argument("--calls", type=int, default=2000000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=args.pythonpath, CPPYY_BACKEND_LIBRARY=args.backend)
    env.pop("DICTLOADER_FASTPATH", None)
    best = {}
    kinds = {}
    for _ in range(args.rounds):
        for mode in ("raw", "cppyy"):
            output = subprocess.run([args.pypy, "-c", LOOPS, mode, args.dictionary, str(args.calls)], env=env,
                                    check=True, stdout=subprocess.PIPE, universal_newlines=True).stdout
            for line in output.splitlines():
                label, kind, ns = line.rsplit(" ", 2)
                key = (label, mode)
                best[key] = min(best.get(key, float("inf")), float(ns))
                kinds[key] = kind
    print("ns per call (CPU time), best of %d rounds x 5 runs of %d calls (raw _cppyy and import cppyy "
          "interleaved)"
          % (args.rounds, args.calls))
    print("%-10s %22s %22s %10s" % ("call", "raw _cppyy", "import cppyy", "added"))
    for label in ("Name()", "NameRef()", "m_name", "Times()"):
        raw, wrapped = best[(label, "raw")], best[(label, "cppyy")]
        print("%-10s %12.1f (%-7s) %12.1f (%-7s) %+10.1f" % (label, raw, kinds[(label, "raw")], wrapped,
                                                           kinds[(label, "cppyy")], wrapped - raw))
    return 0


if __name__ == "__main__":
    sys.exit(main())
