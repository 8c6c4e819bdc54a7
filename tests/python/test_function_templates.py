"""Function templates through `import cppyy`: the dictionary of
tests/genreflex/data/function_templates.h (with templates.h) holds the
specializations the header makes and those its own types deduce, and PyPy's
_cppyy calls them by argument types, or by template arguments where the
arguments cannot tell them apart. Runs in its own process (one dictionary of
a header per process)."""

SESSION = r'''
import cppyy
cppyy.load_reflection_info("./libTemplatesDict.so")
std, ft = cppyy.gbl.std, cppyy.gbl.ftmpl
ev = ft.Event()
particles, energies = ev.particles(), ev.energies()
print("ctor", ft.Summer(particles).total, ft.Summer(energies).total)
print("sum", ft.Summer().sum(particles), ft.Summer().sum(energies))
print("indexed", ft.Summer().sum['double'](energies), ft.Summer().sum['ftmpl::Particle'](particles))
print("twice", ft.Summer().twice(21))
print("width", ft.Summer.width['int'](), ft.Summer.width['double']())
print("largest", ft.largest(energies), getattr(ft, "largest<double>")(energies))
print("scaled", ft.scaled[3](5))
for call in (lambda: ft.largest(particles), lambda: ft.Summer.width['float'](), lambda: ft.unused(1),
             lambda: ft.Summer().twice(2.5)):
    try:
        call()
        print("error none")
    except Exception as e:
        print("error", type(e).__name__)
'''


def test_function_template_specializations(run_pypy, dict_dir):
    result = run_pypy(SESSION, cwd=dict_dir)
    assert result.returncode == 0, "exit %d\n%s\n%s" % (result.returncode, result.stdout, result.stderr)
    lines = result.stdout.splitlines()
    values = dict(line.split(" ", 1) for line in lines if not line.startswith("error "))
    assert values["ctor"] == "3.5 8.0"  # template constructor deduced from std::vector<Particle> / <double>
    assert values["sum"] == "3.5 8.0"
    assert values["indexed"] == "8.0 3.5"
    assert values["twice"] == "42"  # twice<int>: instantiated by the header's useTwice()
    assert values["width"] == "4 8"  # explicit specializations told apart by template arguments
    assert values["largest"] == "5.0 5.0"
    assert values["scaled"] == "15"  # a non-type argument
    # largest<Particle> does not compile (left out: no overload takes the argument), width<float>,
    # unused<int> and twice<double> were never made (PyPy: "failed to instantiate"): each is an
    # error, not a crash or a call of another instance
    errors = [line.split(" ", 1)[1] for line in lines if line.startswith("error ")]
    assert errors == ["TypeError", "AttributeError", "AttributeError", "AttributeError"], result.stdout
