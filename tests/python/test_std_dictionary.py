"""The standard dictionary: std containers, strings, streams with no dictionary of the user's.

Each session runs in a fresh interpreter (the one running the tests, with its
client) and no catalog of the user's, so that what it finds comes from the
standard catalog the build put beside libdictloader.so
(<libdir>/dictloader/std.catalog), asked last and only when a name is missing.
"""
import os

import pytest


@pytest.fixture
def run_session(run_pypy, tmp_path):
    """Runs code in a fresh interpreter with no user catalog (no default one either)."""
    def run(code, **settings):
        env = dict(os.environ)
        env.pop("DICTLOADER_CATALOG", None)
        env["XDG_DATA_HOME"] = str(tmp_path / "no-default")
        env.update(settings)
        result = run_pypy(code, env=env)
        assert result.returncode == 0, "exit %d\n%s\n%s" % (result.returncode, result.stdout, result.stderr)
        return result.stdout
    return run


LOADED = '''
def std_loaded():
    with open("/proc/self/maps") as maps:
        return sorted({line.split("/")[-1].strip() for line in maps if "/libStd_" in line})
'''


def test_containers_without_a_dictionary_of_the_users(run_session):
    out = run_session(LOADED + '''
import cppyy
from cppyy.gbl import std
print("at start", std_loaded())
v = std.vector[int]()
for i in (3, 1, 4):
    v.push_back(i)
print("vector", list(v), len(v), v[2])
names = std.vector['std::string']()
names.push_back("aap")
names.push_back("noot")
print("strings", list(names))
floats = std.list['double']()
floats.push_back(2.5)
print("list", list(floats))
counts = std.map['std::string', int]()
counts["a"] = 1
counts["b"] = 2
print("map", sorted((k, counts[k]) for k in ("a", "b")), len(counts))
lookup = std.unordered_map[int, 'std::string']()
lookup[7] = "seven"
print("unordered_map", lookup[7])
pair = std.pair[int, 'double'](3, 0.5)
print("pair", pair.first, pair.second)
z = std.complex['double'](1.0, 2.0)
part = lambda value: value() if callable(value) else value  # raw _cppyy makes them properties
print("complex", part(z.real), part(z.imag))
print("loaded", std_loaded())
''')
    lines = dict(line.split(" ", 1) for line in out.splitlines())
    assert lines["at"] == "start []", "nothing of the standard dictionary is loaded before a name needs it"
    assert lines["vector"] == "[3, 1, 4] 3 4"
    assert lines["strings"] == "['aap', 'noot']"
    assert lines["list"] == "[2.5]"
    assert lines["map"] == "[('a', 1), ('b', 2)] 2"
    assert lines["unordered_map"] == "seven"
    assert lines["pair"] == "3 0.5"
    assert lines["complex"] == "1.0 2.0"
    assert lines["loaded"] == "['libStd_mapsDict.so', 'libStd_sequencesDict.so']"


def test_is_template_answers_from_the_standard_catalog(run_session):
    out = run_session('''
import cppyy
from cppyy.gbl import std
print("template", "template" in repr(std.vector).lower())
print("same", std.vector[int] is std.vector['int'])
''')
    assert "template True" in out
    assert "same True" in out


def test_streams_reach_cpp(run_session):
    out = run_session('''
import cppyy
from cppyy.gbl import std
std.cout.write("written by std::cout\\n", 21)
std.cout.flush()
s = std.ostringstream()
s.write("abc", 3)
print("ostringstream", s.str())
print("cerr", type(std.cerr).__name__)
''')
    assert "written by std::cout\n" in out
    assert "ostringstream abc" in out
    assert "cerr ostream" in out or "cerr std::ostream" in out


def test_startup_loads_none_of_it(run_session, variant_dictionary):
    out = run_session(LOADED + '''
import sys
import cppyy
cppyy.load_reflection_info(sys.argv[1] if len(sys.argv) > 1 else %r)
gadgets = [cppyy.gbl.MyClass(i) for i in range(3)] if hasattr(cppyy.gbl, "MyClass") else []
print("loaded", std_loaded())
''' % variant_dictionary)
    assert "loaded []" in out


def test_a_users_dictionary_reuses_the_standard_scope(run_session, library, variant):
    user = library("DeclaredAllDict.so" if variant == "methptrgetter" else "DeclaredStubDict.so")
    out = run_session('''
import cppyy
from cppyy.gbl import std
before = std.vector[int]
v = before()
v.push_back(5)
v.push_back(7)
cppyy.load_reflection_info(%r)
from cppyy.gbl import decl
print("sum", decl.Calc.sum(v))
print("same", std.vector[int] is before, type(decl.Calc.range(3)) is before)
''' % user)
    assert "sum 12" in out
    assert "same True True" in out


def test_the_users_dictionary_comes_first(run_session, library, variant):
    user = library("DeclaredAllDict.so" if variant == "methptrgetter" else "DeclaredStubDict.so")
    out = run_session('''
import cppyy
cppyy.load_reflection_info(%r)
from cppyy.gbl import std, decl
r = decl.Calc.range(4)
print("range", list(r), type(r) is std.vector[int])
with open("/proc/self/maps") as maps:
    print("standard", any("/libStd_" in line for line in maps))
f = std.vector['float']()
f.push_back(1.5)
print("float", list(f))
''' % user)
    assert "range [0, 1, 2, 3] True" in out
    assert "standard False" in out, "std::vector<int> came from the user's dictionary"
    assert "float [1.5]" in out


def test_it_can_be_turned_off(run_session):
    out = run_session('''
from cppyy.gbl import std
try:
    std.vector[int]
    print("found")
except (TypeError, AttributeError) as e:
    print("missing", type(e).__name__)
''', DICTLOADER_STD_CATALOG="")
    assert "missing" in out


def test_a_template_called_with_types_or_values(run_session):
    import cppyy
    if cppyy._CLIENT == "_cppyy":
        pytest.skip("raw _cppyy's templates are its own (std.vector(int) is _cppyy's)")
    out = run_session('''
import cppyy
from cppyy.gbl import std
print("types", std.vector(int) is std.vector[int], std.map('std::string', int) is std.map['std::string', int])
for made in (std.vector([1.0, 2.0]), std.list([1, 2]), std.set([3, 1]), std.deque(["a", "b"])):
    print(type(made).__cpp_name__, [str(x) if isinstance(x, std.string) else x for x in made])
counts = std.map({"a": 1})
print(type(counts).__cpp_name__, counts["a"])
for wrong in ([], [1, "a"]):
    try:
        std.vector(wrong)
    except TypeError as e:
        print("error", e)
''')
    assert "types True True" in out
    assert "std::vector<double> [1.0, 2.0]" in out
    assert "std::list<int> [1, 2]" in out
    assert "std::set<int> [1, 3]" in out
    assert "std::deque<std::string> ['a', 'b']" in out
    assert "std::map<std::string,int> 1" in out
    assert "error vector(): cannot deduce the template arguments from no values" in out
    assert "error vector(): cannot deduce one C++ type from values of types int, str" in out


def test_sequences_fill_and_test_as_cppyys(gbl):
    import cppyy
    if cppyy._CLIENT == "_cppyy":
        pytest.skip("raw _cppyy's containers are pythonized by _cppyy itself")
    std = gbl.std

    class Sequence(object):  # has only __len__ and __getitem__
        def __init__(self, items):
            self.items = items

        def __len__(self):
            return len(self.items)

        def __getitem__(self, index):
            return self.items[index]

    for kind in (std.vector, std.list, std.deque):
        filled = kind[int]()
        assert not filled  # false when empty
        filled += range(3)
        assert filled and list(filled) == [0, 1, 2]
        assert list(kind[int](Sequence([7, 8]))) == [7, 8]
        assert list(kind[int](x * x for x in range(3))) == [0, 1, 4]
        assert list(kind[int](filled)) == [0, 1, 2]  # the copy constructor, not item by item
        with pytest.raises(TypeError):
            filled += 5
    counts = std.map[int, int]()
    assert not counts
    counts[1] = 2
    assert counts


def test_strings_keep_nul_characters_and_have_npos(gbl):
    import cppyy
    if cppyy._CLIENT == "_cppyy":
        pytest.skip("raw _cppyy's std::string is pythonized by _cppyy itself")
    text = gbl.std.string("ab\0c")
    assert text == "ab\0c" and str(text) == "ab\0c" and len(text) == 4
    assert repr(text) == repr(b"ab\0c")  # as cppyy's
    npos = gbl.std.string.npos
    assert npos == 2 ** 64 - 1 and npos == -1 and npos != 0  # as cppyy's: also -1
