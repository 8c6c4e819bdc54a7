"""ROOT's rootmaps: a name no dictionary has is found through a *.rootmap file.

As ROOT and cppyy read them: from the folders of LD_LIBRARY_PATH and the
working directory, with no catalog at all. Each session runs in a fresh
interpreter (the one running the tests) in a folder of its own holding a copy
of libAutoloadDict.so and the rootmap the ROOT genreflex flow
(--rootmap=... --rootmap-lib=...) writes for it.
"""
import os
import shutil

import pytest

ROOTMAP = """{ decls }
class AutoGadget;

[ libAutoloadDict.so ]
# List of selected classes
class AutoBox<int>
class AutoGadget
# List of selected enums
enum AutoShade
# List of selected typedefs
typedef AutoGadgetAlias
# List of selected vars
var g_autoCounter
"""

SESSION = """
import cppyy
gadget = cppyy.gbl.AutoGadget(21)
assert gadget.Twice() == 42, gadget.Twice()
assert cppyy.gbl.g_autoCounter == 31
box = cppyy.gbl.AutoBox['int']()
box.item = 5
assert box.get() == 5
with open("/proc/self/maps") as maps:
    print("loaded", sorted({line.split()[-1] for line in maps if "libAutoloadDict" in line}))
print("passed")
"""


@pytest.fixture
def run_in(run_pypy, tmp_path):
    """Runs code in a fresh interpreter in folder cwd, with no catalog but the standard one."""
    def run(code, cwd, library_path=None):
        env = dict(os.environ)
        env.pop("DICTLOADER_CATALOG", None)
        env["XDG_DATA_HOME"] = str(tmp_path / "no-default")
        if library_path is None:
            env.pop("LD_LIBRARY_PATH", None)
        else:
            env["LD_LIBRARY_PATH"] = library_path
        return run_pypy(code, env=env, cwd=str(cwd))
    return run


@pytest.fixture
def dictionary_folder(tmp_path, library):
    folder = tmp_path / "dicts"
    folder.mkdir()
    shutil.copy(library("libAutoloadDict.so"), str(folder))
    return folder


def _passes(result):
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("passed"), result.stdout


def test_a_rootmap_in_the_working_directory(run_in, dictionary_folder):
    (dictionary_folder / "AutoloadDict.rootmap").write_text(ROOTMAP)
    result = run_in(SESSION, dictionary_folder)
    _passes(result)
    assert "loaded ['%s']" % (dictionary_folder / "libAutoloadDict.so") in result.stdout


def test_a_rootmap_on_the_library_path(run_in, dictionary_folder, tmp_path):
    (dictionary_folder / "AutoloadDict.rootmap").write_text(ROOTMAP)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _passes(run_in(SESSION, elsewhere, library_path="/nonexistent:%s" % dictionary_folder))


def test_without_the_rootmap_the_name_is_missing(run_in, dictionary_folder):
    result = run_in("import cppyy\n"
                    "try:\n"
                    "    cppyy.gbl.AutoGadget\n"
                    "except AttributeError:\n"
                    "    print('missing')\n", dictionary_folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "missing"


def test_a_rootmap_written_after_a_miss_is_read(run_in, dictionary_folder):
    _passes(run_in("import cppyy, time\n"
                   "try:\n"
                   "    cppyy.gbl.AutoGadget\n"
                   "    raise SystemExit('found before the rootmap was written')\n"
                   "except AttributeError:\n"
                   "    pass\n"
                   "with open('AutoloadDict.rootmap', 'w') as out:\n"
                   "    out.write(%r)\n"
                   "time.sleep(0.3)\n"  # the loader looks at folders again every 0.2 s
                   "assert cppyy.gbl.AutoGadget(2).Twice() == 4\n"
                   "print('passed')\n" % ROOTMAP, dictionary_folder))


def test_an_unreadable_rootmap_is_named_and_the_others_still_work(run_in, dictionary_folder):
    (dictionary_folder / "AutoloadDict.rootmap").write_text(ROOTMAP)
    (dictionary_folder / "Broken.rootmap").write_text("[ libBroken.so ]\nclass\n")
    result = run_in(SESSION, dictionary_folder)
    _passes(result)
    assert "Broken.rootmap" in result.stderr


def test_add_autoload_map_reads_a_rootmap_anywhere(run_in, dictionary_folder, tmp_path):
    # the rootmap lies neither on the library path nor in the working directory
    maps = tmp_path / "maps"
    maps.mkdir()
    rootmap = maps / "AutoloadDict.rootmap"
    rootmap.write_text(ROOTMAP.replace("[ libAutoloadDict.so ]", "[ %s ]" % (dictionary_folder / "libAutoloadDict.so")))
    _passes(run_in("import cppyy\n"
                   "cppyy.add_autoload_map(%r)\n" % str(rootmap) + SESSION, tmp_path))


def test_add_autoload_map_refuses_what_is_no_rootmap(run_in, dictionary_folder, tmp_path):
    broken = tmp_path / "Broken.rootmap"
    broken.write_text("[ libBroken.so ]\nclass\n")
    result = run_in("import cppyy\n"
                    "for path, error in ((%r, OSError), (%r, cppyy.DictionaryError)):\n"
                    "    try:\n"
                    "        cppyy.add_autoload_map(path)\n"
                    "    except error as e:\n"
                    "        print(type(e).__name__, e)\n" % (str(tmp_path / "missing.rootmap"), str(broken)),
                    tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2, result.stdout
    assert lines[0].startswith("OSError") and "missing.rootmap" in lines[0]
    assert lines[1].startswith("DictionaryError") and "Broken.rootmap" in lines[1]


def test_add_library_path_reads_the_folders_rootmaps(run_in, dictionary_folder, tmp_path):
    (dictionary_folder / "AutoloadDict.rootmap").write_text(ROOTMAP)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _passes(run_in("import cppyy\n"
                   "cppyy.add_library_path(%r)\n" % str(dictionary_folder) + SESSION, elsewhere))


def test_set_debug_says_which_library_is_loaded_for_which_name(run_in, dictionary_folder):
    (dictionary_folder / "AutoloadDict.rootmap").write_text(ROOTMAP)
    result = run_in("import cppyy\n"
                    "cppyy.set_debug()\n"
                    "cppyy.gbl.AutoGadget\n"
                    "for name in ('NoSuchThing', 'NoSuchThingEither'):\n"
                    "    if name == 'NoSuchThingEither':\n"
                    "        cppyy.set_debug(False)\n"
                    "    try:\n"
                    "        getattr(cppyy.gbl, name)\n"
                    "    except AttributeError:\n"
                    "        pass\n"
                    "print('passed')\n", dictionary_folder)
    _passes(result)
    assert "loading %s for 'AutoGadget'" % (dictionary_folder / "libAutoloadDict.so") in result.stderr, result.stderr
    assert "AutoloadDict.rootmap" in result.stderr
    assert "no catalog or rootmap provides 'NoSuchThing'" in result.stderr, result.stderr
    assert "NoSuchThingEither" not in result.stderr
