"""The HepMC3 benchmark: reading an event file and looping over its particles,
in C++ and in Python through our bindings (a dictionary of Debian's HepMC3
headers made with nothing but `genreflex ... -lHepMC3`).

Makes a file of events (hepmc3_loop.cpp generate: seeded, the same on every
machine), then runs hepmc3_loop.cpp and hepmc3_loop.py on it on each
interpreter the pyshim supports, round after round interleaved, and:
1. checks that every run finds what C++ finds, bit for bit (counts of
   particles, final particles, production vertices and their incoming
   particles, the sums of the final momenta);
2. prints the process CPU time per event of the read (ReaderAscii into
   GenEvents) and of the loop alone (best pass: on PyPy the first passes are
   the JIT's warm-up), the best of the rounds, and their ratios to C++.
With --check, only step 1, on a few events (the ctest).
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
COMPARED = ("events", "particles", "final", "vertices", "incoming", "sum")
TIMES = ("read_us_per_event", "loop_us_per_event")
LOOP_TARGET = 5.0


def runs(args):
    """(label, command prefix, extra environment) of each run of hepmc3_loop.py."""
    out = []
    if args.pypy:
        out.append(("PyPy", [args.pypy], {"CPPYY_CLIENT": "cffi"}))
        out.append(("PyPy _cppyy", [args.pypy], {"CPPYY_CLIENT": "_cppyy"}))
    if args.cpython:
        out.append(("CPython", [args.cpython], {}))
    return out


def parse(stdout):
    values = {}
    for line in stdout.splitlines():
        key, _, value = line.partition(" ")
        values[key] = value
    return values


def run(command, env):
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True, timeout=1800)
    if result.returncode != 0:
        sys.exit("run_hepmc3: %s failed (exit %d):\n%s" % (" ".join(command), result.returncode,
                                                            result.stderr[-4000:]))
    return parse(result.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--program", required=True, help="hepmc3_loop (hepmc3_loop.cpp)")
    parser.add_argument("--dictionary", required=True, help="libHepMC3Dict.so")
    parser.add_argument("--pythonpath", required=True, help="folder holding the cppyy package")
    parser.add_argument("--pypy", default="pypy3", help="the PyPy executable (empty: leave it out)")
    parser.add_argument("--cpython", default="/usr/bin/python3", help="the CPython executable (empty: leave it out)")
    parser.add_argument("--events", type=int, default=100, help="events in the file")
    parser.add_argument("--passes", type=int, default=10, help="loops over the events per run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20100101)
    parser.add_argument("--check", action="store_true", help="agreement only, on --events events")
    args = parser.parse_args()
    if args.check:
        args.rounds, args.passes = 1, 2

    env = dict(os.environ)
    env.pop("CPPYY_BACKEND_LIBRARY", None)
    env.pop("DICTLOADER_FASTPATH", None)
    env["PYTHONPATH"] = args.pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    script = os.path.join(HERE, "hepmc3_loop.py")
    with tempfile.TemporaryDirectory(prefix="hepmc3-") as work:
        path = os.path.join(work, "events.hepmc3")
        subprocess.run([args.program, "generate", path, str(args.events), str(args.seed)], check=True)
        size_mb = os.path.getsize(path) / 1e6
        best = {}
        expected = None
        for _ in range(args.rounds):
            found = run([args.program, "loop", path, str(args.passes)], env)
            expected = expected or {key: found[key] for key in COMPARED}
            rows = [("C++", found)]
            for label, prefix, extra in runs(args):
                found = run(prefix + [script, args.dictionary, path, str(args.passes)], dict(env, **extra))
                for key in COMPARED:
                    if found.get(key) != expected[key]:
                        sys.exit("run_hepmc3: %s disagrees with C++ on %s: %r, C++ %r" % (
                            label, key, found.get(key), expected[key]))
                rows.append((label, found))
            for label, found in rows:
                times = best.setdefault(label, [float("inf")] * len(TIMES))
                for i, key in enumerate(TIMES):
                    times[i] = min(times[i], float(found[key]))

    labels = list(best)
    print("== HepMC3: %s events (%.1f MB, %s particles), %d passes per run, %d round(s), interleaved" % (
        expected["events"], size_mb, expected["particles"], args.passes, args.rounds))
    print("agreement: %s find the same particles, vertices and bit-identical momentum sums" % ", ".join(labels))
    if args.check:
        return
    cpp_read, cpp_loop = best["C++"]
    print("\nprocess CPU time per event (best of %d rounds; the loop: best of %d passes)" % (args.rounds, args.passes))
    print("%-14s %12s %8s %12s %8s" % ("", "read us", "x C++", "loop us", "x C++"))
    for label in labels:
        read, loop = best[label]
        print("%-14s %12.1f %7.2fx %12.2f %7.2fx" % (label, read, read / cpp_read, loop, loop / cpp_loop))
    print()
    for label in labels[1:]:
        ratio = best[label][1] / cpp_loop
        print("target %s loop within %.0fx of C++: %s (%.2fx)" % (
            label, LOOP_TARGET, "met" if ratio <= LOOP_TARGET else "NOT met", ratio))
    if "PyPy" in best and "CPython" in best:
        pypy, cpython = best["PyPy"][1], best["CPython"][1]
        print("target PyPy loop no slower than CPython's: %s (%.2fx of CPython)" % (
            "met" if pypy <= cpython else "NOT met", pypy / cpython))


if __name__ == "__main__":
    main()
