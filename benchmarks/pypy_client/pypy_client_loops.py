"""The PyPy side of the client prototype's benchmark: one measurement per run.

    pypy3 pypy_client_loops.py WHAT MODE [options]

WHAT: seed (MyFunc/AddInt/Sum on MyClass or MyClassLib), objects (a result by
value per call: Vec3, whose destructor has no effect, or Label, whose
destructor frees memory), candle (the candle's inner loop: PseudoJets made
and pushed into a std::vector, then a dijet mass from two HepLorentzVectors).
MODE: client (the prototype over _cffi_backend), cppyy (import cppyy over
PyPy's _cppyy), cffi (cffi calling the same C++ functions with nothing
around them: the floor).
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
def loop_myfunc(o, n):
    for _ in range(n):
        o.MyFunc()


def loop_addint(o, n):
    for _ in range(n):
        o.AddInt(1)


def loop_sum(o, n):
    for _ in range(n):
        o.Sum(1.0, 2.0)


def loop_vec(f, n):
    total = 0.0
    for i in range(n):
        v = f.vec(1.5)
        total += 1.0
    return total


loop_label = None  # made below: the same loop calling label()


def _loop_calling(name):
    source = ("def loop(f, n):\n  total = 0.0\n  for i in range(n):\n    v = f.%s(1.5)\n    total += 1.0\n"
              "  return total\n" % name)
    namespace = {}
    exec(source, namespace)
    return namespace["loop"]


loop_label = _loop_calling("label")
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


# --- the three modes ------------------------------------------------------------
def client_api(entries):
    import prototype_client as pc
    lib = pc._cffi.load_library(entries, pc._cffi.RTLD_NOW | pc._cffi.RTLD_GLOBAL)
    errors = pc.ErrorBlocks()
    api = {}
    MyClass = pc.make_class("MyClass", lib, 16, False, "proto_MyClass")  # virtual ~MyClass() {}: no effect
    MyClass.__new__ = staticmethod(pc.make_constructor(MyClass, lib, "proto_MyClass_new", "vi", errors))
    MyClass.MyFunc = pc.make_method(lib, "proto_MyClass_MyFunc", "i", "plain", errors)
    MyClass.AddInt = pc.make_method(lib, "proto_MyClass_AddInt", "ii", "plain", errors)
    MyClass.Sum = pc.make_method(lib, "proto_MyClass_Sum", "ddd", "plain", errors)
    MyClass.CheckedDivide = pc.make_method(lib, "proto_MyClass_CheckedDivide", "ii", "checked", errors)
    api["MyClass"] = MyClass
    Lib = pc.make_class("MyClassLib", lib, 16, True, "proto_MyClassLib")  # out-of-line ~MyClassLib()
    Lib.__new__ = staticmethod(pc.make_constructor(Lib, lib, "proto_MyClassLib_new", "vi", errors))
    Lib.MyFunc = pc.make_method(lib, "proto_MyClassLib_MyFunc", "i", "checked", errors)
    Lib.AddInt = pc.make_method(lib, "proto_MyClassLib_AddInt", "ii", "checked", errors)
    Lib.Sum = pc.make_method(lib, "proto_MyClassLib_Sum", "ddd", "checked", errors)
    api["MyClassLib"] = Lib
    Vec3 = pc.make_class("Vec3", lib, 24, False, "proto_Vec3")
    Vec3.x = pc.make_method(lib, "proto_Vec3_x", "d", "plain", errors)
    Label = pc.make_class("Label", lib, 40, True, "proto_Label")
    Factory = pc.make_class("Factory", lib, 1, False, "proto_Factory")
    Factory.__new__ = staticmethod(pc.make_constructor(Factory, lib, "proto_Factory_new", "v", errors))
    Factory.vec = pc.make_method(lib, "proto_Factory_vec", "od", "checked", errors, Vec3)
    Factory.label = pc.make_method(lib, "proto_Factory_label", "od", "checked", errors, Label)
    api["Factory"] = Factory
    PseudoJet = pc.make_class("PseudoJet", lib, 0, True, "proto_PseudoJet")
    PseudoJet.__new__ = staticmethod(pc.make_constructor(PseudoJet, lib, "proto_PseudoJet_new", "vdddd",
                                                         errors))
    PseudoJet.px = pc.make_method(lib, "proto_PseudoJet_px", "d", "plain", errors)
    Jets = pc.make_class("vector<PseudoJet>", lib, 0, True, "proto_Jets")
    Jets.__new__ = staticmethod(pc.make_constructor(Jets, lib, "proto_Jets_new", "v", errors))
    Jets.push_back = pc.make_method(lib, "proto_Jets_push_back", "vp", "checked", errors)
    Jets.clear = pc.make_method(lib, "proto_Jets_clear", "v", "plain", errors)
    Jets.size = pc.make_method(lib, "proto_Jets_size", "L", "plain", errors)
    HLV = pc.make_class("HepLorentzVector", lib, 32, False, "proto_Lorentz")  # empty inline destructors
    HLV.__new__ = staticmethod(pc.make_constructor(HLV, lib, "proto_Lorentz_new", "vdddd", errors))
    HLV.__add__ = pc.make_method(lib, "proto_Lorentz_add", "op", "checked", errors, HLV)
    HLV.m = pc.make_method(lib, "proto_Lorentz_m", "d", "checked", errors)
    api.update(PseudoJet=PseudoJet, Jets=Jets, HepLorentzVector=HLV)
    return api


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
    parser.add_argument("mode", choices=("client", "cppyy", "cffi"))
    parser.add_argument("--entries", required=True, help="libPrototypeEntries.so")
    parser.add_argument("--dictionary", action="append", default=[])
    parser.add_argument("--myclasslib", help="libMyClassLib.so (its own symbols: the floor)")
    parser.add_argument("--class", dest="class_name", default="MyClass")
    parser.add_argument("--iterations", type=int, default=10000000)
    parser.add_argument("--shared-errors", action="store_true", help="client: one error block for all threads")
    args = parser.parse_args()

    if args.what == "check":
        return check(args)
    if args.mode == "cffi":
        return measure_cffi(args)
    api = client_api(args.entries) if args.mode == "client" else cppyy_api(args.dictionary)
    if args.shared_errors:
        import prototype_client as pc
        lib = pc._cffi.load_library(args.entries, pc._cffi.RTLD_NOW)
        shared = pc._cffi.newp(pc.DlError_p)
        api["MyClassLib"].AddInt = pc.make_method(lib, "proto_MyClassLib_AddInt", "ii", "checked", shared,
                                                  shared_errors=True)
        api["MyClassLib"].MyFunc = pc.make_method(lib, "proto_MyClassLib_MyFunc", "i", "checked", shared,
                                                  shared_errors=True)
        api["MyClassLib"].Sum = pc.make_method(lib, "proto_MyClassLib_Sum", "ddd", "checked", shared,
                                               shared_errors=True)
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
    lib = _cffi.load_library(args.entries, _cffi.RTLD_NOW)
    if args.what == "seed":
        if args.class_name == "MyClassLib":
            own = _cffi.load_library(args.myclasslib, _cffi.RTLD_NOW)
            symbols = {"MyFunc": "_ZN10MyClassLib6MyFuncEv", "AddInt": "_ZN10MyClassLib6AddIntEi",
                       "Sum": "_ZN10MyClassLib3SumEdd"}
            obj = ffi.new("char[16]")
            new = lib.load_function(ffi.typeof("void(*)(void*, int, void*)"), "proto_MyClassLib_new")
        else:
            own = lib
            symbols = {"MyFunc": "proto_MyClass_MyFunc", "AddInt": "proto_MyClass_AddInt",
                       "Sum": "proto_MyClass_Sum"}
            obj = ffi.new("char[16]")
            new = lib.load_function(ffi.typeof("void(*)(void*, int, void*)"), "proto_MyClass_new")
        new(obj, 1, ffi.new("char[1296]"))
        my_func = own.load_function(ffi.typeof("int(*)(void*)"), symbols["MyFunc"])
        add_int = own.load_function(ffi.typeof("int(*)(void*, int)"), symbols["AddInt"])
        sum_ = own.load_function(ffi.typeof("double(*)(void*, double, double)"), symbols["Sum"])

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
        vec = lib.load_function(ffi.typeof("void(*)(void*, void*, double)"), "floor_Factory_vec")
        label = lib.load_function(ffi.typeof("void(*)(void*, void*, double)"), "floor_Factory_label")
        allocate = lib.load_function(ffi.typeof("void*(*)(void)"), "proto_Label_allocate")
        destroy = lib.load_function(ffi.typeof("void(*)(void*)"), "proto_Label_destroy")
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
        new_jet = lib.load_function(ffi.typeof("void(*)(void*, double, double, double, double)"),
                                    "floor_PseudoJet_new")
        allocate = lib.load_function(ffi.typeof("void*(*)(void)"), "proto_PseudoJet_allocate")
        destroy = lib.load_function(ffi.typeof("void(*)(void*)"), "proto_PseudoJet_destroy")
        push_back = lib.load_function(ffi.typeof("void(*)(void*, void*)"), "floor_Jets_push_back")
        clear = lib.load_function(ffi.typeof("void(*)(void*)"), "proto_Jets_clear")
        new_jets = lib.load_function(ffi.typeof("void(*)(void*, void*)"), "proto_Jets_new")
        new_hlv = lib.load_function(ffi.typeof("void(*)(void*, double, double, double, double, void*)"),
                                    "proto_Lorentz_new")
        add = lib.load_function(ffi.typeof("void(*)(void*, void*, void*, void*)"), "proto_Lorentz_add")
        mass = lib.load_function(ffi.typeof("double(*)(void*, void*)"), "proto_Lorentz_m")
        error = ffi.new("char[1296]")
        particles = ffi.new("char[24]")
        new_jets(particles, error)
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
                new_hlv(first, 1.0, 2.0, 3.0, 10.0, error)
                new_hlv(second, -1.0, 2.5, 0.5, 8.0, error)
                add(first, summed, second, error)
                total += mass(summed, error)
            return total
        print("particle %.3f" % best_ns(loop, particles, args.iterations // PARTICLES, PARTICLES))


def check(args):
    """The prototype gives C++'s results and keeps exceptions: asserted, not timed."""
    api = client_api(args.entries)
    import prototype_client as pc
    o = api["MyClass"](7)
    assert (o.MyFunc(), o.AddInt(2), o.Sum(1.0, 2.5)) == (7, 9, 3.5)
    assert o.CheckedDivide(2) == 3
    try:
        o.CheckedDivide(0)
    except pc.CppException as error:
        assert "std::domain_error" in str(error) and "division by zero" in str(error), error
    else:
        raise AssertionError("no exception")
    lib_obj = api["MyClassLib"](5)
    assert (lib_obj.MyFunc(), lib_obj.AddInt(1)) == (5, 6)
    f = api["Factory"]()
    assert f.vec(2.0).x() == 2.0
    first = api["HepLorentzVector"](1.0, 2.0, 3.0, 10.0)
    second = api["HepLorentzVector"](-1.0, 2.5, 0.5, 8.0)
    expected = ((10.0 + 8.0) ** 2 - 0.0 ** 2 - 4.5 ** 2 - 3.5 ** 2) ** 0.5
    assert abs((first + second).m() - expected) < 1e-12, (first + second).m()
    jets = api["Jets"]()
    for i in range(10):
        jets.push_back(api["PseudoJet"](1.0, 2.0, 3.0, 10.0 + i))
    assert jets.size() == 10
    print("check ok")


if __name__ == "__main__":
    main()
