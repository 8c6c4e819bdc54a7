"""What the two peer-suite runners share (cppyy_suite.py, pypy_suite.py):
building a suite's dictionaries with its own Makefile, and reading why one
did not build; running pytest on one file and reading its JUnit report."""
import collections
import os
import re
import subprocess
from xml.etree import ElementTree


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


def run_process(command, cwd, env, timeout):
    """(return code, output) of command; the return code says so if it timed out."""
    try:
        done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, timeout=timeout)
        return done.returncode, done.stdout
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout or ""
        if isinstance(output, bytes):  # TimeoutExpired keeps the bytes undecoded
            output = output.decode("utf-8", "replace")
        return "timeout after %ss" % timeout, output


def read_report(report, test_file, returncode, normalized, skipped_as=lambda message: "skipped"):
    """Counts by outcome and [(cause, where)] of one file's JUnit report;
    skipped_as(message) names the outcome of a skipped test."""
    counts = collections.Counter()
    causes = []
    for case in ElementTree.parse(report).iter("testcase"):
        name = "%s::%s" % (case.get("classname", "").split(".")[-1], case.get("name"))
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "failed" if child.tag == "failure" else "errors"
                message, where = child.get("message") or "", "%s::%s" % (test_file, name)
                if message == "collection failure":  # the file did not import: its E line says why
                    lines = [line[1:].strip() for line in (child.text or "").splitlines() if line.startswith("E ")]
                    message, where = "the test file did not import: " + (lines[-1] if lines else "?"), test_file
                causes.append((normalized(message), where))
            elif child.tag == "skipped":
                outcome = skipped_as(child.get("message") or "")
        counts[outcome] += 1
    if returncode not in (0, 1) and not counts["failed"] + counts["errors"]:
        counts["crashed"] += 1  # pytest itself failed (usage, internal error, a crash after the report)
        causes.append(("pytest ended with %s" % returncode, test_file))
    return counts, causes


def label_of(message, known_causes):
    """The label of the first (label, pattern) of known_causes that matches message, else message."""
    for label, pattern in known_causes:
        if pattern.search(message):
            return label
    return message
