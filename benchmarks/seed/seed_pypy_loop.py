"""The PyPy side of the seed benchmark: the seed's calls in a JIT-compiled loop.

    pypy3 seed_pypy_loop.py [--cffi] [--class NAME] libMyClassDict.so ITERATIONS

prints "MyFunc <ns> AddInt <ns> Sum <ns>" (best of 5 rounds). With --cffi the
same fast-path functions are called through cffi instead of cppyy: the
reference for what any PyPy binding can reach on this machine. NAME is the
class (MyClass unless given; MyClassLib has its methods out of line).
"""
import sys
import time

import cppyy


def best_ns_per_call(loop, obj, iterations):
    loop(obj, iterations // 10)  # warm up: let the JIT compile the loop
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        loop(obj, iterations)
        best = min(best, (time.perf_counter() - start) / iterations * 1e9)
    return best


def loop_myfunc(o, n):
    for _ in range(n):
        o.MyFunc()


def loop_addint(o, n):
    for _ in range(n):
        o.AddInt(1)


def loop_sum(o, n):
    for _ in range(n):
        o.Sum(1.0, 2.0)


# MyClassLib's methods by their linker names: the addresses its fast path must be.
OWN_SYMBOLS = {"MyFunc": "_ZN10MyClassLib6MyFuncEv", "AddInt": "_ZN10MyClassLib6AddIntEi",
               "Sum": "_ZN10MyClassLib3SumEdd"}


def own_symbol_addresses():
    import ctypes
    own = ctypes.CDLL("libMyClassLib.so")
    return {call: ctypes.cast(getattr(own, symbol), ctypes.c_void_p).value
            for call, symbol in OWN_SYMBOLS.items()}


def fast_path_addresses(class_name):
    """The addresses cppyy_function_address hands out for the three calls."""
    return {name: cppyy.fast_path_addresses(class_name, name)[0] for name in ("MyFunc", "AddInt", "Sum")}


def main():
    args = sys.argv[1:]
    use_cffi = args[0] == "--cffi"
    if use_cffi:
        args = args[1:]
    class_name = "MyClass"
    if args[0] == "--class":
        class_name, args = args[1], args[2:]
    dictionary, iterations = args[0], int(args[1])
    cppyy.load_reflection_info(dictionary)
    obj = getattr(cppyy.gbl, class_name)(1)
    if use_cffi:
        import cffi
        ffi = cffi.FFI()
        addresses = fast_path_addresses(class_name)
        raw = ffi.cast("void*", cppyy.addressof(obj))
        my_func = ffi.cast("int(*)(void*)", addresses["MyFunc"])
        add_int = ffi.cast("int(*)(void*, int)", addresses["AddInt"])
        sum_ = ffi.cast("double(*)(void*, double, double)", addresses["Sum"])

        def loop_myfunc(o, n):  # noqa: F811  (same names, cffi calls)
            for _ in range(n):
                my_func(o)

        def loop_addint(o, n):  # noqa: F811
            for _ in range(n):
                add_int(o, 1)

        def loop_sum(o, n):  # noqa: F811
            for _ in range(n):
                sum_(o, 1.0, 2.0)
        loops, target = (loop_myfunc, loop_addint, loop_sum), raw
    else:
        loops, target = (globals()["loop_myfunc"], globals()["loop_addint"], globals()["loop_sum"]), obj
        print("addresses", " ".join("%s %d" % kv for kv in sorted(fast_path_addresses(class_name).items())))
        if class_name == "MyClassLib":
            print("symbols", " ".join("%s %d" % kv for kv in sorted(own_symbol_addresses().items())))
    times = [best_ns_per_call(loop, target, iterations) for loop in loops]
    print("MyFunc %.3f AddInt %.3f Sum %.3f" % tuple(times))


if __name__ == "__main__":
    main()
