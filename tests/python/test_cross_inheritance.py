"""Python classes deriving from C++ classes (data/cross.h): C++ calling a
virtual function reaches the Python override (through a base reference, and
in a C++ loop over base pointers), abstract bases, protected members,
super(); Python exceptions across C++ both ways, and what happens where no
C++ caller can take one (in a subprocess); who keeps whom alive.

Raw `_cppyy` (CPPYY_CLIENT=_cppyy) has none of it: a Python subclass there
is a Python class only (test_raw_cppyy_overrides_stay_in_python)."""
import gc
import os
import subprocess
import sys
import weakref

import pytest

from conftest import client

@pytest.fixture(scope="module")
def cross(gbl):
    if client() == "_cppyy":
        pytest.skip("raw _cppyy has no dispatchers (test_raw_cppyy_overrides_stay_in_python)")
    return gbl.cross


def collect():
    for _ in range(4):  # PyPy: finalizers run in the collection after the one that found them
        gc.collect()


def test_cpp_calls_reach_the_python_override(cross):
    Base = cross.Base

    class Derived(Base):
        def value(self):
            return 13

    d = Derived()
    assert d.value() == 13
    assert Base.call_value(d) == 13  # C++: b.value() through a const Base&
    assert d.twice() == 26  # a C++ method calling value() on its object
    assert Base.call_value(Base()) == 42
    assert "Derived" in repr(d) and "cross::Base" in repr(d)
    assert isinstance(d, Base)


def test_a_cpp_loop_over_base_pointers(cross, gbl):
    Base = cross.Base

    class Tripled(Base):
        def value(self):
            return 3 * self.m_value

    objects = [Base(1), Tripled(2), Base(3), Tripled(4)]
    vector = gbl.std.vector["cross::Base*"]()
    for o in objects:
        cross.append(vector, o)
    assert cross.sum_values(vector) == 1 + 6 + 3 + 12


def test_constructors_and_python_state(cross):
    Base = cross.Base

    class ByBaseInit(Base):
        def __init__(self, extra):
            Base.__init__(self)
            self.extra = extra

        def value(self):
            return self.m_value + self.extra

    class BySuper(Base):
        def __init__(self, extra, value):
            super().__init__(value)
            self.extra = extra

        def value(self):
            return self.m_value + self.extra

    class NoInit(Base):
        def value(self):
            return -self.m_value

    assert Base.call_value(ByBaseInit(2)) == 44
    assert Base.call_value(BySuper(2, 27)) == 29
    assert Base.call_value(NoInit(5)) == -5
    assert Base.call_value(NoInit()) == -42


def test_what_python_does_not_override_is_cpps(cross):
    Base = cross.Base

    class OnlyValue(Base):
        def value(self):
            return 1

    o = OnlyValue(10)
    assert Base.call_add(o, 5) == 15 and o.add(5) == 15
    assert Base.call_name(o) == "Base" and o.name() == "Base"


def test_super_and_the_base_class_reach_cpps_implementation(cross):
    Base = cross.Base

    class BySuper(Base):
        def value(self):
            return super().value() + 1

    class ByBaseClass(Base):
        def value(self):
            return Base.value(self) * 10

    assert Base.call_value(BySuper(5)) == 6
    assert Base.call_value(ByBaseClass(4)) == 40

    class Deeper(BySuper):  # a Python class of a Python class
        def value(self):
            return super().value() * 2

    assert Base.call_value(Deeper(5)) == 12


def test_overloads_and_argument_kinds(cross):
    Base, Mood = cross.Base, cross.Mood

    class Everything(Base):
        def add(self, *args):
            return sum(args) + 100

        def scale(self, factor):
            return factor * 3

        def name(self):
            return "python"

        def bump(self, counter):  # int&: a reference, as cppyy gives it
            counter.value += 100

        def other_value(self, other):  # const Base&: the C++ object, a proxy
            return other.value() + 1

        def chosen(self, candidate):
            return self if candidate is None else candidate

        def mood(self):
            return Mood.Angry

        def check(self, text):  # const std::string&: a str
            return text == "yes"

    e = Everything(1)
    assert Base.call_add(e, 1) == 101 and Base.call_add2(e, 1, 2) == 103
    assert Base.call_scale(e, 2.0) == 6.0
    assert Base.call_name(e) == "python"
    assert Base.call_bump(e, 1) == 101
    assert Base.call_other_value(e, Base(7)) == 8
    assert Base.call_other_value(e, e) == 2  # itself, as a Base: the C++ value() of 1
    assert Base.call_mood(e) == 2
    assert Base.call_check(e, "yes") is True and Base.call_check(e, "no") is False
    other = Base(3)
    assert Base.call_chosen(e, other).value() == 3
    assert Base.call_chosen(e, None) is e  # C++ hands back the pointer of the Python object


def test_a_result_of_the_wrong_type_is_a_type_error_naming_the_override(cross):
    """Plain numbers take a shorter way into and out of an override: its
    checks stay those of any C++ argument."""
    Base = cross.Base

    class Wrong(Base):
        def value(self):
            return "seven"

        def add(self, i):
            return 1.5  # no int

        def scale(self, factor):
            return 2  # an int passes for a double

    w = Wrong()
    with pytest.raises(TypeError) as error:
        Base.call_value(w)
    assert "value" in str(error.value) and "'seven'" in str(error.value)
    with pytest.raises(TypeError) as error:
        Base.call_add(w, 1)
    assert "add" in str(error.value) and "1.5" in str(error.value)
    assert Base.call_scale(w, 3.0) == 2.0


def test_an_abstract_class_once_its_pure_virtuals_are_overridden(cross, gbl):
    class Square(cross.Shape):
        def __init__(self, side):
            super().__init__()
            self.side = side

        def area(self):
            return self.side ** 2

        def kind(self):
            return "square"

    assert cross.Shape.describe(Square(3.0)) == "square of area 9.000000"
    shapes = gbl.std.vector["cross::Shape*"]()
    squares = [Square(1.0), Square(2.0)]
    for s in squares:
        cross.Shape.append(shapes, s)
    assert cross.Shape.total_area(shapes) == 5.0

    class Sized(cross.Sized):  # abstract, its constructor takes an argument
        def area(self):
            return float(self.m_size)

    assert cross.Shape.describe(Sized(4)) == "sized of area 4.000000"


def test_an_abstract_class_not_fully_overridden_cannot_be_made(cross):
    class HalfDone(cross.Shape):
        def area(self):
            return 1.0

    with pytest.raises(TypeError) as error:
        HalfDone()
    assert "cross::Shape::kind() const" in str(error.value) and "HalfDone" in str(error.value)

    class NothingDone(cross.Shape):
        pass

    with pytest.raises(TypeError, match=r"area\(\) const, cross::Shape::kind\(\) const"):
        NothingDone()


def test_protected_members_are_reachable_from_the_subclass(cross):
    Base = cross.Base
    assert not hasattr(Base(), "m_protected") and not hasattr(Base, "helper")

    class Reaching(Base):
        def secret(self):  # a protected virtual function, overridden
            return self.helper(2) + self.static_helper() + self.m_protected

    assert "m_protected" in vars(Reaching)  # protected data in the class itself, as cppyy has it
    r = Reaching()
    assert Base.call_secret(r) == 6 + 5 + 101
    r.m_protected = 1
    assert Base.call_secret(r) == 12

    class NotOverriding(Base):
        pass

    assert Base.call_secret(NotOverriding()) == 7
    assert NotOverriding().secret() == 7  # the protected virtual itself


def test_a_python_exception_comes_back_as_itself(cross):
    Base = cross.Base

    class Problem(Exception):
        pass

    raised = Problem("I do not like the given value")

    class Raising(Base):
        def value(self):
            raise raised

        def add(self, i):
            raise ValueError("add %d" % i)

    r = Raising()
    with pytest.raises(Problem) as error:
        Base.call_value(r)  # a checked entry, or the stub (stubs, nofastpath)
    assert error.value is raised
    with pytest.raises(ValueError, match="add 3"):
        Base.call_add(r, 3)
    with pytest.raises(ValueError, match="add 4"):
        r.add(4)  # Python's own call of its method: no C++ in between
    # C++ that catches it sees a std::exception naming the override and the exception
    text = cross.what_of_value(r)
    assert text.startswith("Python override of cross::Base::value() const raised Problem: I do not like the given")
    assert "test_cross_inheritance.py:" in text
    # C++ that catches it and throws its own: that one
    with pytest.raises(Exception) as own:
        cross.value_or_rethrow_own(r)
    assert not isinstance(own.value, Problem)
    assert "C++ caught the override's exception and threw its own" in str(own.value)


def test_through_a_stub_the_exception_comes_back_as_itself(cross):
    Base = cross.Base
    raised = RuntimeError("from add")

    class Raising(Base):
        def add(self, i):
            raise raised

    with pytest.raises(RuntimeError) as error:
        Base.call_add_default(Raising())  # C++ supplies the default: the stub, in every variant
    assert error.value is raised


def test_a_cpp_exception_under_an_override_comes_back_as_itself(cross):
    """C++ -> Python -> C++ -> Python: the C++ exception of a call the override
    makes leaves the override, crosses the C++ caller and comes back as the
    object the override saw."""
    Base = cross.Base
    seen = []

    class Checking(Base):
        def value(self):
            try:
                return cross.checked_positive(-2)
            except Exception as error:
                seen.append(error)
                raise

    with pytest.raises(Exception) as error:
        Base.call_value(Checking())
    assert len(seen) == 1 and error.value is seen[0]
    assert "negative: -2" in str(error.value)


def test_a_result_of_the_wrong_type_is_a_type_error(cross):
    Base = cross.Base

    class Forgetful(Base):
        def value(self):
            self.m_value * 2  # no return

    with pytest.raises(TypeError, match="cross::Base::value"):
        Base.call_value(Forgetful())


FATAL = """
import sys, ctypes
import cppyy
cppyy.load_reflection_info(sys.argv[1])
cross = cppyy.gbl.cross

class Raising(cross.Base):
    def value(self):
        raise KeyError("the override's own error")

r = Raising()
how = sys.argv[2]
if how == "noexcept":
    cross.value_noexcept(r)
elif how == "destructor":
    cross.value_in_destructor(r)
else:  # a raw fast-path address, called as the JIT would
    [address] = cppyy.fast_path_addresses("cross::Base", "call_value")
    assert address, "no fast-path address"
    ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)(address)(cppyy.addressof(r))
print("not reached")
"""


@pytest.mark.parametrize("how", ["noexcept", "destructor", "fast_path"])
def test_where_no_cpp_caller_can_take_it_the_process_ends_with_one_line(how, cross, variant_dictionary, variant):
    if how == "fast_path" and variant != "methptrgetter":
        pytest.skip("the stubs-only dictionary has no fast-path addresses")
    env = dict(os.environ)
    env["DICTLOADER_FASTPATH"] = "all"  # hands out the address of a function that may throw
    done = subprocess.run([sys.executable, "-c", FATAL, variant_dictionary, how], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=120)
    assert done.returncode != 0 and "not reached" not in done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("dictloader: fatal: "), lines
    assert "Python override of cross::Base::value() const raised KeyError" in lines[0], lines
    assert "the override's own error" in lines[0]


def test_a_python_owned_object_dies_with_its_proxy(cross):
    Base = cross.Base

    class Owned(Base):
        def value(self):
            return self.m_value

    collect()
    before = Base.s_live
    o = Owned(1)
    o.myself = o  # a cycle of its own, which the collector breaks
    alive = weakref.ref(o)
    assert Base.s_live == before + 1
    del o
    collect()
    assert alive() is None
    assert Base.s_live == before  # and C++ deleted the object


def test_an_object_given_to_cpp_lives_until_cpp_deletes_it(cross):
    Base = cross.Base

    class Kept(Base):
        def value(self):
            return self.m_value * 100 + len(self.tag)

    collect()
    before = Base.s_live
    holder = cross.Holder()
    k = Kept(3)
    k.tag = "kept"
    k.__python_owns__ = False
    holder.adopt(k)
    alive = weakref.ref(k)
    del k
    collect()
    assert alive() is not None  # its Python state too: C++ still calls it
    assert holder.sum() == 304
    holder.clear()  # C++ deletes it
    collect()
    assert alive() is None
    assert Base.s_live == before


def test_ownership_given_and_taken_back(cross):
    Base = cross.Base

    class Twice(Base):
        def value(self):
            return 2

    collect()
    before = Base.s_live
    t = Twice()
    t.__python_owns__ = False
    assert not t.__python_owns__
    t.__python_owns__ = True
    alive = weakref.ref(t)
    del t
    collect()
    assert alive() is None and Base.s_live == before


def test_no_leak_over_many_objects(cross):
    Base = cross.Base

    class Leaf(Base):
        def value(self):
            return self.m_value + 1

    holder = cross.Holder()
    collect()
    before = Base.s_live
    alive = []
    for i in range(300):
        mine = Leaf(i)
        assert Base.call_value(mine) == i + 1
        alive.append(weakref.ref(mine))
        given = Leaf(i)
        given.__python_owns__ = False
        holder.adopt(given)
        alive.append(weakref.ref(given))
    del mine, given
    assert holder.sum() == sum(range(1, 301))
    holder.clear()
    collect()
    assert [ref for ref in alive if ref() is not None] == []
    assert Base.s_live == before


def test_an_override_called_without_pythons_lock(cross, variant_dictionary):
    """ctypes calls C with the GIL released: the handler takes it."""
    import ctypes
    import cppyy
    Base = cross.Base

    class FromC(Base):
        def value(self):
            return 77

    library = ctypes.CDLL(variant_dictionary)
    library.cross_call_value.restype = ctypes.c_int
    library.cross_call_value.argtypes = [ctypes.c_void_p]
    f = FromC()
    assert library.cross_call_value(cppyy.addressof(f)) == 77


@pytest.mark.skipif(client() == "cpython", reason="the CPython module holds the GIL during C++ calls: the "
                                                  "thread would wait for it while this thread waits for the thread")
def test_an_override_called_from_a_cpp_thread(cross):
    Base = cross.Base

    class Threaded(Base):
        def value(self):
            return 5

    assert cross.value_in_thread(Threaded()) == 5


def test_unrelated_cpp_bases_are_still_refused(cross, gbl):
    with pytest.raises(TypeError, match="unrelated"):
        class Both(cross.Base, gbl.SecondBase):
            pass


def test_raw_cppyy_overrides_stay_in_python(gbl):
    """Raw _cppyy (PyPy's module over the C API, which has no dispatchers): a
    Python subclass's method is called from Python; C++ calls C++'s."""
    if client() != "_cppyy":
        pytest.skip("raw _cppyy's limit")
    Base = gbl.cross.Base

    class Derived(Base):
        def value(self):
            return 13

    d = Derived()
    assert d.value() == 13
    assert Base.call_value(d) == 42
