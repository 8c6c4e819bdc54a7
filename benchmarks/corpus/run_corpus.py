"""The header corpus: genreflex on every top-level header of three real libraries.

    python3 run_corpus.py --genreflex G --dictinfo D --backend LIBDICTLOADER
                          --pythonpath BUILD/python --workdir W [--jobs 2] [--only SUBSTRING]

For every top-level header of Debian's libfastjet-dev (fastjet/*.hh),
libclhep-dev (CLHEP/{Vector,Geometry,Matrix,Random}/*.h) and libhepmc3-dev
(HepMC3/*.h):

1. `clang++ -fsyntax-only` on the header alone; a header that does not compile
   on its own is reported as skipped, with the first diagnostic, and not counted.
2. `genreflex HEADER --methptrgetter -o libX.so -lLIB`: the dictionary is
   compiled and linked against the header's library.
3. pypy3 with this build's cppyy package loads the dictionary and builds the
   Python class of every class and namespace it describes (so the loader's
   tables and PyPy's method lists are made for real).

It prints one line per header and "N of M headers gave a loadable dictionary",
then a few calls through the loaded classes as a smoke check. Slow (minutes):
not part of ctest. Exit status 0 only if every compiling header gave a
loadable dictionary and the smoke checks passed.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import subprocess
import sys

LIBRARIES = [
    # (group, header glob, include root, libraries)
    ("fastjet", "/usr/include/fastjet/*.hh", ["fastjet"]),
    ("CLHEP/Vector", "/usr/include/CLHEP/Vector/*.h", ["CLHEP"]),
    ("CLHEP/Geometry", "/usr/include/CLHEP/Geometry/*.h", ["CLHEP"]),
    ("CLHEP/Matrix", "/usr/include/CLHEP/Matrix/*.h", ["CLHEP"]),
    ("CLHEP/Random", "/usr/include/CLHEP/Random/*.h", ["CLHEP"]),
    ("HepMC3", "/usr/include/HepMC3/*.h", ["HepMC3"]),
]

STANDARD = "c++17"

# Loads one dictionary and makes the Python class of everything it describes.
LOAD_PROGRAM = r"""
import json, sys
import cppyy
path, names = sys.argv[1], json.loads(sys.argv[2])


def parts(name):
    # "std::vector<ns::A>" is std, vector<ns::A>: only "::" outside <> separates
    out, depth, start = [], 0, 0
    for i, c in enumerate(name):
        depth += (c == "<") - (c == ">")
        if depth == 0 and name.startswith("::", i) and i >= start:
            out.append(name[start:i])
            start = i + 2
    return out + [name[start:]]


cppyy.load_reflection_info(path)
for name in names:
    scope = cppyy.gbl
    for part in parts(name):
        scope = getattr(scope, part)
print("loaded %d scopes" % len(names))
"""

# Calls through a few loaded classes: dictionary name -> program.
SMOKE_CHECKS = {
    "PseudoJet": r"""
jet = cppyy.gbl.fastjet.PseudoJet(1.0, 2.0, 3.0, 4.0)
assert abs(jet.pt() - 5.0 ** 0.5) < 1e-12, jet.pt()
assert abs(jet.E() - 4.0) < 1e-12
print("fastjet::PseudoJet(1,2,3,4).pt() =", jet.pt())
""",
    "ThreeVector": r"""
v = cppyy.gbl.CLHEP.Hep3Vector(3.0, 4.0, 12.0)
assert v.mag() == 13.0, v.mag()
v.setX(0.0)
assert v.x() == 0.0 and v.perp() == 4.0
print("CLHEP::Hep3Vector(3,4,12).mag() =", v.mag())
""",
    "LorentzVector": r"""
p = cppyy.gbl.CLHEP.HepLorentzVector(1.0, 2.0, 2.0, 5.0)
assert p.t() == 5.0 and p.rho() == 3.0, (p.t(), p.rho())
assert abs(p.m2() - 16.0) < 1e-12, p.m2()
print("CLHEP::HepLorentzVector(1,2,2,5).m2() =", p.m2())
""",
    "FourVector": r"""
v = cppyy.gbl.HepMC3.FourVector(1.0, 2.0, 2.0, 5.0)
assert v.p3mod() == 3.0 and v.m2() == 16.0, (v.p3mod(), v.m2())
print("HepMC3::FourVector(1,2,2,5).m2() =", v.m2())
""",
}


def first_error(text):
    lines = [line for line in text.splitlines() if line.strip()]
    for line in lines:
        if "error" in line:
            return line.strip()
    return lines[-1].strip() if lines else "(no output)"


def run(args, env=None, timeout=900):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, env=env, timeout=timeout)


def dictionary_name(header):
    return os.path.splitext(os.path.basename(header))[0]


def scope_names(dictinfo, library):
    result = run([dictinfo, "--json", library])
    if result.returncode != 0:
        raise RuntimeError("dictinfo failed: " + first_error(result.stderr))
    listing = json.loads(result.stdout)
    dictionaries = listing if isinstance(listing, list) else [listing]
    names = []
    for dictionary in dictionaries:
        for scope in dictionary.get("scopes", []):
            name = scope.get("name", "")
            if name:  # class template instantiations too
                names.append(name)
    return names


def counts(names, left_out, rejected):
    total = left_out + rejected
    text = "%d scopes, %d declaration%s left out" % (len(names), total, "" if total == 1 else "s")
    if rejected:
        text += " (%d after the compiler or linker rejected them)" % rejected
    return text


def check_header(header, libraries, options):
    """Returns (status, detail): status is 'ok', 'skipped' or 'failed'."""
    syntax = run(["clang++", "-std=" + STANDARD, "-fsyntax-only", "-x", "c++", header])
    if syntax.returncode != 0:
        return "skipped", "does not compile on its own: " + first_error(syntax.stderr)

    group = os.path.basename(os.path.dirname(header))
    library = os.path.join(options.workdir, "lib%s_%sDict.so" % (group, dictionary_name(header)))
    command = [options.genreflex, header, "--methptrgetter", "-o", library, "-v"]
    command += ["-l" + name for name in libraries]
    generated = run(command)
    left_out = generated.stderr.count("genreflex: note: ")
    rejected = generated.stderr.count("genreflex: warning: leaving out ")
    if generated.returncode != 0:
        return "failed", "genreflex: " + first_error(generated.stderr)

    try:
        names = scope_names(options.dictinfo, library)
    except (RuntimeError, ValueError) as error:
        return "failed", str(error)
    env = dict(os.environ, PYTHONPATH=options.pythonpath, CPPYY_BACKEND_LIBRARY=options.backend)
    loaded = run(["pypy3", "-c", LOAD_PROGRAM, library, json.dumps(names)], env=env)
    if loaded.returncode != 0:
        return "failed", "load: " + first_error(loaded.stderr or loaded.stdout)
    smoke = SMOKE_CHECKS.get(dictionary_name(header))
    if smoke:
        program = "import cppyy\ncppyy.load_reflection_info(%r)\n%s" % (library, smoke)
        called = run(["pypy3", "-c", program], env=env)
        if called.returncode != 0:
            return "failed", "smoke check: " + first_error(called.stderr)
        return "ok", "%s; %s" % (counts(names, left_out, rejected), called.stdout.strip())
    return "ok", counts(names, left_out, rejected)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--genreflex", required=True)
    parser.add_argument("--dictinfo", required=True)
    parser.add_argument("--backend", required=True, help="libdictloader.so")
    parser.add_argument("--pythonpath", required=True, help="folder holding the cppyy package")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", default="", help="check only headers whose path contains this")
    options = parser.parse_args()
    os.makedirs(options.workdir, exist_ok=True)

    work = []
    for group, pattern, libraries in LIBRARIES:
        headers = sorted(glob.glob(pattern))
        if not headers:
            print("%s: no headers at %s (install libfastjet-dev libclhep-dev libhepmc3-dev)"
                  % (group, pattern))
            return 2
        work += [(header, libraries) for header in headers if options.only in header]

    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=options.jobs) as pool:
        futures = {pool.submit(check_header, header, libraries, options): header
                   for header, libraries in work}
        for future in concurrent.futures.as_completed(futures):
            header = futures[future]
            try:
                results[header] = future.result()
            except Exception as error:  # a crash of this script's own logic is a failure too
                results[header] = ("failed", "%s: %s" % (type(error).__name__, error))
            status, detail = results[header]
            print("%-8s %s: %s" % (status, header, detail), flush=True)

    compiled = [h for h, (status, _) in results.items() if status != "skipped"]
    good = [h for h in compiled if results[h][0] == "ok"]
    skipped = len(results) - len(compiled)
    print()
    print("%d headers: %d skipped (do not compile on their own)" % (len(results), skipped))
    for header in sorted(set(compiled) - set(good)):
        print("FAILED  %s: %s" % (header, results[header][1]))
    print("%d of %d headers gave a loadable dictionary" % (len(good), len(compiled)))
    return 0 if len(good) == len(compiled) else 1


if __name__ == "__main__":
    sys.exit(main())
