"""What `import cppyy` and a first use cost on top of a bare pypy3 start.

Runs fresh pypy3 processes, interleaved round by round so that the machine's
load falls on every case alike:

    bare       pypy3 -c pass
    ctypes     pypy3 -c 'import ctypes'            (for scale: what cppyy avoids)
    import     pypy3 -c 'import cppyy'
    first use  import cppyy; load a dictionary; make an object; first call

and prints, per case, the wall time (spawn to exit), the CPU time (user +
system, from wait4's rusage of that one process: what other processes on a
busy machine do not change) and the peak resident set, as the median and the
best of the rounds, and how much the first use adds to the bare start.
Target on PyPy: under 20 ms and under 10 MB more than the bare start.
"""
import argparse
import os
import statistics
import sys
import time

FIRST_USE = ("import sys, cppyy\n"
             "cppyy.load_reflection_info(sys.argv[1])\n"
             "greeter = cppyy.gbl.Greeter(3)\n"
             "assert greeter.Times() == 3\n")

TARGET_MS = 20.0
TARGET_MB = 10.0


def run_once(argv, env):
    """Wall seconds, CPU seconds and peak RSS (KB) of one process; raises if it fails."""
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("%s failed (exit status %d); run it by hand to see why"
                           % (" ".join(argv), os.waitstatus_to_exitcode(status)))
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pypy", required=True)
    parser.add_argument("--pythonpath", required=True, help="the folder holding the cppyy package")
    parser.add_argument("--dictionary", required=True, help="the benchmark's dictionary (libStartupDict.so)")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=args.pythonpath)
    for name in ("CPPYY_BACKEND_LIBRARY", "DICTLOADER_FASTPATH", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)  # the package finds its own backend; bytecode caches as installed
    cases = {
        "bare": [args.pypy, "-c", "pass"],
        "ctypes": [args.pypy, "-c", "import ctypes"],
        "import": [args.pypy, "-c", "import cppyy"],
        "first use": [args.pypy, "-c", FIRST_USE, args.dictionary],
    }
    for argv in cases.values():  # warm-up: page cache, bytecode caches, failures shown early
        run_once(argv, env)
    times = {label: [] for label in cases}
    cpu = {label: [] for label in cases}
    rss = {label: [] for label in cases}
    for _ in range(args.rounds):
        for label, argv in cases.items():
            elapsed, cpu_seconds, peak = run_once(argv, env)
            times[label].append(elapsed * 1e3)
            cpu[label].append(cpu_seconds * 1e3)
            rss[label].append(peak / 1024.0)

    def added(series, label):  # median of the per-round differences to the bare start
        return statistics.median(value - bare for value, bare in zip(series[label], series["bare"]))

    print("Start-up of %s, %d interleaved rounds (wall and CPU ms, peak RSS MB)" % (args.pypy, args.rounds))
    print("%-10s %11s %9s %11s %9s %10s %9s" % ("case", "wall median", "wall best", "CPU median", "CPU best",
                                               "MB median", "MB best"))
    for label in cases:
        print("%-10s %11.1f %9.1f %11.1f %9.1f %10.1f %9.1f" % (
            label, statistics.median(times[label]), min(times[label]), statistics.median(cpu[label]),
            min(cpu[label]), statistics.median(rss[label]), min(rss[label])))
    print()
    print("added to the bare start (median of per-round differences):")
    for label in ("ctypes", "import", "first use"):
        print("  %-10s %6.1f ms wall %6.1f ms CPU %6.1f MB" % (label, added(times, label), added(cpu, label),
                                                            added(rss, label)))
    ms, mb = added(times, "first use"), added(rss, "first use")
    print("first use: target under %g ms and %g MB more than the bare start: %s"
          % (TARGET_MS, TARGET_MB, "met" if ms < TARGET_MS and mb < TARGET_MB else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
