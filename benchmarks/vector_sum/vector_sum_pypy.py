"""The PyPy side of the vector-sum benchmark: one std::vector<double> of N
elements (bench::ramp, made in C++) summed from Python by iteration, by
indexing, through its buffer and over data(); a Python list of the same
floats summed; and C++'s bench::sum called once. Best of ROUNDS each, after
warm-up rounds that let the JIT compile every loop.

    pypy3 vector_sum_pypy.py libVectorSumDict.so N ROUNDS
prints one line per route: "<route> <best ns per element> <sum>".
"""
import array
import sys
import time

import cppyy


def by_iteration(vector):
    total = 0.0
    for x in vector:
        total += x
    return total


def by_index(vector):
    total = 0.0
    for i in range(len(vector)):
        total += vector[i]
    return total


def buffer_sum(vector):
    return sum(memoryview(vector))


def buffer_copy_sum(vector):
    return sum(array.array("d", memoryview(vector)))  # one copy through the buffer


def data_loop(vector):
    total = 0.0
    for x in vector.data():  # an array over the elements, no copy
        total += x
    return total


def cpp_sum(vector):
    return cppyy.gbl.bench.sum(vector)


def list_loop(values):
    total = 0.0
    for x in values:
        total += x
    return total


def list_sum(values):
    return sum(values)


ROUTES = [("iterate", by_iteration, "vector"), ("index", by_index, "vector"),
          ("buffer_sum", buffer_sum, "vector"), ("buffer_copy", buffer_copy_sum, "vector"),
          ("data_loop", data_loop, "vector"),
          ("cpp_call", cpp_sum, "vector"), ("list_loop", list_loop, "list"), ("list_sum", list_sum, "list")]


def main():
    dictionary, n, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    cppyy.load_reflection_info(dictionary)
    subjects = {"vector": cppyy.gbl.bench.ramp(n)}
    subjects["list"] = [float(i) for i in range(n)]
    for name, route, subject in ROUTES:
        data = subjects[subject]
        for _ in range(3):  # warm-up: the JIT traces the loop
            route(data)
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            total = route(data)
            best = min(best, time.perf_counter() - start)
        print("%s %.4f %.1f" % (name, best / n * 1e9, total))


if __name__ == "__main__":
    main()
