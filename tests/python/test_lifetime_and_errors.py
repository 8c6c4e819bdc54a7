"""Object lifetime (destructors of Python-owned objects, dead and null objects)
and the errors Python sees: wrong arguments, abstract classes, C++ exceptions."""
import gc

import pytest


def collect():
    # PyPy runs finalizers from its collector: collect until nothing changes.
    for _ in range(4):
        gc.collect()


@pytest.fixture
def instances(gbl):
    """Live Counted objects, counted in C++, relative to the start of the test."""
    collect()
    baseline = gbl.Counted.instances()
    return lambda: gbl.Counted.instances() - baseline


def test_constructor_and_destruct_run_the_cpp_code(gbl, instances):
    counted = gbl.Counted(1)
    assert instances() == 1
    assert counted.__python_owns__
    counted.__destruct__()
    assert instances() == 0


def test_del_runs_the_destructor(gbl, instances):
    counted = gbl.Counted(2)
    assert instances() == 1
    del counted
    collect()
    assert instances() == 0


def test_object_returned_by_value_is_owned_and_destroyed(gbl, instances):
    made = gbl.Counted.make(4)
    assert made.value() == 4 and made.__python_owns__
    assert instances() == 1
    del made
    collect()
    assert instances() == 0


def test_objects_not_owned_by_python_survive(cppyy, gbl):
    shared_address = cppyy.addressof(gbl.Pointers.shared())  # made once, lives for ever
    storage = gbl.Storage()
    collect()
    before = gbl.Counted.instances()
    member = storage.m_counted
    bound = cppyy.bind_object(shared_address, gbl.Counted)
    shared = gbl.Pointers.shared()
    assert not member.__python_owns__ and not bound.__python_owns__ and not shared.__python_owns__
    del member, bound, shared
    collect()
    assert gbl.Counted.instances() == before
    assert storage.m_counted.value() == 17 and gbl.Pointers.shared().value() == 99


def test_destruct_twice_is_harmless(gbl, instances):
    counted = gbl.Counted(5)
    counted.__destruct__()
    counted.__destruct__()
    assert instances() == 0


def test_call_after_destruct_is_a_reference_error(gbl):
    counted = gbl.Counted(6)
    counted.__destruct__()
    with pytest.raises(ReferenceError):
        counted.value()
    with pytest.raises(ReferenceError):
        counted.m_value


@pytest.mark.parametrize("null", ["nullptr", "zero"])
def test_null_bound_object_is_a_reference_error(cppyy, gbl, null):
    obj = cppyy.bind_object(cppyy.nullptr if null == "nullptr" else 0, gbl.Counted)
    assert isinstance(obj, gbl.Counted) and not obj
    with pytest.raises(ReferenceError):
        obj.value()
    with pytest.raises(ReferenceError):
        obj.m_value


def test_wrong_argument_type_is_a_type_error(gbl):
    with pytest.raises(TypeError):
        gbl.Point().scale("twice")
    with pytest.raises(TypeError):
        gbl.Counted("seven")
    with pytest.raises(TypeError, match="Point"):
        gbl.Pointers.valueOf(gbl.Point())


def test_wrong_argument_count_is_a_type_error(gbl):
    with pytest.raises(TypeError, match="at least 1"):
        gbl.Point().scale()
    with pytest.raises(TypeError, match="at most 0"):
        gbl.Point().length2(1)
    with pytest.raises(TypeError):
        gbl.Overloads().defaults(1, 2, 3, 4)


def test_abstract_class_cannot_be_instantiated(gbl):
    with pytest.raises(TypeError, match="abstract"):
        gbl.Shape()


def test_cpp_exception_text_reaches_python(cppyy, gbl):
    thrower = gbl.Thrower()
    with pytest.raises(Exception) as error:
        thrower.checkedDivide(1, 0)
    if cppyy._CLIENT == "_cppyy":  # cppyy.CppException: Exception, which PyPy 7.3.11's _cppyy raises
        assert type(error.value) is cppyy.CppException
    else:  # its own class (test_typed_exceptions.py), a CppException
        assert type(error.value) is cppyy.gbl.std.domain_error
        assert isinstance(error.value, cppyy.CppException)
    assert "Thrower::checkedDivide: division by zero" in str(error.value)
    assert thrower.checkedDivide(6, 3) == 2  # the object is still usable


def test_cpp_exception_from_static_function(gbl):
    with pytest.raises(Exception, match="my own reason"):
        gbl.Thrower.fail("my own reason")


def test_throwing_function_runs_once(cppyy, gbl):
    """A call that reached C++ is never repeated: its exception is raised once.
    (PyPy's _cppyy calls every overload again to collect messages when all
    failed; the loader refuses the repeat and gives the stored message.)"""
    thrower = gbl.Thrower()
    with pytest.raises(Exception, match="division by zero"):
        thrower.checkedDivide(1, 0)
    assert thrower.calls() == 1
    with pytest.raises(Exception, match="division by zero"):  # and a new call runs again
        thrower.checkedDivide(2, 0)
    assert thrower.calls() == 2
    assert thrower.checkedDivide(6, 3) == 2 and thrower.calls() == 3


def test_an_overload_after_one_that_threw_does_not_run(cppyy, gbl):
    """guarded(int) throws; guarded(double), which a Python int also fits, must not
    run instead (PyPy's _cppyy goes on to the next overload after an exception)."""
    thrower = gbl.Thrower()
    with pytest.raises(Exception, match="Thrower::guarded: a negative value"):
        thrower.guarded(-1)
    assert (thrower.calls(), thrower.fallbacks()) == (1, 0)
    assert thrower.guarded(4) == 4 and (thrower.calls(), thrower.fallbacks()) == (2, 0)
    assert thrower.guarded(1.5) == 3.0 and thrower.fallbacks() == 1
    with pytest.raises(Exception, match="Thrower::guarded: a negative value"):
        thrower.guarded(-2)
    assert (thrower.calls(), thrower.fallbacks()) == (3, 1)


def test_unbound_method_call_without_an_instance_raises(gbl):
    # PyPy 7.3.11's _cppyy reads the instance from an empty argument list and
    # crashes; the package answers such calls itself.
    import pytest
    for klass, method in ((gbl.Derived, "derivedMethod"), (gbl.Derived, "baseMethod"), (gbl.Base, "baseMethod")):
        # (the package's words on PyPy, CPython's own for its method descriptors)
        with pytest.raises(TypeError, match=r"unbound method .*\(\) needs (a .* instance|an argument)"):
            getattr(klass, method)()
        with pytest.raises(TypeError, match="got int instance|doesn't apply to a 'int' object"):
            getattr(klass, method)(1)
    # With an instance first, the unbound method works as a Python 3 function does.
    assert gbl.Derived.derivedMethod(gbl.Derived()) == 202
    assert gbl.Base.baseMethod(gbl.Derived()) == 101
    # Instances are untouched: the guard lives on the metaclass.
    assert gbl.Derived().derivedMethod() == 202
    assert type(gbl.Derived.__dict__["derivedMethod"]).__name__ in ("CPPOverload", "method_descriptor", "function",
                                                                     "_LazyOverload")


def test_string_method_unbound_call_raises(gbl):
    import pytest
    with pytest.raises(TypeError):
        gbl.Derived.name()


def test_unbound_guard_leaves_the_class_itself_alone(gbl):
    # Operators are not guarded: a guard for __call__ or __getitem__ on the
    # metaclass would take over calling or indexing the class itself.
    point = gbl.Point(2.0, 1.0)
    assert point(3.0) == 6.0 and point[1] == 1.0
    assert {gbl.Point: "key"}[gbl.Point] == "key"

    class PyPoint(gbl.Point):
        pass

    assert PyPoint(4.0).length2() == 116.0


def test_exceptions_stay_in_their_thread(cppyy, gbl):
    """Threads calling C++ at once (the GIL is released during a call): each
    sees its own results and only its own exceptions."""
    import threading
    failures = []

    def work(throwing):
        thrower = gbl.Thrower()
        for i in range(3000):
            try:
                result = thrower.checkedDivide(i, 0 if throwing else 1)
            except cppyy.CppException as error:
                if not throwing or "division by zero" not in str(error):
                    failures.append(("unexpected exception", throwing, str(error)))
            else:
                if throwing or result != i:
                    failures.append(("unexpected result", throwing, result))

    threads = [threading.Thread(target=work, args=(n % 2 == 0,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
