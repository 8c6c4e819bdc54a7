"""What `import cppyy` and a first use cost on top of a bare interpreter start.

Runs fresh processes of each interpreter given (pypy3, and CPython through the
extension module), interleaved round by round so that the machine's load falls
on every case alike:

    bare       python -c pass
    ctypes     pypy3 -c 'import ctypes'            (PyPy, for scale: what cppyy avoids)
    import     python -c 'import cppyy'
    load       import cppyy; load a dictionary     (CPython)
    first use  import cppyy; load a dictionary; make an object; first call

and prints, per interpreter and case, the wall time (spawn to exit), the CPU
time (user + system, from wait4's rusage of that one process: what other
processes on a busy machine do not change) and the peak resident set (both
taken by startup_measure, measure_process.cpp), as the
median and the best of the rounds, and how much each case adds to the bare
start (the median of the per-round differences).
Targets for the first use, more than the bare start: on PyPy under 20 ms and
10 MB; on CPython under 30 ms and 10 MB. PyPy runs twice: through the
package's own client over _cffi_backend (the default) and through PyPy's
_cppyy (CPPYY_CLIENT=_cppyy); the own client's first use may cost at most 2 ms
more than _cppyy's.
"""
import argparse
import os
import statistics
import subprocess
import sys

LOAD = ("import sys, cppyy\n"
        "cppyy.load_reflection_info(sys.argv[1])\n")
FIRST_USE = LOAD + ("greeter = cppyy.gbl.Greeter(3)\n"
                    "assert greeter.Times() == 3\n")

# interpreter -> (first-use target ms, MB)
TARGETS = {"PyPy": (20.0, 10.0), "PyPy _cppyy": (20.0, 10.0), "CPython": (30.0, 10.0)}
# interpreter -> what its processes' environment adds
CLIENTS = {"PyPy": {"CPPYY_CLIENT": "cffi"}, "PyPy _cppyy": {"CPPYY_CLIENT": "_cppyy"}, "CPython": {}}
CLIENT_MARGIN_MS = 2.0


def run_once(measure, argv, env):
    """Wall seconds, CPU seconds and peak RSS (KB) of one process, started and
    measured by the small `measure` program (startup_measure: started from this
    Python process, a child's peak RSS would include this one's); raises if it fails."""
    out = subprocess.run([measure] + argv, env=env, stdout=subprocess.PIPE, check=True,
                         universal_newlines=True).stdout.split()
    status, wall, cpu, maxrss = int(out[0]), float(out[1]), float(out[2]), int(out[3])
    if status != 0:
        raise RuntimeError("%s failed (exit status %d); run it by hand to see why" % (" ".join(argv), status))
    return wall, cpu, maxrss


def cases_of(interpreter, executable, dictionary):
    """The cases run for one interpreter, bare first."""
    cases = {"bare": [executable, "-c", "pass"]}
    if interpreter.startswith("PyPy"):
        cases["ctypes"] = [executable, "-c", "import ctypes"]
    cases["import"] = [executable, "-c", "import cppyy"]
    if interpreter == "CPython":
        cases["load"] = [executable, "-c", LOAD, dictionary]
    cases["first use"] = [executable, "-c", FIRST_USE, dictionary]
    return cases


def report(interpreter, executable, rounds, times, cpu, rss):
    def added(series, label):  # median of the per-round differences to the bare start
        return statistics.median(value - bare for value, bare in zip(series[label], series["bare"]))

    print("Start-up of %s (%s), %d interleaved rounds (wall and CPU ms, peak RSS MB)"
          % (interpreter, executable, rounds))
    print("%-10s %11s %9s %11s %9s %10s %9s" % ("case", "wall median", "wall best", "CPU median", "CPU best",
                                               "MB median", "MB best"))
    for label in times:
        print("%-10s %11.1f %9.1f %11.1f %9.1f %10.1f %9.1f" % (
            label, statistics.median(times[label]), min(times[label]), statistics.median(cpu[label]),
            min(cpu[label]), statistics.median(rss[label]), min(rss[label])))
    print()
    print("added to the bare start (median of per-round differences):")
    for label in times:
        if label != "bare":
            print("  %-10s %6.1f ms wall %6.1f ms CPU %6.1f MB" % (label, added(times, label), added(cpu, label),
                                                                added(rss, label)))
    target_ms, target_mb = TARGETS[interpreter]
    ms, mb = added(times, "first use"), added(rss, "first use")
    print("first use on %s: target under %g ms and %g MB more than the bare start: %s"
          % (interpreter, target_ms, target_mb, "met" if ms < target_ms and mb < target_mb else "NOT met"))
    print()
    return ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pypy", help="pypy3 (its built-in _cppyy over libdictloader)")
    parser.add_argument("--cpython", help="CPython (the package's extension module)")
    parser.add_argument("--measure", required=True, help="startup_measure, which starts and measures each process")
    parser.add_argument("--pythonpath", required=True, help="the folder holding the cppyy package")
    parser.add_argument("--dictionary", required=True, help="the benchmark's dictionary (libStartupDict.so)")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    interpreters = [(name, path) for name, path in (("PyPy", args.pypy), ("PyPy _cppyy", args.pypy),
                                                    ("CPython", args.cpython)) if path]
    if not interpreters:
        parser.error("give --pypy, --cpython or both")
    env = dict(os.environ, PYTHONPATH=args.pythonpath)
    for name in ("CPPYY_BACKEND_LIBRARY", "DICTLOADER_FASTPATH", "PYTHONDONTWRITEBYTECODE", "CPPYY_CLIENT"):
        env.pop(name, None)  # the package finds its own backend; bytecode caches as installed
    envs = {name: dict(env, **CLIENTS[name]) for name, _ in interpreters}
    cases = {(name, label): argv for name, path in interpreters
             for label, argv in cases_of(name, path, args.dictionary).items()}
    for (name, _), argv in cases.items():  # warm-up: page cache, bytecode caches, failures shown early
        run_once(args.measure, argv, envs[name])
    times = {key: [] for key in cases}
    cpu = {key: [] for key in cases}
    rss = {key: [] for key in cases}
    for _ in range(args.rounds):
        for key, argv in cases.items():
            elapsed, cpu_seconds, peak = run_once(args.measure, argv, envs[key[0]])
            times[key].append(elapsed * 1e3)
            cpu[key].append(cpu_seconds * 1e3)
            rss[key].append(peak / 1024.0)

    first_use = {}
    for name, path in interpreters:
        def of(series):
            return {label: values for (interpreter, label), values in series.items() if interpreter == name}
        first_use[name] = report(name, path, args.rounds, of(times), of(cpu), of(rss))
    if "PyPy" in first_use and "PyPy _cppyy" in first_use:
        extra = first_use["PyPy"] - first_use["PyPy _cppyy"]
        print("PyPy first use, the package's client against _cppyy: %+.1f ms (target at most %+g ms): %s"
              % (extra, CLIENT_MARGIN_MS, "met" if extra <= CLIENT_MARGIN_MS else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
