"""What loading a dictionary costs, small dictionary against a large one.

Generates three headers (one class with 10 methods; one class with 2000
methods; 200 small classes next to a class with 10 methods), builds their
dictionaries with genreflex, and runs load_probe on each, interleaved, in fresh
processes (best of N). Registration should cost the same for the first two:
libdictloader does no per-function work until a class is first used; it does
per-class work (names), which the third shows.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile


def write_header(path, methods, extra_classes):
    lines = ["#pragma once", "struct Big {"]
    lines += ["  int m%d(int x) const { return x + %d; }" % (i, i) for i in range(methods)]
    lines.append("};")
    lines += ["struct Extra%d { int f(int x) const { return x; } double g(double y) { return y; } };" % i
              for i in range(extra_classes)]
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")


def registration_instructions(probe, library):
    """Instructions executed inside dictloader_register (callgrind: repeatable, unlike time)."""
    with tempfile.NamedTemporaryFile(suffix=".callgrind") as out:
        subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=dictloader_register",
                        "--callgrind-out-file=" + out.name, probe, library, "Big"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        summary = re.search(r"^summary: (\d+)", open(out.name).read(), re.M)
        return int(summary.group(1)) if summary else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--genreflex", required=True)
    parser.add_argument("--probe", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    cases = {"1 class, 10 functions": (10, 0), "1 class, 2000 functions": (2000, 0),
             "201 classes, 410 functions": (10, 200)}
    libraries = {}
    for label, (methods, extra) in cases.items():
        header = os.path.join(args.workdir, "load_%d_%d.h" % (methods, extra))
        library = os.path.join(args.workdir, "libLoad_%d_%d.so" % (methods, extra))
        write_header(header, methods, extra)
        if not os.path.exists(library) or os.path.getmtime(library) < os.path.getmtime(header):
            print("== genreflex %s -o %s" % (os.path.basename(header), os.path.basename(library)))
            subprocess.run([args.genreflex, header, "-o", library], check=True)
        libraries[label] = library
    best = {label: {} for label in cases}
    for _ in range(args.rounds):
        for label, library in libraries.items():
            output = subprocess.run([args.probe, library, "Big"], check=True, stdout=subprocess.PIPE,
                                    universal_newlines=True).stdout
            values = dict(re.findall(r"(\w+) ([\d.]+)", output))
            for key, value in values.items():
                best[label][key] = min(best[label].get(key, float("inf")), float(value))
    print()
    print("Loading a dictionary, microseconds (best of %d fresh processes)" % args.rounds)
    print("%-30s %10s %10s %12s %12s %9s" % ("dictionary", "dlopen", "register", "first use", "second use",
                                            "methods"))
    for label in cases:
        b = best[label]
        print("%-30s %10.1f %10.1f %12.1f %12.2f %9d" % (label, b["dlopen"], b["register"], b["first_use"],
                                                      b["second_use"], b["methods"]))
    small, large, classes = (best[label] for label in cases)
    print()
    print("register time, 2000 functions / 10 functions: %.2fx" % (large["register"] / small["register"]))
    print("register time, 201 classes / 1 class: %.1fx (per-class work: names)"
          % (classes["register"] / small["register"]))
    print("first use of a class, per function: %.2f us" % ((large["first_use"] - small["first_use"]) / 1990))
    if shutil.which("valgrind"):
        counts = {label: registration_instructions(args.probe, library) for label, library in libraries.items()}
        print("instructions inside dictloader_register (callgrind): " +
              ", ".join("%s: {:,}".format(counts[label]) % label for label in cases))
        first, second = (counts[label] for label in list(cases)[:2])
        print("register instructions, 2000 functions / 10 functions: %.3fx (no per-function work; "
              "the time difference is memory, not code)" % (second / first))
    return 0


if __name__ == "__main__":
    sys.exit(main())
