"""The candle benchmark: a FastJet + CLHEP analysis in C++ and in Python through our bindings.

Runs candle.cpp's program and candle.py (on each interpreter the pyshim
supports) on the same seeded events, round after round interleaved, and:
1. checks that every run agrees exactly with C++: the generated events (a
   digest of every double's bits), the number of jets, the dijet histogram and
   the sum of the dijet masses (the bits of the double);
2. prints the process CPU time per event (best of the rounds, the JIT's warm-up events
   excluded but reported) and the peak resident set of each process (the
   rounds' lowest) for C++ and each interpreter, and the ratios to C++:
   for the script as written (the target's row), and for the same analysis
   with no C++ object left to the garbage collector (candle.py
   --explicit-lifetimes), which shows what the object lifetimes cost.
With --check, only step 1, on a few events (the ctest).
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
COMPARED = ("digest", "jets", "dijets", "sum_mass", "histogram")
TARGET, GOAL = 2.0, 1.5
RSS_GOAL = 1.5
EXPLICIT = " (explicit lifetimes)"  # candle.py --explicit-lifetimes: a reference row, not the target's


# Each interpreter the pyshim supports, as (label, option naming its executable,
# default executable): a new interpreter is one more line here.
# The PyPy rows run twice: through the package's own client (the default) and
# through PyPy's _cppyy (CPPYY_CLIENT=_cppyy), as (label suffix, environment).
INTERPRETERS = (
    ("PyPy", "--pypy", "pypy3"),
    ("CPython", "--cpython", "/usr/bin/python3"),
)
PYPY_CLIENTS = (("", {"CPPYY_CLIENT": "cffi"}), (" _cppyy", {"CPPYY_CLIENT": "_cppyy"}))


def interpreters(args):
    """(label, command, environment) of each interpreter and client that runs
    candle.py; an empty executable (the build has no cppyy for it) leaves that
    interpreter out."""
    found = [(label, getattr(args, option.lstrip("-"))) for label, option, _ in INTERPRETERS]
    out = []
    for label, executable in found:
        if not executable:
            continue
        for suffix, extra in (PYPY_CLIENTS if label == "PyPy" else (("", {}),)):
            out.append((label + suffix, [executable], extra))
    return out


class _Result(object):
    def __init__(self, returncode, stdout, stderr, peak_kb):
        self.returncode, self.stdout, self.stderr, self.peak_kb = returncode, stdout, stderr, peak_kb


def _run_measured(command, env):
    """Runs command; its exit code, output and peak resident set (from wait4's rusage of it alone)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err, universal_newlines=True)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return _Result(process.returncode, out.read(), err.read(), usage.ru_maxrss)


def run(command, env):
    result = _run_measured(command, env)
    if result.returncode != 0:
        sys.exit("run_candle: %s failed (exit %d):\n%s%s" % (
            " ".join(command), result.returncode, result.stdout, result.stderr))
    fields = {}
    for line in result.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key in COMPARED or key.endswith("seconds"):
            fields[key] = value
    missing = [key for key in COMPARED + ("seconds", "warmup_seconds") if key not in fields]
    if missing:
        sys.exit("run_candle: %s printed no %s:\n%s%s" % (
            " ".join(command), ", ".join(missing), result.stdout, result.stderr))
    fields["peak_kb"] = result.peak_kb
    return fields


def mass_sum(bits):
    return struct.unpack("<d", struct.pack("<Q", int(bits, 16)))[0]


def disagreements(reference, fields):
    return ["%s: C++ %s, here %s" % (key, reference[key], fields[key])
            for key in COMPARED if fields[key] != reference[key]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candle", required=True, help="the C++ program (candle.cpp)")
    parser.add_argument("--dictionary", required=True, help="libCandleDict.so")
    parser.add_argument("--pythonpath", required=True, help="folder holding the cppyy package")
    for label, option, default in INTERPRETERS:
        parser.add_argument(option, default=default, help="the %s executable (default: %s; empty: leave it out)" % (label, default))
    parser.add_argument("--events", type=int, default=3000, help="timed events per run")
    parser.add_argument("--warmup", type=int, default=300, help="events run first, timed apart")
    parser.add_argument("--seed", type=int, default=20100101)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--check", action="store_true",
                        help="only check that every interpreter agrees with C++ (no timing)")
    args = parser.parse_args()
    if args.events < 1 or args.warmup < 0:
        parser.error("--events must be at least 1 and --warmup at least 0")
    if args.check:
        args.rounds = 1

    env = dict(os.environ)
    env["PYTHONPATH"] = args.pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    counts = [str(args.events), str(args.warmup), str(args.seed)]
    script = os.path.join(HERE, "candle.py")
    configs = [("C++", [args.candle] + counts)]
    envs = {"C++": env}
    for label, command, extra in interpreters(args):
        configs.append((label, command + [script, args.dictionary] + counts))
        configs.append((label + EXPLICIT, command + [script, "--explicit-lifetimes", args.dictionary] + counts))
        envs[label] = envs[label + EXPLICIT] = dict(env, **extra)

    print("== candle: %d events (+%d warm-up) of 150-170 particles, seed %d; anti-kt R=0.4, jets "
          "above 20 GeV, leading dijet mass; %d round(s), interleaved" % (
              args.events, args.warmup, args.seed, args.rounds))
    best = {label: None for label, _ in configs}
    peak = {label: None for label, _ in configs}
    failures = []
    reference = None
    for _ in range(args.rounds):
        for label, command in configs:
            fields = run(command, envs[label])
            peak[label] = min(peak[label] or fields["peak_kb"], fields["peak_kb"])
            if reference is None:
                reference = fields
            failures += ["%s %s" % (label, text) for text in disagreements(reference, fields)]
            if best[label] is None or float(fields["seconds"]) < float(best[label]["seconds"]):
                best[label] = fields

    total = args.events + args.warmup
    print("events %d (digest %s), inclusive jets %s, dijet events %s, sum of dijet masses %r GeV" % (
        total, reference["digest"], reference["jets"], reference["dijets"], mass_sum(reference["sum_mass"])))
    print("histogram (25 GeV bins from 0, then overflow): %s" % reference["histogram"])
    if failures:
        print("DISAGREE with C++:\n  " + "\n  ".join(sorted(set(failures))))
        return 1
    print("agreement: %s give the same events, jets, histogram and bit-identical sum of masses"
          % ", ".join(label for label, _ in configs))
    if args.check:
        return 0

    cpp = float(best["C++"]["seconds"]) / args.events
    print()
    print("process CPU time per event (best of %d rounds; warm-up: the first %d events of the same run)" % (
        args.rounds, args.warmup))
    row = "%-32s %10s %8s %18s %13s %8s"
    print(row % ("", "us/event", "x C++", "warm-up us/event", "peak RSS MB", "x C++"))
    for label, _ in configs:
        per_event = float(best[label]["seconds"]) / args.events
        warmup = float(best[label]["warmup_seconds"]) / args.warmup if args.warmup else float("nan")
        print(row % (label, "%.2f" % (per_event * 1e6), "%.2fx" % (per_event / cpp), "%.2f" % (warmup * 1e6),
                     "%.1f" % (peak[label] / 1024.0), "%.2fx" % (peak[label] / float(peak["C++"]))))
    print()
    for label, _ in configs[1:]:
        if label.endswith(EXPLICIT):
            continue
        ratio = float(best[label]["seconds"]) / args.events / cpp
        print("target %s within %gx of C++: %s (%.2fx; goal %gx %s)" % (
            label, TARGET, "met" if ratio <= TARGET else "NOT met", ratio, GOAL,
            "met" if ratio <= GOAL else "not met"))
        memory = peak[label] / float(peak["C++"])
        print("goal %s peak RSS within %gx of C++'s: %s (%.2fx)" % (
            label, RSS_GOAL, "met" if memory <= RSS_GOAL else "not met", memory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
