"""The vector-sum benchmark: a std::vector<double> of 10^6 elements summed from
PyPy by iteration, by indexing and through its buffer, beside a Python list of
the same floats and the C++ loop, in one run.

Runs vector_sum_cpp (the C++ loop) and vector_sum_pypy.py (every Python
route, each after JIT warm-up) in turn for a few passes, keeps the best
ns/element of each route, checks that every route gave the exact sum, and
prints ns/element with the ratio to the C++ loop and to the Python list loop.
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = [
    ("cpp", "C++: for (double x : v) total += x"),
    ("iterate", "PyPy: for x in v"),
    ("index", "PyPy: v[i] for i in range(len(v))"),
    ("buffer_sum", "PyPy: sum(memoryview(v))"),
    ("buffer_copy", "PyPy: sum(array('d', memoryview(v)))"),
    ("data_loop", "PyPy: for x in v.data()"),
    ("cpp_call", "PyPy: bench::sum(v), one C++ call"),
    ("list_loop", "PyPy list: for x in list"),
    ("list_sum", "PyPy list: sum(list)"),
]


def run(command, env=None):
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True)
    if result.returncode != 0:
        sys.exit("run_vector_sum: %s failed (exit %d):\n%s%s" % (
            " ".join(command), result.returncode, result.stdout, result.stderr))
    return result.stdout


def parse(output):
    """{route: (ns per element, sum)} from lines "<route> <ns> <sum>"."""
    found = {}
    for line in output.splitlines():
        name, ns, total = line.split()
        found[name] = (float(ns), float(total))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pypy", default="pypy3")
    parser.add_argument("--pythonpath", required=True, help="folder holding the cppyy package")
    parser.add_argument("--dictionary", required=True, help="libVectorSumDict.so")
    parser.add_argument("--cpp-loop", required=True, help="the vector_sum_cpp program")
    parser.add_argument("--elements", type=int, default=10 ** 6)
    parser.add_argument("--rounds", type=int, default=10, help="timed rounds per route and pass")
    parser.add_argument("--passes", type=int, default=2, help="C++ and PyPy runs, alternated")
    args = parser.parse_args()

    env = dict(os.environ)
    env["PYTHONPATH"] = args.pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("DICTLOADER_FASTPATH", None)
    n = args.elements
    best = {}
    sums = {}
    for _ in range(args.passes):
        for command in ([args.cpp_loop, str(n), str(args.rounds * 10)],
                        [args.pypy, os.path.join(HERE, "vector_sum_pypy.py"), args.dictionary, str(n),
                         str(args.rounds)]):
            for name, (ns, total) in parse(run(command, env)).items():
                best[name] = min(best.get(name, float("inf")), ns)
                sums.setdefault(name, set()).add(total)

    exact = (n - 1) * n / 2.0
    wrong = {name: totals for name, totals in sums.items() if totals != {exact}}
    base, list_base = best["cpp"], best["list_loop"]
    print("Summing a std::vector<double> of %d elements: ns per element (best of %d passes x %d rounds)"
          % (n, args.passes, args.rounds))
    header = "%-38s %12s %9s %12s" % ("route", "ns/element", "x C++", "x list loop")
    print(header)
    print("-" * len(header))
    for name, label in LABELS:
        print("%-38s %12.3f %8.1fx %11.2fx" % (label, best[name], best[name] / base, best[name] / list_base))
    print("every route gave the exact sum %.1f: %s" % (exact, "yes" if not wrong else "NO %r" % wrong))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
