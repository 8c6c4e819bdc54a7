"""C++ exceptions caught by their own type (dictionary ABI 1.7, data/exceptions_typed.h).

A C++ exception of a class a dictionary describes as an exception class
(derived from std::exception, or thrown by value by the headers' code; the
loader describes std::exception and the standard ones itself) reaches Python
as the Python class of the most derived such class that catches it: a
subclass of cppyy.CppException (so of Exception) and of the classes of its C++
bases, carrying a copy of the C++ object. Both entry kinds are tested: the
checked entries (the methptrgetter and stubs variants) and the stubs (the
nofastpath variants, and calls that leave a default argument to C++ in all of
them). PyPy's own _cppyy (CPPYY_CLIENT=_cppyy) raises its own Exception with
the what() text: test_raw_cppyy_raises_its_own_exception.
"""
import gc
import json
import os

import pytest


@pytest.fixture(scope="module")
def typed(cppyy, gbl):
    if cppyy._CLIENT == "_cppyy":
        pytest.skip("PyPy's _cppyy raises its own Exception (test_raw_cppyy_raises_its_own_exception)")
    return gbl.typed


def caught(call, *args):
    """The exception call(*args) raises (it must raise one)."""
    try:
        call(*args)
    except Exception as error:
        return error
    raise AssertionError("%s%r raised nothing" % (call, args))


def test_exception_classes_mirror_the_cpp_hierarchy(cppyy, typed):
    std = cppyy.gbl.std
    assert typed.MyError is typed.MyError
    for cls in (typed.MyError, typed.DerivedError, std.exception, std.out_of_range, typed.Problem,
                typed.AbstractError, typed.MoveOnlyError):
        assert issubclass(cls, Exception) and issubclass(cls, cppyy.CppException), cls
    assert issubclass(typed.MyError, std.runtime_error) and issubclass(typed.MyError, std.exception)
    assert issubclass(typed.DerivedError, typed.MyError)
    assert issubclass(std.out_of_range, std.logic_error) and not issubclass(std.out_of_range, std.runtime_error)
    assert issubclass(typed.ConcreteError, typed.AbstractError)
    assert not issubclass(typed.Problem, std.exception)  # thrown by value, derived from nothing
    assert not issubclass(typed.Thrower, BaseException)  # no exception class: a plain class proxy
    assert typed.MyError.__name__ == "MyError"
    assert typed.MyError.__cpp_name__ == "typed::MyError"
    assert typed.MyError.__module__ == "cppyy.gbl.typed"
    assert std.runtime_error.__module__ == "cppyy.gbl.std"


@pytest.mark.parametrize("handler", ["own", "runtime_error", "exception", "CppException", "Exception"])
def test_an_exception_is_caught_by_its_class_and_its_bases(cppyy, typed, handler):
    catch = {"own": typed.MyError, "runtime_error": cppyy.gbl.std.runtime_error,
             "exception": cppyy.gbl.std.exception, "CppException": cppyy.CppException,
             "Exception": Exception}[handler]
    try:
        typed.throwMyError("boom", 7)
    except catch as error:
        assert type(error) is typed.MyError
        assert error.what() == "boom" and str(error) == "boom"
        assert error.code() == 7
        assert error.detail == "none"  # a data member of the C++ object
    else:
        raise AssertionError("nothing raised")


def test_a_derived_exception_is_caught_as_its_base_and_keeps_its_class(typed):
    with pytest.raises(typed.MyError) as info:
        typed.throwDerived("deeper", 8)
    error = info.value
    assert type(error) is typed.DerivedError
    assert (error.what(), error.code(), error.extra()) == ("deeper", 8, "more")
    assert {"what", "code", "extra", "detail", "with_traceback"} <= set(dir(error))


def test_a_class_no_dictionary_describes_arrives_as_its_nearest_described_base(typed):
    error = caught(typed.throwHidden, 5)  # a class local to the function, derived from MyError
    assert type(error) is typed.MyError
    assert (str(error), error.code()) == ("hidden", 5)


def test_a_class_that_cannot_be_copied_arrives_as_a_base_that_can(cppyy, typed):
    error = caught(typed.throwMoveOnly)
    assert type(error) is cppyy.gbl.std.logic_error
    assert str(error) == "move only"


def test_an_abstract_exception_class_catches_its_derived_classes(typed):
    with pytest.raises(typed.AbstractError) as info:
        typed.throwConcrete(3)
    assert type(info.value) is typed.ConcreteError
    assert info.value.severity() == 3 and str(info.value) == "concrete"


def test_a_class_thrown_by_value_is_an_exception_class(cppyy, typed):
    with pytest.raises(typed.Problem) as info:
        typed.throwProblem(4)
    assert (info.value.code, info.value.where) == (4, "throwProblem")
    assert not isinstance(info.value, cppyy.gbl.std.exception)


def test_standard_exceptions_are_described_by_the_loader(cppyy, typed):
    std = cppyy.gbl.std
    with pytest.raises(std.out_of_range) as info:
        typed.outOfRange(9)
    assert type(info.value) is std.out_of_range and isinstance(info.value, std.logic_error)
    assert "9" in info.value.what()
    with pytest.raises(std.runtime_error, match="plain") as info:
        typed.throwRuntime("plain")
    assert type(info.value) is std.runtime_error


def test_an_exception_of_no_class_stays_generic(cppyy, typed):
    error = caught(typed.throwInt)
    assert type(error) is cppyy.CppException
    assert str(error) == "unknown C++ exception"


def test_both_entry_kinds_give_the_class(typed):
    # leaving the default (not a literal) to C++ takes the stub in every variant
    stub = caught(typed.throwWithDefault, 3)
    direct = caught(typed.throwWithDefault, 3, "given")
    assert type(stub) is type(direct) is typed.MyError
    assert (str(stub), stub.code(), str(direct), direct.code()) == ("by default", 3, "given", 3)
    assert typed.throwWithDefault(0) == 0


def test_constructors_and_methods_raise_classes_too(cppyy, typed):
    with pytest.raises(cppyy.gbl.std.invalid_argument, match="negative limit"):
        typed.Thrower(-1)
    thrower = typed.Thrower(5)
    assert thrower.check(4) == 4
    with pytest.raises(typed.DerivedError) as info:
        thrower.check(9)
    assert (info.value.code(), info.value.extra()) == (9, "limit 5")


def test_an_exception_made_in_python_is_raised_and_passed_to_cpp(cppyy, typed):
    made = typed.MyError("made", 2)
    assert isinstance(made, Exception) and isinstance(made, cppyy.gbl.std.exception)
    assert (made.what(), made.code(), str(made)) == ("made", 2, "made")
    with pytest.raises(cppyy.gbl.std.runtime_error) as info:
        raise made
    assert info.value is made
    assert typed.describe(made) == "described: made"  # const std::exception&
    assert typed.codeOf(made) == 2
    made.detail = "changed"  # the C++ object's data member
    assert made.detail == "changed" and "detail" not in made.__dict__
    with pytest.raises(TypeError):
        typed.AbstractError()  # abstract: C++ cannot make one


def test_a_result_of_an_exception_class_is_its_object(typed):
    value = typed.makeError("value", 5)
    assert isinstance(value, typed.MyError)  # an instance of the class, though no Python exception
    assert not isinstance(value, BaseException)
    assert (value.what(), value.code()) == ("value", 5)
    assert typed.codeOf(value) == 5


def test_caught_exceptions_are_freed(typed):
    gc.collect()
    live = typed.liveErrors()
    for i in range(50):
        for call, args in ((typed.throwMyError, ("again", i)), (typed.throwWithDefault, (i + 1,)),
                           (typed.throwDerived, ("d", i)), (typed.throwHidden, (i,))):
            try:
                call(*args)
            except typed.MyError as error:
                assert error.code() == (i + 1 if call is typed.throwWithDefault else i)
        made = typed.MyError("made", i)
        try:
            raise made
        except typed.MyError:
            pass
        del made
    gc.collect()
    assert typed.liveErrors() == live


LEGACY_SESSION = r'''
import json, sys
import cppyy
cppyy.load_reflection_info(sys.argv[1])
typed = cppyy.gbl.typed
facts = {}
for name, call in (("entry", lambda: typed.throwMyError("old", 1)), ("stub", lambda: typed.throwWithDefault(2)),
                   ("standard", lambda: typed.outOfRange(7))):
    try:
        call()
    except cppyy.CppException as error:
        facts[name] = [type(error).__name__, type(error) is cppyy.CppException, str(error)]
facts["made"] = typed.MyError("made", 3).code()  # an exception class all the same (std::runtime_error's)
print(json.dumps(facts))
'''


def test_a_dictionary_of_abi_1_6_gives_the_generic_exception(typed, run_pypy, library, variant):
    if variant == "stubs":
        pytest.skip("runs its own dictionary in a subprocess: the other variants do")
    result = run_pypy(LEGACY_SESSION, library("libTypedExceptions16Dict.so"), env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["entry"] == ["CppException", True, "old"]
    assert facts["stub"] == ["CppException", True, "by default"]
    assert facts["standard"][:2] == ["CppException", True]
    assert facts["made"] == 3


def test_raw_cppyy_raises_its_own_exception(cppyy, gbl):
    """PyPy 7.3.11's _cppyy raises its own Exception with the what() text:
    the C API has no way to give it the class."""
    with pytest.raises(Exception) as info:
        gbl.typed.throwMyError("boom", 7)
    assert type(info.value) is cppyy.CppException is Exception
    assert "boom" in str(info.value)
