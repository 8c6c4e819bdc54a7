"""What the two peer-suite runners share (cppyy_suite.py, pypy_suite.py):
building a suite's dictionaries with its own Makefile, and reading why one
did not build."""
import os
import re
import subprocess


def listed_dictionaries(folder):
    """The dictionaries the Makefile in folder lists in its `dicts = ...` variable."""
    with open(os.path.join(folder, "Makefile")) as makefile:
        text = makefile.read()
    listed = re.search(r"^dicts\s*=\s*((?:.*\\\n)*.*)$", text, re.M).group(1)
    return re.findall(r"(\w+Dict\.so)", listed)


def make_dictionaries(folder, work, env, make_arguments, jobs):
    """make -k of the dictionaries in folder (make.log in work); {dictionary: first error or None}."""
    dictionaries = listed_dictionaries(folder)
    done = subprocess.run(["make", "-k", "-j%d" % jobs] + list(make_arguments) + dictionaries,
                          cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    with open(os.path.join(work, "make.log"), "w") as log:
        log.write(done.stdout)
    results = {}
    for dictionary in dictionaries:
        if os.path.exists(os.path.join(folder, dictionary)):
            results[dictionary] = None
            continue
        stem = dictionary[:-len("Dict.so")]
        errors = [line for line in done.stdout.splitlines()
                  if (line.startswith(stem + "_rflx.cpp:") or line.startswith(stem + ".h:")
                      or line.startswith("genreflex: error") and stem in line) and "error" in line]
        results[dictionary] = errors[0] if errors else "not built (see make.log)"
    return results
