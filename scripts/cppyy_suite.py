#!/usr/bin/env python3
"""Runs cppyy's own test suite against this build, as its users run it.

    python3 scripts/cppyy_suite.py --build BUILD --cppyy-tests CPPYY/test
        [--interpreter pypy3 --interpreter /usr/bin/python3] [--file test_operators.py ...]
        [--work DIR] [--timeout SECONDS] [--json OUT.json]

Not part of CI (which has no copy of the suite). Given a checkout of the test/
folder of the cppyy repository, it copies the folder to a work folder (the
checkout stays clean), builds the dictionaries with the suite's own Makefile
and this build's genreflex first on PATH (only `cppflags` is given on make's
command line: the Makefile asks cling-config for it, which needs Cling), then
runs each test file in its own process per interpreter, through `import cppyy`
of this build (so a crash costs one file), and prints per-file counts and the
failures grouped by cause.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import suite_common  # beside this script

# Causes that need what this product does not have yet, by the text of the
# failure: (label, pattern).
KNOWN_CAUSES = [
    ("C++ at run time (cppdef, include, gInterpreter, cppexec: issue 17)",
     re.compile(r"has no attribute '(cppdef|include|c_include|cppexec|gInterpreter|add_include_path)'"
                r"|no name 'gInterpreter'|gInterpreter|RuntimeCompilerError")),
    ("a dictionary that did not build", re.compile(r"'make' failed")),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True, help="this project's build folder")
    parser.add_argument("--cppyy-tests", required=True, help="the test/ folder of a cppyy checkout")
    parser.add_argument("--interpreter", action="append", default=[])
    parser.add_argument("--file", action="append", default=[], help="only these test files")
    parser.add_argument("--work", help="where the suite is copied and built (default: a new temporary folder)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per file and interpreter")
    parser.add_argument("--json", help="also write the results here")
    return parser.parse_args()


def environment(build):
    env = dict(os.environ)
    env["PATH"] = os.path.join(build, "genreflex") + os.pathsep + "/usr/bin:/bin"
    env["PYTHONPATH"] = os.path.join(build, "python") + os.pathsep + "/usr/lib/python3/dist-packages"
    env.pop("CPPYY_BACKEND_LIBRARY", None)
    return env


def build_dictionaries(work, env):
    """make -k of the suite's dictionaries; {dictionary: first error or None}."""
    flags = subprocess.run(["genreflex", "--cppflags"], env=env, stdout=subprocess.PIPE,
                           universal_newlines=True, check=True).stdout.strip()
    # the Makefile asks `python` for Python.h's folder (pythonizables.cxx)
    include = subprocess.run(["/usr/bin/python3", "-c", "import sysconfig; print(sysconfig.get_config_var('INCLUDEPY'))"],
                             stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout.strip()
    cppflags = "%s -O3 -fPIC -I%s -Wno-register" % (flags, include)
    return suite_common.make_dictionaries(work, work, env, ["cppflags=" + cppflags], 2)


def normalized(message):
    message = (message or "").strip().splitlines()[0] if message and message.strip() else "(no message)"
    message = re.sub(r"0x[0-9a-fA-F]+", "0x...", message)
    return message[:200]


def run_file(interpreter, work, test_file, env, timeout):
    report = os.path.join(work, ".results", "%s.%s.xml" % (os.path.basename(interpreter), test_file))
    os.makedirs(os.path.dirname(report), exist_ok=True)
    if os.path.exists(report):
        os.remove(report)
    command = [interpreter, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--junitxml=" + report, test_file]
    returncode, output = suite_common.run_process(command, work, env, timeout)
    if not os.path.exists(report):
        tail = [line for line in (output or "").splitlines() if line.strip()][-1:] or ["(no output)"]
        return collections.Counter(crashed=1), [("the process ended (%s): %s" % (returncode, normalized(tail[0])),
                                                 test_file)]
    return suite_common.read_report(report, test_file, returncode, normalized)



def main():
    args = parse_args()
    build = os.path.abspath(args.build)
    interpreters = args.interpreter or ["pypy3", "/usr/bin/python3"]
    work = args.work or tempfile.mkdtemp(prefix="cppyy-suite-")
    if os.path.abspath(work) != os.path.abspath(args.cppyy_tests):
        shutil.copytree(args.cppyy_tests, work, dirs_exist_ok=True)
    env = environment(build)
    print("# cppyy's suite in %s (genreflex and cppyy of %s)" % (work, build))
    dictionaries = build_dictionaries(work, env)
    for dictionary, error in sorted(dictionaries.items()):
        if error:
            print("dictionary %s did not build: %s" % (dictionary, error))
    files = args.file or sorted(f for f in os.listdir(work) if f.startswith("test_") and f.endswith(".py"))
    results = {}
    print("\n| file | " + " | ".join(os.path.basename(i) for i in interpreters) + " |")
    print("|---|" + "---|" * len(interpreters))
    totals = {i: collections.Counter() for i in interpreters}
    causes = {i: collections.defaultdict(list) for i in interpreters}
    for test_file in files:
        row = []
        for interpreter in interpreters:
            counts, found = run_file(interpreter, work, test_file, env, args.timeout)
            totals[interpreter].update(counts)
            for message, where in found:
                causes[interpreter][suite_common.label_of(message, KNOWN_CAUSES)].append(where)
            results.setdefault(test_file, {})[interpreter] = dict(counts)
            total = sum(counts[k] for k in ("passed", "failed", "errors", "skipped"))
            cell = "%d/%d" % (counts["passed"], total)
            if counts["crashed"]:
                cell += " (crashed)"
            row.append(cell)
        print("| %s | %s |" % (test_file, " | ".join(row)), flush=True)
    print("| **all** | " + " | ".join("%d/%d" % (t["passed"], sum(t[k] for k in ("passed", "failed", "errors", "skipped")))
                                        for t in totals.values()) + " |")
    for interpreter in interpreters:
        print("\n## %s: %s" % (interpreter, ", ".join("%s %d" % (k, v) for k, v in sorted(totals[interpreter].items()))))
        for label, where in sorted(causes[interpreter].items(), key=lambda item: -len(item[1])):
            print("- %d: %s (e.g. %s)" % (len(where), label, where[0]))
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"work": work, "dictionaries": dictionaries, "files": results,
                       "causes": {i: {k: v for k, v in c.items()} for i, c in causes.items()}}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
