"""std::map<std::string,int> from Python on PyPy, side by side with a Python dict and C++.

    python3 run_maps.py --pypy PYPY3 --pythonpath BUILD/python --dictionary libMapBenchDict.so [--entries N]

One pypy3 process fills a std::map of N entries (default 100000) in C++, makes
a dict of the same items, and prints the best of several rounds, in ns per
entry, of: iterating the keys, iterating the items, and looking every key up,
for the std::map through `import cppyy`, for the dict, and (from the
dictionary) for C++'s own loops; then the ratios std::map-from-Python / dict
and / C++. No target: a measurement of what each step of a map iteration
costs through PyPy's _cppyy (each dereference wraps a reference to a new
std::pair).
"""
import argparse
import subprocess
import sys

SESSION = r'''
import sys, time
import cppyy
cppyy.load_reflection_info(sys.argv[1])
bench = cppyy.gbl.mapbench
n = int(sys.argv[2])
m = bench.filled(n)
d = dict(m.items())
keys = list(d)
assert list(m) == keys and len(m) == n


def best(body, rounds=7):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return min(times) / n * 1e9


rows = [
    ("keys", best(lambda: sum(1 for k in m)), best(lambda: sum(1 for k in d)), None),
    ("items", best(lambda: sum(v for k, v in m.items())), best(lambda: sum(v for k, v in d.items())),
     bench.iterateItemsNs(m, 7)),
    ("lookup", best(lambda: sum(m[k] for k in keys)), best(lambda: sum(d[k] for k in keys)),
     bench.lookupNs(m, 7)),
]
for name, cpp_map, py_dict, cpp in rows:
    print("%s %.1f %.1f %s" % (name, cpp_map, py_dict, "-" if cpp is None else "%.1f" % cpp))
'''


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pypy", required=True)
    parser.add_argument("--pythonpath", required=True)
    parser.add_argument("--dictionary", required=True)
    parser.add_argument("--entries", type=int, default=100000)
    args = parser.parse_args()
    result = subprocess.run([args.pypy, "-c", SESSION, args.dictionary, str(args.entries)],
                            env={"PYTHONPATH": args.pythonpath, "PATH": "/usr/bin:/bin"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        return 1
    print("std::map<std::string,int> of %d entries, ns per entry (best of 7 rounds)" % args.entries)
    print("%-8s %14s %12s %10s %14s %14s" % ("", "map via cppyy", "Python dict", "C++", "map/dict", "map/C++"))
    for line in result.stdout.split("\n"):
        if not line:
            continue
        name, cpp_map, py_dict, cpp = line.split()
        ratio_cpp = "-" if cpp == "-" else "%.1fx" % (float(cpp_map) / float(cpp))
        print("%-8s %14s %12s %10s %13.1fx %14s" % (name, cpp_map, py_dict, cpp,
                                                 float(cpp_map) / float(py_dict), ratio_cpp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
