"""cppyy.py.add_pythonization: the user's pythonizors run on each new class of
their scope, as with cppyy, on every client (raw _cppyy runs its own)."""
import pytest

SESSION = r'''
import sys
import cppyy
cppyy.load_reflection_info(sys.argv[1])
seen = []

def inner_pythonizor(klass, name):
    seen.append(("inner", name))
    if name == "Thing":
        klass.doubled_id = lambda self: 2 * self.id()

def removed(klass, name):
    seen.append(("removed", name))

def global_pythonizor(klass, name):
    if name == "Counted":
        klass.__len__ = lambda self: self.value()

cppyy.py.add_pythonization(inner_pythonizor, "outer::inner")
cppyy.py.add_pythonization(removed, "outer::inner")
print(cppyy.py.remove_pythonization(removed, "outer::inner"), cppyy.py.remove_pythonization(removed, "outer::inner"))
cppyy.py.add_pythonization(global_pythonizor)
thing = cppyy.gbl.outer.inner.Thing()
print(thing.doubled_id(), len(cppyy.gbl.Counted(3)))
print(sorted(set(seen)))
try:
    cppyy.py.add_pythonization("not callable", "outer")
except TypeError as error:
    print("TypeError")
'''


def test_pythonizors_run_on_new_classes_of_their_scope(run_pypy, variant_dictionary):
    result = run_pypy(SESSION, variant_dictionary)
    assert result.returncode == 0, result.stderr
    removed, calls, seen, error = result.stdout.splitlines()
    assert removed == "True False"
    assert calls == "8 3"
    assert seen == "[('inner', 'Thing')]"
    assert error == "TypeError"


LATE_SESSION = r'''
import sys
import cppyy
cppyy.load_reflection_info(sys.argv[1])
before = cppyy.gbl.outer.inner.Thing
cppyy.py.add_pythonization(lambda klass, name: setattr(klass, "late", True), "outer::inner")
print(hasattr(cppyy.gbl.outer.inner.Thing, "late"))
'''


def test_classes_built_before_a_pythonizor_are_left_alone(run_pypy, variant_dictionary):
    result = run_pypy(LATE_SESSION, variant_dictionary)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False"]
