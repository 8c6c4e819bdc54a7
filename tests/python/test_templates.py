"""Class template instantiations through `import cppyy` (a first slice of
issue 6): the dictionary of tests/genreflex/data/templates.h describes the
instantiations its declarations use, and PyPy's _cppyy reaches them by the
names users write; its own std::vector pythonizations work over this backend
(iteration of vectors of non-builtins by index: pyshim/cppyy/_pypy_vectors.py). Runs in its own process: one process holds one dictionary
of a header."""

SESSION = r'''
import cppyy
cppyy.load_reflection_info("./libTemplatesDict.so")
std, tmpl = cppyy.gbl.std, cppyy.gbl.tmpl

Doubles = std.vector['double']
assert Doubles is std.vector['double']
v = Doubles()
for x in (1.5, 2.5, 4.0):
    v.push_back(x)
print("size", v.size())
print("item", v[1])
v[1] = 7.0
print("store", v[1], v.at(1))

Ints = getattr(std, 'vector<int>')
assert Ints is std.vector[int], (Ints, std.vector[int])
counts = tmpl.Store().counts(3)
assert type(counts) is Ints, type(counts)
print("counts", counts.size(), counts[0])

print("sum", tmpl.Store().sum(v))
pair = tmpl.Store().firstPair()
print("pair", pair.first, pair.second)
h = tmpl.Store().histogram()
print("hist", h.size(), h.bin(1), tmpl.Histogram['double', 4].capacity())
print("box", tmpl.Store().flag().describe())
# iteration, len, in, IndexError and construction from a list (PyPy's own
# pythonizations of std::vector, over this backend)
print("list", list(Doubles([1.0, 2.0])), len(v), 4.0 in v, 5.0 in v)
try:
    v[3]
except IndexError:
    print("indexerror yes")
print("grid", [list(row) for row in tmpl.Store().grid()])
print("names", list(tmpl.Store().names()))
print("stores", [type(s).__name__ for s in tmpl.twoStores()])
bits = tmpl.Store().bits()
bits[1] = True
try:
    bits[3]
except IndexError:
    print("bits", list(bits), bits[-1], "IndexError")
print("classarg", std.vector[tmpl.Store] is type(tmpl.twoStores()))
print("float", std.vector[float] is Doubles)  # a Python float is a C++ double, as in cppyy
try:
    std.vector['char16_t']  # in neither the user's dictionary nor the standard one
except TypeError as e:
    print("missing", e)
'''


def test_instantiations_reached_by_name(run_pypy, dict_dir):
    result = run_pypy(SESSION, cwd=dict_dir)
    assert result.returncode == 0, "exit %d\n%s\n%s" % (result.returncode, result.stdout, result.stderr)
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["size"] == "3"
    assert lines["item"] == "2.5"
    assert lines["store"] == "7.0 7.0"
    assert lines["counts"] == "3 7"
    assert lines["sum"] == "12.5"  # 1.5 + 7.0 + 4.0
    assert lines["pair"] == "3 0.25"
    assert lines["hist"] == "4 2.5 4"
    assert lines["box"] == "yes"
    assert lines["missing"] == ('std::vector<char16_t> is in no loaded dictionary: use it in a declaration of '
                                "the dictionary's headers, or add it with genreflex --instantiate "
                                '"std::vector<char16_t>"')
    assert lines["float"] == "True"
    assert lines["classarg"] == "True"
    assert lines["list"] == "[1.0, 2.0] 3 True False"
    assert lines["indexerror"] == "yes"
    assert lines["grid"] == "[[1.0], [2.0, 3.0]]"  # by index: _cppyy's own iterator cannot
    assert lines["names"] == "['ab', 'cd']"
    assert lines["stores"] == "['Store', 'Store']"
    assert lines["bits"] == "[True, True, True] True IndexError"  # no fatal RPython IndexError
