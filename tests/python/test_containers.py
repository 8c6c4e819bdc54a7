"""C++ containers through `import cppyy` on PyPy: iteration over begin()/end()
with the iterator classes genreflex describes, std::map and std::unordered_map
as Python mappings, std::set as a set (pyshim/cppyy/_pypy_containers.py), on
the dictionary of tests/genreflex/data/templates.h. One pypy3 process runs the
session and reports what it saw; the tests below check it."""
import json

import pytest

SESSION = r'''
import gc, json
import cppyy
cppyy.load_reflection_info("./libTemplatesDict.so")
std, tmpl = cppyy.gbl.std, cppyy.gbl.tmpl
out = {}

def raises(error, call):
    try:
        call()
    except error as e:
        return str(e)
    return None

# std::map<std::string,int>
m = tmpl.ages()
out["map_class"] = std.map["std::string", int] is type(m)
out["keys"] = list(m)
out["key_types"] = sorted(set(type(k).__name__ for k in m))
out["items"] = list(m.items())
out["values"] = list(m.values())
out["len"] = len(m), len(m.keys()), len(m.items())
out["lookup"] = m["bob"], m.get("bob"), m.get("nobody", -1)
out["missing"] = raises(KeyError, lambda: m["nobody"]), len(m), tmpl.joined(m)
out["contains"] = "bob" in m, "nobody" in m, 5 in m
# C++'s own checked lookups raise (PyPy read through the null result of a failed call before)
out["cpp_at"] = "map::at" in raises(Exception, lambda: m.at("nobody")), \
    "_M_range_check" in raises(Exception, lambda: tmpl.Store().counts(2).at(5))
m["zed"] = 99
m["bob"] = 26
out["assigned"] = tmpl.joined(m), len(m)
del m["alice"]
out["deleted"] = list(m), raises(KeyError, lambda: m.__delitem__("alice"))
out["dict"] = dict(m.items())
out["total"] = tmpl.Store().total(m)  # a const std::map<std::string,int>& argument

# the iterator objects themselves
it, end = m.begin(), m.end()
out["iterator_class"] = type(it).__cpp_name__
out["iterator_compare"] = it == m.begin(), it != end, it == end
key, value = it.__deref__()  # std::pair unpacks
steps = 0
while it != end:
    it.__preinc__()
    steps += 1
out["iterator_walk"] = [key, value], steps, it == end

# std::map<int, tmpl::Label>: values are objects
labels = tmpl.labels()
out["labels"] = [(k, v.text, v.twice()) for k, v in labels.items()]
out["label"] = labels[2].text, labels[3].weight
out["label_missing"] = raises(KeyError, lambda: labels[7])
out["label_assign"] = raises(TypeError, lambda: labels.__setitem__(4, labels[1])), tmpl.joinedLabels(labels)

# std::map<std::string,std::string>: values assigned through std::string's operator=
capitals = tmpl.capitals()
capitals["Italy"] = "Rome"
capitals["France"] = "Lyon"
out["capitals"] = dict(capitals.items()), capitals["Italy"]

# std::set<int>
primes = tmpl.primes()
out["set"] = list(primes), len(primes), 5 in primes, 4 in primes, "five" in primes

# std::unordered_map<std::string,double>
prices = tmpl.prices()
prices["cake"] = 4.0
out["unordered"] = sorted(prices.items()), prices["tea"], raises(KeyError, lambda: prices["pie"])

# a container of the headers' own, whose iterators count themselves
shelf = tmpl.shelf(5)
out["shelf"] = list(shelf), sum(shelf)
out["live_after_full"] = tmpl.countedIterators()
for x in shelf:
    if x > 1:
        break
gc.collect()  # an abandoned generator is closed by the collector
out["live_after_break"] = tmpl.countedIterators()
for _ in range(20000):
    for x in shelf:
        pass
out["live_after_many"] = tmpl.countedIterators()
print(json.dumps(out))
'''


@pytest.fixture(scope="module")
def seen(run_pypy, dict_dir):
    result = run_pypy(SESSION, cwd=dict_dir)
    assert result.returncode == 0, "exit %d\n%s\n%s" % (result.returncode, result.stdout, result.stderr)
    return json.loads(result.stdout.splitlines()[-1])


def test_a_map_iterates_its_keys_in_cpp_order_as_str(seen):
    assert seen["map_class"] is True
    assert seen["keys"] == ["alice", "bob", "carol"]
    assert seen["key_types"] == ["str"]
    assert seen["items"] == [["alice", 30], ["bob", 25], ["carol", 35]]
    assert seen["values"] == [30, 25, 35]
    assert seen["len"] == [3, 3, 3]


def test_a_missing_key_raises_keyerror_and_inserts_nothing(seen):
    assert seen["lookup"] == [25, 25, -1]
    assert seen["missing"] == ["'nobody'", 3, "alice=30;bob=25;carol=35;"]
    assert seen["contains"] == [True, False, False]
    assert seen["cpp_at"] == [True, True]


def test_assignment_and_deletion_reach_cpp(seen):
    assert seen["assigned"] == ["alice=30;bob=26;carol=35;zed=99;", 4]
    assert seen["deleted"] == [["bob", "carol", "zed"], "'alice'"]
    assert seen["dict"] == {"bob": 26, "carol": 35, "zed": 99}
    assert seen["total"] == 26 + 35 + 99


def test_iterators_compare_with_the_operators_cpp_finds(seen):
    assert seen["iterator_class"] == "std::_Rb_tree_iterator<std::pair<const std::string,int>>"
    assert seen["iterator_compare"] == [True, True, False]
    assert seen["iterator_walk"] == [["bob", 26], 3, True]


def test_a_map_of_objects(seen):
    assert seen["labels"] == [[1, "one", 20], [2, "two", 40], [3, "three", 60]]
    assert seen["label"] == ["two", 30]
    assert seen["label_missing"] == "7"
    message, after = seen["label_assign"]
    assert "tmpl::Label has no operator=" in message
    assert after == "1=one;2=two;3=three;"  # the failed assignment left no default entry


def test_a_map_of_strings_assigns_through_operator_assign(seen):
    assert seen["capitals"] == [{"France": "Lyon", "Italy": "Rome"}, "Rome"]


def test_a_set_iterates_in_order_and_answers_in(seen):
    assert seen["set"] == [[2, 3, 5, 7], 4, True, False, False]


def test_an_unordered_map_is_a_mapping_too(seen):
    assert seen["unordered"] == [[["cake", 4.0], ["tea", 2.5]], 2.5, "'pie'"]


def test_iteration_leaves_no_cpp_iterator_alive(seen):
    assert seen["shelf"] == [[0.0, 0.5, 1.0, 1.5, 2.0], 5.0]
    assert seen["live_after_full"] == 0
    assert seen["live_after_break"] == 0
    assert seen["live_after_many"] == 0
