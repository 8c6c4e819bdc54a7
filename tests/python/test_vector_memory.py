"""The process's memory stays flat (issue 6, item 5): iterating a std::vector of
10^6 elements, and 10^6 calls returning a std::vector by value, leak nothing.

Each case runs in a fresh pypy3 and reads its resident set size from
/proc/self/statm after a warm-up and after the measured run, both taken after
gc.collect() (PyPy destroys the C++ objects it owns when it collects their
proxies) and malloc_trim(0) (so that freed C++ memory leaves the RSS). What
stays is PyPy's own heap at its high-water mark: a few MB between runs of the
same loop. A leak of one returned vector of 16 doubles per call would add
over 140 MB; of one element proxy per element, over 30 MB."""
import pytest

SCRIPT = r'''
import gc, os, sys
import _cffi_backend as cffi
import cppyy
cppyy.load_reflection_info(sys.argv[1])
vec = cppyy.gbl.vec
libc = cffi.load_library("libc.so.6")
malloc_trim = libc.load_function(cffi.new_function_type(
    (cffi.new_primitive_type("size_t"),), cffi.new_primitive_type("int"), False), "malloc_trim")
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb():
    for _ in range(3):
        gc.collect()  # a collection queues the owned proxies' destructors; they run after it
    malloc_trim(0)
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 2.0 ** 20


def returned_by_value(n):
    total = 0.0
    for i in range(n):
        total += vec.sixteen(1.0)[0]
    return total


def iterated(vector):
    total = 0.0
    for x in vector:
        total += x
    return total


def indexed(vector):
    total = 0.0
    for i in range(len(vector)):
        total += vector[i]
    return total


def through_buffer(vector):
    return sum(memoryview(vector))


def points_by_index(vector):
    total = 0.0
    for point in vector:  # by index: a proxy per element
        total += point.x
    return total


def lists_as_arguments(n):
    total = 0.0
    for i in range(n):
        total += vec.sum([1.0, 2.0, float(i)])
    return total


case = sys.argv[2]
if case == "by_value":
    run, expected = (lambda: returned_by_value(10 ** 6)), 10.0 ** 6
    warm_up = lambda: returned_by_value(10 ** 6)
elif case == "lists":
    run, expected = (lambda: lists_as_arguments(2 * 10 ** 5)), 3.0 * 2 * 10 ** 5 + (2 * 10 ** 5 - 1) * 10 ** 5
    warm_up = lambda: lists_as_arguments(2 * 10 ** 5)
else:
    big = vec.points(10 ** 6) if case == "points" else vec.ramp(10 ** 6)
    loop = {"iterate": iterated, "index": indexed, "buffer": through_buffer, "points": points_by_index}[case]
    run, expected = (lambda: loop(big)), (10 ** 6 - 1) * 10 ** 6 / 2.0
    warm_up = run
start = rss_mb()
warm_up()
warm = rss_mb()
results = [run() for _ in range(3 if case in ("iterate", "index", "buffer", "points") else 1)]
after = rss_mb()
assert all(result == expected for result in results), (results, expected)
print("rss %.1f %.1f %.1f" % (start, warm, after))
'''

# case: the bound on the growth after the warm-up, in MB.
CASES = {
    "by_value": 32.0,   # 10^6 calls of vec::sixteen(): a leaked vector each is > 140 MB
    "iterate": 8.0,     # _cppyy's iterator over 10^6 doubles, three times
    "index": 8.0,       # v[i] over 10^6 doubles, three times
    "buffer": 8.0,      # sum(memoryview(v)) over 10^6 doubles, three times
    "points": 16.0,     # a proxy per element over 10^6 structs, three times (> 30 MB if they leaked)
    "lists": 16.0,      # 2*10^5 calls with a list for const std::vector<double>& (> 30 MB if leaked)
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_memory_stays_flat(run_pypy, variant_dictionary, case):
    result = run_pypy(SCRIPT, variant_dictionary, case, flat_rss=True)
    assert result.returncode == 0, "exit %d\n%s\n%s" % (result.returncode, result.stdout, result.stderr)
    start, warm, after = map(float, result.stdout.split("rss ", 1)[1].split())
    growth = after - warm
    assert growth < CASES[case], "%s: RSS %.1f MB at start, %.1f after the warm-up, %.1f after the run " \
        "(+%.1f MB, bound %.0f)" % (case, start, warm, after, growth, CASES[case])
