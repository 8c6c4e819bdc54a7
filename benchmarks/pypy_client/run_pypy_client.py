"""The PyPy client's benchmark: `import cppyy` on PyPy through the package's
own client, through PyPy's _cppyy, and the cffi floor, side by side.

Runs, round after round interleaved, on pypy3:
  - the seed's calls (MyFunc, AddInt, Sum) on MyClass (inline bodies) and
    MyClassLib (bodies in libMyClassLib.so);
  - a result by value per call: Vec3 (its destructor has no effect) and Label
    (a std::string member);
  - the candle's inner loop (PseudoJets pushed into a std::vector, a dijet mass);
each through `import cppyy` with the package's client over _cffi_backend
(CPPYY_CLIENT=cffi, the default), through `import cppyy` over PyPy's _cppyy
(CPPYY_CLIENT=_cppyy), and through cffi calling the same C++ functions with
nothing around them (the floor, floor_functions.cpp). Prints the best of
each, the ratios, and the verdicts of issue 13: objects whose destructor has
no effect at least 5x cheaper than through _cppyy and at most 150 ns, other
objects at least 2x cheaper and within 1.2x of the floor (ffi.gc), calls
within 1.3x of the floor (goal 1.1x). Both clients' results are checked first.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "seed")
MODES = ("client", "cppyy", "cffi")  # the package's client, PyPy's _cppyy, the floor
CLIENT_OF = {"client": "cffi", "cppyy": "_cppyy"}


def run(command, env):
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True)
    if result.returncode != 0:
        sys.exit("run_pypy_client: %s failed (exit %d):\n%s%s" % (
            " ".join(command), result.returncode, result.stdout, result.stderr))
    return result.stdout


def numbers(output):
    return {name: float(value) for name, value in re.findall(r"(\w+) ([\d.]+)", output)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for option in ("--genreflex", "--pythonpath", "--floor", "--class-library", "--candle-dictionary",
                   "--workdir"):
        parser.add_argument(option, required=True)
    parser.add_argument("--pypy", default="pypy3")
    parser.add_argument("--iterations", type=int, default=10000000)
    parser.add_argument("--objects", type=int, default=1000000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    lib_dir = os.path.dirname(os.path.abspath(args.class_library))
    dicts = {"seed": os.path.join(args.workdir, "libMyClassDict.so"),
             "lib": os.path.join(args.workdir, "libMyClassLibDict.so"),
             "objects": os.path.join(args.workdir, "libObjectsDict.so")}
    env = dict(os.environ)
    env["PYTHONPATH"] = args.pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    env["LD_LIBRARY_PATH"] = lib_dir + os.pathsep + env.get("LD_LIBRARY_PATH", "")
    env.pop("DICTLOADER_FASTPATH", None)
    print("== genreflex: MyClass.h --methptrgetter, MyClassLib.h --methptrgetter=all, Objects.h --methptrgetter")
    run([args.genreflex, os.path.join(SEED, "MyClass.h"), "--methptrgetter", "-o", dicts["seed"]], env)
    run([args.genreflex, os.path.join(SEED, "MyClassLib.h"), "--methptrgetter=all", "-L", lib_dir, "-l",
         "MyClassLib", "-o", dicts["lib"]], env)
    run([args.genreflex, os.path.join(HERE, "Objects.h"), "--methptrgetter", "-o", dicts["objects"]], env)

    loops = os.path.join(HERE, "pypy_client_loops.py")
    common = ["--floor", args.floor, "--myclasslib", args.class_library]
    for name in ("seed", "lib", "objects"):
        common += ["--dictionary", dicts[name]]
    envs = {mode: dict(env, CPPYY_CLIENT=CLIENT_OF.get(mode, "cffi")) for mode in MODES}
    if os.path.exists(args.candle_dictionary):
        candle_common = common + ["--dictionary", args.candle_dictionary]
    else:
        candle_common = None
        print("(no %s: build the candle_dict target for the candle row)" % args.candle_dictionary)

    for mode in ("client", "cppyy"):
        print(run([args.pypy, loops, "check", "cppyy"] + (candle_common or common), envs[mode]).strip())
    runs = {}
    for mode in MODES:
        how = "cffi" if mode == "cffi" else "cppyy"
        runs[("seed", mode)] = [args.pypy, loops, "seed", how, "--iterations", str(args.iterations)] + common
        runs[("lib", mode)] = runs[("seed", mode)] + ["--class", "MyClassLib"]
        runs[("objects", mode)] = [args.pypy, loops, "objects", how, "--iterations", str(args.objects)] + common
        if candle_common:
            runs[("candle", mode)] = [args.pypy, loops, "candle", how, "--iterations",
                                      str(args.objects)] + candle_common
    best = {}
    print("== measuring: %d interleaved rounds" % args.rounds)
    for _ in range(args.rounds):
        for key, command in runs.items():
            for name, value in numbers(run(command, envs[key[1]])).items():
                best[key + (name,)] = min(best.get(key + (name,), float("inf")), value)

    def cell(key):
        return "%9.2f" % best[key] if key in best else "%9s" % "-"
    print()
    print("ns per call / per object / per particle (best of %d rounds)" % args.rounds)
    print("%-34s %9s %9s %9s %14s %14s" % ("", "client", "_cppyy", "cffi floor", "client/cffi", "_cppyy/client"))
    rows = [("seed", c, "MyClass." + c) for c in ("MyFunc", "AddInt", "Sum")]
    rows += [("lib", c, "MyClassLib." + c + " (checked)") for c in ("MyFunc", "AddInt", "Sum")]
    rows += [("objects", "vec", "Vec3 by value (no dtor effect)"), ("objects", "label", "Label by value (dtor)")]
    rows += [("candle", "particle", "candle inner loop, per particle")]
    for what, name, label in rows:
        keys = [(what, mode, name) for mode in MODES]
        if not all(k in best for k in keys):
            continue
        client, cppyy, floor = (best[k] for k in keys)
        print("%-34s %s %s %s %13.2fx %13.2fx" % (label, cell(keys[0]), cell(keys[1]), cell(keys[2]),
                                                  client / floor, cppyy / client))

    calls = [best[(w, "client", c)] / best[(w, "cffi", c)] for w in ("seed", "lib")
             for c in ("MyFunc", "AddInt", "Sum")]
    vec_client = best[("objects", "client", "vec")]
    no_effect = best[("objects", "cppyy", "vec")] / vec_client
    with_effect = best[("objects", "cppyy", "label")] / best[("objects", "client", "label")]
    label_floor = best[("objects", "client", "label")] / best[("objects", "cffi", "label")]
    verdicts = [("objects whose destructor has no effect: >= 5x cheaper than _cppyy", no_effect >= 5.0,
                 "%.1fx" % no_effect),
                ("objects whose destructor has no effect: at most 150 ns", vec_client <= 150.0,
                 "%.0f ns" % vec_client),
                ("other objects: >= 2x cheaper than _cppyy", with_effect >= 2.0, "%.1fx" % with_effect),
                ("other objects: within 1.2x of ffi.gc (the floor)", label_floor <= 1.2, "%.2fx" % label_floor),
                ("calls within 1.3x of the cffi floor (goal 1.1x)", max(calls) <= 1.3, "worst %.2fx" % max(calls))]
    print()
    for text, met, value in verdicts:
        print("%-70s %-8s %s" % (text, "met" if met else "NOT met", value))
    return 0


if __name__ == "__main__":
    sys.exit(main())
