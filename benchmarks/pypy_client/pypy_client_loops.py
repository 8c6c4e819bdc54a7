"""The PyPy side of the PyPy client's benchmark: one measurement per run.

    pypy3 pypy_client_loops.py WHAT MODE [options]

WHAT: seed (MyFunc/AddInt/Sum on MyClass or MyClassLib), objects (a result by
value per call: Vec3, whose destructor has no effect, or Label, whose
destructor frees memory), candle (the candle's inner loop: PseudoJets made
and pushed into a std::vector, then a dijet mass from two HepLorentzVectors),
check (the client's results and exceptions, asserted).
MODE: cppyy (`import cppyy`: the client CPPYY_CLIENT names, the package's own
over _cffi_backend or PyPy's _cppyy), cffi (cffi calling the same C++
functions with nothing around them: the floor; floor_functions.cpp).
Prints "name ns" pairs: best of 5 rounds, ns per call (per particle for candle).
"""
import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def best_ns(loop, target, iterations, per=1):
    loop(target, iterations // 10)  # the JIT compiles the loop
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        loop(target, iterations)
        best = min(best, (time.perf_counter() - start) / (iterations * per) * 1e9)
    return best


# --- the loops, the same Python for every mode --------------------------------
# The seed's calls: the seed benchmark's own loops (benchmarks/seed/seed_pypy_loop.py).
sys.path.insert(0, os.path.join(HERE, "..", "seed"))
from seed_pypy_loop import loop_addint, loop_myfunc, loop_sum  # noqa: E402


def _loop_calling(name):
    """for i in range(n): v = f.<name>(1.5) -- one result by value per call."""
    source = ("def loop(f, n):\n  total = 0.0\n  for i in range(n):\n    v = f.%s(1.5)\n    total += 1.0\n"
              "  return total\n" % name)
    namespace = {}
    exec(source, namespace)
    return namespace["loop"]


loop_vec, loop_label = _loop_calling("vec"), _loop_calling("label")
PARTICLES = 100


def candle_loop(api):
    PseudoJet, HepLorentzVector = api["PseudoJet"], api["HepLorentzVector"]
    momenta = [(1.0 + i, 2.0 + i, 3.0 + i, 10.0 + 2 * i) for i in range(PARTICLES)]

    def loop(particles, n):
        mass = 0.0
        for _ in range(n):
            particles.clear()
            for px, py, pz, e in momenta:
                particles.push_back(PseudoJet(px, py, pz, e))
            first = HepLorentzVector(1.0, 2.0, 3.0, 10.0)
            second = HepLorentzVector(-1.0, 2.5, 0.5, 8.0)
            mass += (first + second).m()
        return mass
    return loop


# --- the modes ------------------------------------------------------------------
def cppyy_api(dictionaries):
    import cppyy
    for dictionary in dictionaries:
        cppyy.load_reflection_info(dictionary)
    gbl = cppyy.gbl
    api = {"MyClass": gbl.MyClass, "MyClassLib": gbl.MyClassLib, "Factory": gbl.objects.Factory}
    if hasattr(gbl, "fastjet"):
        api.update(PseudoJet=gbl.fastjet.PseudoJet, HepLorentzVector=gbl.CLHEP.HepLorentzVector,
                   Jets=gbl.std.vector[gbl.fastjet.PseudoJet])
    return api


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("seed", "objects", "candle", "check"))
    parser.add_argument("mode", choices=("cppyy", "cffi"))
    parser.add_argument("--floor", required=True, help="libPyPyClientFloor.so (floor_functions.cpp)")
    parser.add_argument("--dictionary", action="append", default=[])
    parser.add_argument("--myclasslib", help="libMyClassLib.so (its own symbols: the floor)")
    parser.add_argument("--class", dest="class_name", default="MyClass")
    parser.add_argument("--iterations", type=int, default=10000000)
    args = parser.parse_args()

    if args.what == "check":
        return check(args)
    if args.mode == "cffi":
        return measure_cffi(args)
    api = cppyy_api(args.dictionary)
    if args.what == "seed":
        obj = api[args.class_name](1)
        times = [best_ns(loop, obj, args.iterations) for loop in (loop_myfunc, loop_addint, loop_sum)]
        print("MyFunc %.3f AddInt %.3f Sum %.3f" % tuple(times))
    elif args.what == "objects":
        factory = api["Factory"]()
        n = args.iterations
        print("vec %.3f label %.3f" % (best_ns(loop_vec, factory, n), best_ns(loop_label, factory, n)))
    else:
        particles = api["Jets"]()
        loop = candle_loop(api)
        print("particle %.3f" % best_ns(loop, particles, args.iterations // PARTICLES, PARTICLES))


def measure_cffi(args):
    """The floor: cffi calls of the same functions, nothing around them."""
    import _cffi_backend as _cffi
    ffi = _cffi.FFI()
    lib = _cffi.load_library(args.floor, _cffi.RTLD_NOW)

    def function(library, name, ctype):
        return library.load_function(ffi.typeof(ctype), name)
    if args.what == "seed":
        obj = ffi.new("char[16]")
        if args.class_name == "MyClassLib":
            own = _cffi.load_library(args.myclasslib, _cffi.RTLD_NOW)
            symbols = {"MyFunc": "_ZN10MyClassLib6MyFuncEv", "AddInt": "_ZN10MyClassLib6AddIntEi",
                       "Sum": "_ZN10MyClassLib3SumEdd"}
            function(own, "_ZN10MyClassLibC1Ei", "void(*)(void*, int)")(obj, 1)
        else:
            own = lib
            symbols = {"MyFunc": "floor_MyClass_MyFunc", "AddInt": "floor_MyClass_AddInt", "Sum": "floor_MyClass_Sum"}
            function(lib, "floor_MyClass_new", "void(*)(void*, int)")(obj, 1)
        my_func = function(own, symbols["MyFunc"], "int(*)(void*)")
        add_int = function(own, symbols["AddInt"], "int(*)(void*, int)")
        sum_ = function(own, symbols["Sum"], "double(*)(void*, double, double)")

        def l1(o, n):
            for _ in range(n):
                my_func(o)

        def l2(o, n):
            for _ in range(n):
                add_int(o, 1)

        def l3(o, n):
            for _ in range(n):
                sum_(o, 1.0, 2.0)
        times = [best_ns(loop, obj, args.iterations) for loop in (l1, l2, l3)]
        print("MyFunc %.3f AddInt %.3f Sum %.3f" % tuple(times))
    elif args.what == "objects":
        vec = function(lib, "floor_Factory_vec", "void(*)(void*, void*, double)")
        label = function(lib, "floor_Factory_label", "void(*)(void*, void*, double)")
        allocate = function(lib, "floor_Label_allocate", "void*(*)(void)")
        destroy = function(lib, "floor_Label_destroy", "void(*)(void*)")
        storage = ffi.typeof("char[24]")
        factory = ffi.new("char[1]")
        newp, gc = ffi.new, ffi.gc

        def lv(f, n):
            for _ in range(n):
                out = newp(storage)
                vec(f, out, 1.5)

        def ll(f, n):
            for _ in range(n):
                out = allocate()
                label(f, out, 1.5)
                out = gc(out, destroy)
        print("vec %.3f label %.3f" % (best_ns(lv, factory, args.iterations), best_ns(ll, factory, args.iterations)))
    else:
        new_jet = function(lib, "floor_PseudoJet_new", "void(*)(void*, double, double, double, double)")
        allocate = function(lib, "floor_PseudoJet_allocate", "void*(*)(void)")
        destroy = function(lib, "floor_PseudoJet_destroy", "void(*)(void*)")
        push_back = function(lib, "floor_Jets_push_back", "void(*)(void*, void*)")
        clear = function(lib, "floor_Jets_clear", "void(*)(void*)")
        new_hlv = function(lib, "floor_Lorentz_new", "void(*)(void*, double, double, double, double)")
        add = function(lib, "floor_Lorentz_add", "void(*)(void*, void*, void*)")
        mass = function(lib, "floor_Lorentz_m", "double(*)(void*)")
        particles = ffi.new("char[24]")
        function(lib, "floor_Jets_new", "void(*)(void*)")(particles)
        momenta = [(1.0 + i, 2.0 + i, 3.0 + i, 10.0 + 2 * i) for i in range(PARTICLES)]
        storage = ffi.typeof("char[32]")
        newp, gc = ffi.new, ffi.gc

        def loop(particles, n):
            total = 0.0
            for _ in range(n):
                clear(particles)
                for px, py, pz, e in momenta:
                    jet = allocate()
                    new_jet(jet, px, py, pz, e)
                    jet = gc(jet, destroy)
                    push_back(particles, jet)
                first, second, summed = newp(storage), newp(storage), newp(storage)
                new_hlv(first, 1.0, 2.0, 3.0, 10.0)
                new_hlv(second, -1.0, 2.5, 0.5, 8.0)
                add(first, summed, second)
                total += mass(summed)
            return total
        print("particle %.3f" % best_ns(loop, particles, args.iterations // PARTICLES, PARTICLES))


def check(args):
    """`import cppyy` gives C++'s results and keeps exceptions: asserted, not timed."""
    import cppyy
    api = cppyy_api(args.dictionary)
    o = api["MyClass"](7)
    assert (o.MyFunc(), o.AddInt(2), o.Sum(1.0, 2.5)) == (7, 9, 3.5)
    assert o.CheckedDivide(2) == 3
    try:
        o.CheckedDivide(0)
    except Exception as error:
        assert "division by zero" in str(error), error
    else:
        raise AssertionError("no exception")
    lib_obj = api["MyClassLib"](5)
    assert (lib_obj.MyFunc(), lib_obj.AddInt(1)) == (5, 6)
    f = api["Factory"]()
    assert f.vec(2.0).x == 2.0 and f.label(3.0).weight == 3.0
    if "HepLorentzVector" in api:
        first = api["HepLorentzVector"](1.0, 2.0, 3.0, 10.0)
        second = api["HepLorentzVector"](-1.0, 2.5, 0.5, 8.0)
        expected = ((10.0 + 8.0) ** 2 - 0.0 ** 2 - 4.5 ** 2 - 3.5 ** 2) ** 0.5
        assert abs((first + second).m() - expected) < 1e-12, (first + second).m()
        jets = api["Jets"]()
        for i in range(10):
            jets.push_back(api["PseudoJet"](1.0, 2.0, 3.0, 10.0 + i))
        assert jets.size() == 10
    print("check ok (%s)" % cppyy._CLIENT)


if __name__ == "__main__":
    main()
