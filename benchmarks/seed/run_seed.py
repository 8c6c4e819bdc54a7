"""The seed demo and benchmark: the 2010 talk's session and overhead table, for this build.

1. Generates MyClass.h's dictionary twice with genreflex: with --methptrgetter
   (fast path) and without (stubs only); and MyClassLib.h's, the same class
   with its methods compiled into their own library (libMyClassLib.so, linked
   with -l): with --methptrgetter=all and without.
2. Runs the seed's user session on pypy3: import cppyy, load the dictionary,
   MyClass(), MyFunc().
3. Measures ns per call of obj.MyFunc(), obj.AddInt(1) and obj.Sum(1.0, 2.0)
   on both classes: a C++ loop through the dictionary's function pointers,
   `import cppyy` on PyPy through the package's own client (its entries, over
   _cffi_backend: the default), PyPy's _cppyy through the fast path and
   through the stubs (CPPYY_CLIENT=_cppyy), and PyPy calling the same
   functions via cffi (the floor for any PyPy binding on this machine).
   All configurations run interleaved, round after round, and the best of
   each is kept.
4. Checks the JIT traces of the fast-path loops for a direct call to the
   function's address (for MyClassLib: the method's own symbol, no wrapper),
   and prints the table with ratios to C++.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CALLS = ("MyFunc", "AddInt", "Sum")
LABELS = {"MyFunc": "obj.MyFunc()", "AddInt": "obj.AddInt(1)", "Sum": "obj.Sum(1.0, 2.0)"}
TARGETS = {"fast": 3.0, "stubs": 30.0}
STUB_GOAL = 15.0


def run(command, env=None, **kwargs):
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True, **kwargs)
    if result.returncode != 0:
        sys.exit("run_seed: %s failed (exit %d):\n%s%s" % (
            " ".join(command), result.returncode, result.stdout, result.stderr))
    return result.stdout


def parse_times(output):
    match = re.search(r"MyFunc ([\d.]+) AddInt ([\d.]+) Sum ([\d.]+)", output)
    if not match:
        sys.exit("run_seed: unexpected output:\n" + output)
    return dict(zip(CALLS, map(float, match.groups())))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--genreflex", required=True)
    parser.add_argument("--pythonpath", required=True, help="folder holding the cppyy package")
    parser.add_argument("--cpp-loop", required=True, help="the seed_cpp_loop program")
    parser.add_argument("--class-library", required=True, help="libMyClassLib.so, MyClassLib's methods")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--pypy", default="pypy3")
    parser.add_argument("--iterations", type=int, default=10000000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    header = os.path.join(HERE, "MyClass.h")
    fast_dict = os.path.join(args.workdir, "libMyClassDict.so")
    stub_dict = os.path.join(args.workdir, "libMyClassStubDict.so")
    print("== genreflex MyClass.h --methptrgetter -o libMyClassDict.so")
    run([args.genreflex, header, "--methptrgetter", "-o", fast_dict])
    print("== genreflex MyClass.h -o libMyClassStubDict.so   (no fast path)")
    run([args.genreflex, header, "-o", stub_dict])
    lib_header = os.path.join(HERE, "MyClassLib.h")
    lib_dir = os.path.dirname(os.path.abspath(args.class_library))
    link = ["-L", lib_dir, "-l", "MyClassLib"]
    lib_all_dict = os.path.join(args.workdir, "libMyClassLibAllDict.so")
    lib_stub_dict = os.path.join(args.workdir, "libMyClassLibStubDict.so")
    print("== genreflex MyClassLib.h --methptrgetter=all -l MyClassLib -o libMyClassLibAllDict.so")
    run([args.genreflex, lib_header, "--methptrgetter=all"] + link + ["-o", lib_all_dict])
    print("== genreflex MyClassLib.h -l MyClassLib -o libMyClassLibStubDict.so   (no fast path)")
    run([args.genreflex, lib_header] + link + ["-o", lib_stub_dict])

    env = dict(os.environ)
    env["PYTHONPATH"] = args.pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    env["LD_LIBRARY_PATH"] = lib_dir + os.pathsep + env.get("LD_LIBRARY_PATH", "")
    env.pop("DICTLOADER_FASTPATH", None)
    session = ("import cppyy\n"
               "cppyy.load_reflection_info(%r)\n"
               "obj = cppyy.gbl.MyClass()\n"
               "print('obj.MyFunc() ->', obj.MyFunc())\n"
               "print('obj.AddInt(41) ->', obj.AddInt(41))\n"
               "print('obj.Sum(1.0, 2.0) ->', obj.Sum(1.0, 2.0))\n") % fast_dict
    print("== the seed's session on %s:" % args.pypy)
    print("   " + session.replace("\n", "\n   ").rstrip())
    print("   " + run([args.pypy, "-c", session], env=env).replace("\n", "\n   ").rstrip())

    loop = os.path.join(HERE, "seed_pypy_loop.py")
    lib = ["--class", "MyClassLib"]
    configs = {
        "cpp": lambda: [args.cpp_loop, fast_dict, str(args.iterations * 10)],
        "client": lambda: [args.pypy, loop, fast_dict, str(args.iterations)],
        "fast": lambda: [args.pypy, loop, fast_dict, str(args.iterations)],
        "stubs": lambda: [args.pypy, loop, stub_dict, str(args.iterations)],
        "cffi": lambda: [args.pypy, loop, "--cffi", fast_dict, str(args.iterations)],
        "lib_cpp": lambda: [args.cpp_loop, lib_all_dict, str(args.iterations * 10), "MyClassLib"],
        "lib_client": lambda: [args.pypy, loop] + lib + [lib_stub_dict, str(args.iterations)],
        "lib_fast": lambda: [args.pypy, loop] + lib + [lib_all_dict, str(args.iterations)],
        "lib_stubs": lambda: [args.pypy, loop] + lib + [lib_stub_dict, str(args.iterations)],
        "lib_cffi": lambda: [args.pypy, loop, "--cffi"] + lib + [lib_all_dict, str(args.iterations)],
    }
    # the package's own client for the "client" rows, PyPy's _cppyy for the others
    client_env = dict(env, CPPYY_CLIENT="cffi")
    env = dict(env, CPPYY_CLIENT="_cppyy")
    envs = {name: client_env if name.endswith("client") else env for name in configs}
    best = {name: {c: float("inf") for c in CALLS} for name in configs}
    print("== measuring (%d interleaved rounds of C++, fast path, stubs, cffi; inline and out of line)"
          % args.rounds)
    for _ in range(args.rounds):
        for name, command in configs.items():
            times = parse_times(run(command(), env=envs[name]))
            for call in CALLS:
                best[name][call] = min(best[name][call], times[call])

    # The fast path is real only if the JIT calls the function's address directly;
    # for MyClassLib that address must be the method's own symbol (no wrapper).
    direct, _ = traced_direct_calls(args, env, loop, fast_dict, [])
    lib_direct, symbols = traced_direct_calls(args, env, loop, lib_all_dict, lib)
    lib_own = {call: lib_direct[call][1] == symbols.get(call) for call in CALLS}

    print()
    print("Seed overhead table: ns per call (best of %d rounds) and ratio to C++" % args.rounds)
    header_row = "%-20s %16s %16s %16s %16s %16s" % ("call", "C++", "PyPy cppyy", "_cppyy fast path",
                                                       "_cppyy stubs", "PyPy cffi (ref.)")
    for title, prefix in (("MyClass (inline bodies, --methptrgetter)", ""),
                          ("MyClassLib (bodies in libMyClassLib.so, --methptrgetter=all)", "lib_")):
        print(title)
        print(header_row)
        print("-" * len(header_row))
        for call in CALLS:
            base = best[prefix + "cpp"][call]
            cells = ["%7.2f  %5.1fx" % (best[prefix + n][call], best[prefix + n][call] / base)
                     for n in ("cpp", "client", "fast", "stubs", "cffi")]
            print("%-20s %16s %16s %16s %16s %16s" % (LABELS[call], *cells))
        print()
    print("seed (2010): pypy-c-jit-fp 8x, pypy-c-jit (Reflex stubs) 110x")
    for prefix, which in (("", "inline"), ("lib_", "out of line")):
        for name, label in (("fast", "fast path"), ("stubs", "stub path")):
            worst = max(best[prefix + name][c] / best[prefix + "cpp"][c] for c in CALLS)
            verdict = "met" if worst <= TARGETS[name] else "NOT met"
            goal = ""
            if name == "stubs":
                goal = ", goal %gx %s" % (STUB_GOAL, "met" if worst <= STUB_GOAL else "not met")
            print("target %s (%s) within %gx of C++: %s (worst %.1fx%s)"
                  % (label, which, TARGETS[name], verdict, worst, goal))
    for prefix, which in (("", "inline"), ("lib_", "out of line")):
        cffi_worst = max(best[prefix + "cffi"][c] / best[prefix + "cpp"][c] for c in CALLS)
        print("floor (%s): PyPy calling the same functions through cffi: worst %.1fx" % (which, cffi_worst))
        client_worst = max(best[prefix + "client"][c] / best[prefix + "cffi"][c] for c in CALLS)
        print("import cppyy on PyPy (%s) against that floor: worst %.2fx (target 1.3x, goal 1.1x)"
              % (which, client_worst))
    print("JIT trace of the fast-path loops: direct call to the function address: %s" % ", ".join(
        "%s %s" % (call, "yes" if direct[call][0] else "NO") for call in CALLS))
    print("... out of line: direct call to the method's own symbol (no wrapper): %s" % ", ".join(
        "%s %s" % (call, "yes" if lib_direct[call][0] and lib_own[call] else "NO") for call in CALLS))
    ok = all(found for found, _ in direct.values()) and all(
        lib_direct[call][0] and lib_own[call] for call in CALLS)
    return 0 if ok else 1


def traced_direct_calls(args, env, loop, dictionary, extra):
    """{call: (the JIT trace calls the fast-path address directly, that address)},
    and the addresses of MyClassLib's own symbols in the same process."""
    with tempfile.NamedTemporaryFile(suffix=".log", dir=args.workdir) as log:
        trace_env = dict(env, PYPYLOG="jit-log-opt:" + log.name)
        output = run([args.pypy, loop] + extra + [dictionary, str(args.iterations // 10)], env=trace_env)
        found = {line.split(" ", 1)[0]: dict(re.findall(r"(\w+) (\d+)", line.split(" ", 1)[1]))
                 for line in output.splitlines() if line.startswith(("addresses ", "symbols "))}
        trace = open(log.name).read()
    addresses = found["addresses"]
    direct = {call: (bool(re.search(r"call_release_gil_\w\(\d+, %s[,)]" % addresses[call], trace)),
                     int(addresses[call])) for call in CALLS}
    return direct, {call: int(address) for call, address in found.get("symbols", {}).items()}


if __name__ == "__main__":
    sys.exit(main())
