"""HepMC3 from Python as from C++ (issue 14): the same event built step by step
(beams, vertices, particles, add_particle_in/out, attributes) is written by
basic_event.cpp and by basic_event.py through cppyy, on a dictionary of
Debian's HepMC3 headers made with nothing but `genreflex ... -lHepMC3`; the
two files are equal byte for byte, and reading either back (ReaderAscii) from
C++ and from Python gives the same particles, parents, children, momentum sums
and attribute.

ctest runs this file once per interpreter and client, with HEPMC3_PROGRAM (the
C++ program), HEPMC3_DICTIONARY and the interpreter (sys.executable)."""
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAM = os.environ.get("HEPMC3_PROGRAM", "")
DICTIONARY = os.environ.get("HEPMC3_DICTIONARY", "")


def run(command):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                            timeout=300)
    assert result.returncode == 0, "%s failed:\n%s" % (" ".join(command), result.stderr[-3000:])
    return result.stdout


def python(*args):
    return run([sys.executable, os.path.join(HERE, "basic_event.py"), DICTIONARY] + list(args))


RAW_CPPYY = os.environ.get("CPPYY_CLIENT") == "_cppyy"
NO_MAKE_SHARED = "raw _cppyy: no std.make_shared (it gets smart pointers through cppyy_smartptr_info only)"


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    if not PROGRAM or not DICTIONARY:
        pytest.skip("HEPMC3_PROGRAM and HEPMC3_DICTIONARY are set by ctest")
    return tmp_path_factory.mktemp("hepmc3")


@pytest.fixture(scope="module")
def cpp_file(work):
    path = str(work / "cpp.hepmc3")
    run([PROGRAM, "write", path])
    return path


@pytest.fixture(scope="module")
def python_file(work):
    if RAW_CPPYY:
        pytest.skip(NO_MAKE_SHARED)
    path = str(work / "python.hepmc3")
    python("write", path)
    return path


def test_python_writes_the_file_cpp_writes(cpp_file, python_file):
    with open(cpp_file, "rb") as cpp, open(python_file, "rb") as py:
        cpp_bytes, python_bytes = cpp.read(), py.read()
    assert b"P 10 " in cpp_bytes  # the whole event is there
    assert python_bytes == cpp_bytes


def test_python_reads_what_cpp_reads(cpp_file):
    expected = run([PROGRAM, "summary", cpp_file])
    assert "particle 7 pid 23 status 2 parents 2,5 children 9,10" in expected
    assert "signal_process_id 1" in expected
    assert python("summary", cpp_file) == expected


def test_both_read_what_python_writes(cpp_file, python_file):
    expected = run([PROGRAM, "summary", cpp_file])
    assert python("summary", python_file) == expected
    assert run([PROGRAM, "summary", python_file]) == expected
