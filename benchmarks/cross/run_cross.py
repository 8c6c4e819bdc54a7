"""What a C++ call that reaches a Python override costs, beside a plain Python method call.

    python3 run_cross.py --pythonpath BUILD/python --dictionary libCrossBenchDict.so
                         [--interpreter PYPY3_OR_PYTHON3 ...] [--calls N]

For each interpreter, one process times (best of several rounds, ns per call):
C++ calling crossbench::Counter::step through a base reference on a Python
subclass's object (the dispatcher, the loader's callback, the client's handler,
the Python method; Counter::loop, N calls in one C++ loop), the same Python
method called from a Python loop, and C++ calling its own implementation (a
Counter made in C++'s place), and C calling a Python function through a cffi
callback (the floor of any C -> Python call on that interpreter); then the
ratios of the override to the Python call and to the callback.
"""
import argparse
import subprocess

SESSION = r'''
import sys, time
import cppyy
cppyy.load_reflection_info(sys.argv[1])
Counter = cppyy.gbl.crossbench.Counter
n = int(sys.argv[2])


class Stepper(Counter):
    def step(self, i):
        return i + 1


def best(body, rounds=7):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return min(times) / n * 1e9


s, plain = Stepper(), Counter()
assert Counter.loop(s, 10) == 55 and Counter.loop(plain, 10) == 45


def python_loop():
    step = s.step
    total = 0
    for i in range(n):
        total += step(i)
    return total


# the floor: C calling a Python function through a cffi callback (PyPy's
# _cffi_backend is built in; CPython's comes with Debian's python3-cffi-backend)
try:
    import _cffi_backend
    ffi = _cffi_backend.FFI()
    callback_loop = _cffi_backend.load_library(sys.argv[1], _cffi_backend.RTLD_NOW).load_function(
        ffi.typeof("long(*)(long(*)(long), long)"), "crossbench_callback_loop")
except ImportError:
    callback_loop = None
if callback_loop is not None:
    @ffi.callback("long(*)(long)")
    def plain_step(i):
        return i + 1
    assert callback_loop(plain_step, 10) == 55
    callback = best(lambda: callback_loop(plain_step, n))
else:
    callback = float("nan")

override = best(lambda: Counter.loop(s, n))
python = best(python_loop)
cpp = best(lambda: Counter.loop(plain, n))
print("%.1f %.1f %.1f %.1f" % (override, python, cpp, callback))
'''


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pythonpath", required=True)
    parser.add_argument("--dictionary", required=True)
    parser.add_argument("--interpreter", action="append", default=[])
    parser.add_argument("--calls", type=int, default=200000)
    args = parser.parse_args()
    print("| interpreter | C++ -> Python override | Python -> Python method | C -> Python cffi callback"
          " | C++ -> C++ | override / Python call | override / cffi callback |")
    print("|---|---|---|---|---|---|---|")
    for interpreter in args.interpreter or ["pypy3", "/usr/bin/python3"]:
        done = subprocess.run([interpreter, "-c", SESSION, args.dictionary, str(args.calls)],
                              env={"PYTHONPATH": args.pythonpath, "PATH": "/usr/bin:/bin"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        if done.returncode != 0:
            raise SystemExit("%s failed:\n%s" % (interpreter, done.stderr))
        override, python, cpp, callback = (float(x) for x in done.stdout.split())
        print("| %s | %.1f ns | %.1f ns | %.1f ns | %.1f ns | %.1fx | %.1fx |"
              % (interpreter, override, python, callback, cpp, override / python, override / callback))


if __name__ == "__main__":
    main()
