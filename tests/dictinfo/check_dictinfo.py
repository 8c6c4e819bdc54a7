"""dictinfo on a real dictionary, on a catalog, and on bad input (run by ctest with Debian's python3).

    check_dictinfo.py DICTINFO DICTIONARY NOT_A_DICTIONARY STUBS_ONLY_DICTIONARY ABI_1_0_DICTIONARY \
                      CATALOG CATALOGUED_DICTIONARY SMART_POINTERS_DICTIONARY EXCEPTIONS_DICTIONARY CROSS_DICTIONARY

CATALOG was written by genreflex --catalog for CATALOGUED_DICTIONARY
(tests/dictloader/data/autoloaded.h).
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile


def run(*args, policy=None, catalogs=None):
    env = dict(os.environ)
    env.pop("DICTLOADER_FASTPATH", None)
    env.pop("DICTLOADER_CATALOG", None)
    env["XDG_DATA_HOME"] = "/nonexistent/dictinfo-test"  # no default catalog
    if policy:
        env["DICTLOADER_FASTPATH"] = policy
    if catalogs:
        env["DICTLOADER_CATALOG"] = catalogs
    return subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                          env=env)


def functions_of(report, scope_name):
    [scope] = [scope for scope in report["scopes"] if scope["name"] == scope_name]
    return {fn["prototype"]: fn for fn in scope["functions"]}


def main():
    dictinfo, dictionary, plain, stubs_only, legacy, catalog, catalogued, smart, exceptions, cross = sys.argv[1:11]

    listing = run(dictinfo, "--json", dictionary)
    assert listing.returncode == 0, listing.stderr
    [report] = json.loads(listing.stdout)
    assert report["generator"].startswith("genreflex "), report["generator"]
    assert report["abi"] == "1.8", report["abi"]
    assert report["function_addresses"] is True
    assert report["fast_path_all"] is False
    scopes = {scope["name"]: scope for scope in report["scopes"]}
    widget = scopes["api::Widget"]
    assert widget["kind"] == "class" and widget["size"] > 0
    assert widget["object"] == {"align": 8, "flags": [], "allocate": True, "destroy": True,
                                "move_to_heap": True}, widget["object"]
    prototypes = {fn["prototype"]: fn["fast_path"] for fn in widget["functions"]}
    assert prototypes["int api::Widget::Add(int x) const"] is True, prototypes
    assert prototypes["int api::Widget::Fail(int code) const"] is False, prototypes
    assert "int api::Widget::Scale(int x, int factor = 3) const" in prototypes, prototypes
    # Whether each function has a fast path, through what, and why not.
    functions = functions_of(report, "api::Widget")
    add = functions["int api::Widget::Add(int x) const"]
    assert add["address"] == "wrapper" and "why_not" not in add, add  # an inline body
    fail = functions["int api::Widget::Fail(int code) const"]
    assert fail["why_not"].startswith("may throw"), fail
    for prototype in ("api::Widget::Widget(int v)",
                      "std::string api::Widget::Join(const std::string& a, const std::string& b) const",
                      "api::Widget api::Widget::Plus(const api::Widget& other) const"):
        fn = functions[prototype]
        # a constructor that cannot throw has `new T(args...)` for the CPython module, not for PyPy
        assert fn["fast_path"] is False and fn.get("address") == ("new" if "Widget(int" in prototype else None), fn
        assert fn["why_not"] == "not a method PyPy's JIT calls directly", fn
    util = functions_of(report, "api::util")
    half = util["double api::util::Half(double x)"]  # compiled into the subjects library
    assert half["address"] == "direct" and half["why_not"].startswith("may throw"), half
    # Each function's entry (ABI 1.4): plain where it cannot throw, else checked.
    assert add["entry"] == {"kind": "plain", "signature": "ii"}, add
    assert fail["entry"] == {"kind": "checked", "signature": "ii"}, fail
    join = functions["std::string api::Widget::Join(const std::string& a, const std::string& b) const"]
    assert join["entry"] == {"kind": "checked", "signature": "opp"}, join
    assert functions["api::Widget::Widget(int v)"]["entry"] == {"kind": "plain", "signature": "vi"}
    assert half["entry"] == {"kind": "checked", "signature": "dd"}, half
    members = {member["name"]: member for member in widget["data"]}
    assert members["value"]["type"] == "int" and members["value"]["static"] is False
    assert members["instances"]["static"] is True
    assert scopes["api::Multi"]["bases"] == ["api::Base", "api::Other"], scopes["api::Multi"]["bases"]
    enums = {en["name"]: en for en in report["enums"]}
    assert enums["api::Mode"]["scoped"] is True
    assert enums["api::Mode"]["values"] == {"Off": 0, "On": 7, "Auto": -3}, enums["api::Mode"]
    assert report["typedefs"]["api::Count"] == "int", report["typedefs"]
    # Enum types (ABI 1.5): prototypes and data name the enum, not its builtin.
    palette = functions_of(report, "api::Palette")
    assert "static int api::Palette::Code(api::Mode m)" in palette, palette
    assert "static api::Mode api::Palette::Flip(const api::Mode& m)" in palette, palette
    palette_data = {member["name"]: member["type"] for member in scopes["api::Palette"]["data"]}
    assert palette_data["mode"] == "api::Mode" and palette_data["colors"] == "api::Color[2]", palette_data

    text = run(dictinfo, dictionary)
    assert text.returncode == 0, text.stderr
    assert "int api::Widget::Add(int x) const  [fast: wrapper]  [entry: plain ii]\n" in text.stdout, text.stdout
    assert "int api::Widget::Fail(int code) const  [stubs: may throw" in text.stdout, text.stdout
    assert ")]  [entry: checked ii]\n" in text.stdout, text.stdout
    assert "  class api::Widget  [size 48, align 8]\n" in text.stdout, text.stdout

    # DICTLOADER_FASTPATH overrides what the dictionary recorded, and dictinfo shows it.
    everything = json.loads(run(dictinfo, "--json", dictionary, policy="all").stdout)[0]
    half = functions_of(everything, "api::util")["double api::util::Half(double x)"]
    assert half["fast_path"] is True and half["address"] == "direct", half
    nothing = json.loads(run(dictinfo, "--json", dictionary, policy="none").stdout)[0]
    add = functions_of(nothing, "api::Widget")["int api::Widget::Add(int x) const"]
    assert add["fast_path"] is False and add["why_not"] == "DICTLOADER_FASTPATH=none", add
    assert add["entry"] == {"kind": "none", "why_not": "DICTLOADER_FASTPATH=none"}, add
    # =all gives addresses, not entries: a checked entry stays checked.
    fail = functions_of(everything, "api::Widget")["int api::Widget::Fail(int code) const"]
    assert fail["fast_path"] is True and fail["entry"]["kind"] == "checked", fail

    stubs = run(dictinfo, "--json", stubs_only)
    assert stubs.returncode == 0, stubs.stderr
    [stubs_report] = json.loads(stubs.stdout)
    listed = [fn for scope in stubs_report["scopes"] for fn in scope["functions"]]
    assert listed and all(fn["why_not"] in ("no --methptrgetter", "not a method PyPy's JIT calls directly")
                          for fn in listed), listed
    assert any(fn["why_not"] == "no --methptrgetter" for fn in listed), listed
    # Entries do not need --methptrgetter.
    assert all(fn["entry"]["kind"] == "plain" for fn in listed), listed
    [probe] = [scope for scope in stubs_report["scopes"] if scope["name"] == "found::Probe"]
    assert probe["object"]["flags"] == ["trivial_destructor", "no_destructor_effect"], probe["object"]
    stubs_text = run(dictinfo, stubs_only).stdout
    assert "  struct found::Probe  [size 1, align 1, trivial destructor, no destructor effect]\n" in stubs_text, \
        stubs_text

    # A dictionary of ABI 1.0 has no fast-path records: the loader hands out the
    # addresses of functions marked as unable to throw, others only under "all".
    old = json.loads(run(dictinfo, "--json", legacy).stdout)[0]
    assert old["abi"] == "1.0", old["abi"]
    widget = functions_of(old, "api::Widget")
    assert widget["int api::Widget::Add(int x) const"]["fast_path"] is True, widget
    fail = widget["int api::Widget::Fail(int code) const"]
    assert fail["fast_path"] is False and fail["why_not"].startswith("may throw"), fail
    assert widget["api::Widget::Widget(int v)"]["why_not"] == "not a method PyPy's JIT calls directly"
    # ... nor entries, nor object operations (its header ends where ABI 1.3's did).
    assert widget["int api::Widget::Add(int x) const"]["entry"]["kind"] == "none", widget
    assert widget["int api::Widget::Add(int x) const"]["entry"]["why_not"].startswith(
        "dictionary older than ABI 1.4"), widget
    [old_widget] = [scope for scope in old["scopes"] if scope["name"] == "api::Widget"]
    assert old_widget["object"] == {"align": 0, "flags": [], "allocate": False, "destroy": False,
                                    "move_to_heap": False}, old_widget["object"]
    old_text = run(dictinfo, legacy).stdout
    assert "  class api::Widget  [size 48, no object operations]\n" in old_text, old_text
    assert "[entry: none: dictionary older than ABI 1.4" in old_text, old_text
    old_all = json.loads(run(dictinfo, "--json", legacy, policy="all").stdout)[0]
    assert functions_of(old_all, "api::Widget")["int api::Widget::Fail(int code) const"]["fast_path"] is True

    refused = run(dictinfo, plain)
    assert refused.returncode == 1, refused.returncode
    assert refused.stderr.startswith("dictinfo: error: ") and "not a dictionary" in refused.stderr, refused.stderr

    missing = run(dictinfo, "/nonexistent/libNoDict.so")
    assert missing.returncode == 1 and "cannot load" in missing.stderr, missing.stderr

    usage = run(dictinfo)
    assert usage.returncode == 2 and "no dictionary given" in usage.stderr, usage.stderr

    check_class_queries(dictinfo, dictionary)
    check_catalog_queries(dictinfo, catalog, catalogued)
    check_smart_pointers(dictinfo, smart)
    check_exception_classes(dictinfo, exceptions)
    check_dispatchers(dictinfo, cross)
    print("dictinfo checks passed")


def one_error_line(result, status, *fragments):
    """A failed run: the exit status, and one line on stderr holding each fragment."""
    assert result.returncode == status, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("dictinfo: error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def check_class_queries(dictinfo, dictionary):
    """dictinfo LIBRARY --class NAME, text and JSON."""
    widget = json.loads(run(dictinfo, "--json", dictionary, "--class", "api::Widget").stdout)
    assert widget["name"] == "api::Widget" and widget["kind"] == "class", widget
    assert widget["dictionary"] == dictionary and widget["size"] > 0 and widget["bases"] == [], widget
    members = {member["name"]: member for member in widget["data"]}
    assert members["value"]["type"] == "int" and members["value"]["offset"] == 0, members
    assert members["ratio"]["type"] == "double" and members["ratio"]["offset"] == 8, members
    assert members["table"]["offset"] == 16 and members["grid"]["offset"] == 32, members
    assert members["instances"]["static"] is True and "offset" not in members["instances"], members
    methods = {method["prototype"]: method for method in widget["methods"]}
    add = methods["int api::Widget::Add(int x) const"]
    assert add["fast_path"] is True and add["address"] == "wrapper" and add["const"] is True, add
    assert add["kind"] == "method" and add["result"] == "int" and add["signature"] == "(int x)", add
    assert add["entry"] == {"kind": "plain", "signature": "ii"}, add
    assert widget["object"]["align"] == 8 and widget["object"]["move_to_heap"] is True, widget["object"]
    fail = methods["int api::Widget::Fail(int code) const"]
    assert fail["fast_path"] is False and fail["why_not"].startswith("may throw"), fail
    scale = methods["int api::Widget::Scale(int x, int factor = 3) const"]
    assert scale["min_args"] == 1, scale
    constructor = methods["api::Widget::Widget(int v)"]
    assert constructor["kind"] == "constructor", constructor
    assert constructor["why_not"] == "not a method PyPy's JIT calls directly", constructor
    assert methods["static int api::Widget::Twice(int x)"]["kind"] == "static"

    # Bases with offsets: the second base of Multi sits after the first; a
    # virtual base's offset is only known from an object.
    multi = json.loads(run(dictinfo, "--json", dictionary, "--class", "api::Multi").stdout)
    bases = [(base["name"], base["virtual"], base["offset"]) for base in multi["bases"]]
    assert bases[0] == ("api::Base", False, 0), bases
    assert bases[1][:2] == ("api::Other", False) and bases[1][2] >= 16, bases
    assert multi["polymorphic"] is True
    assert {member["name"] for member in multi["data"]} == {"m"}, multi["data"]
    left = json.loads(run(dictinfo, "--json", dictionary, "--class", "api::VLeft").stdout)
    assert [(b["name"], b["virtual"], b["offset"]) for b in left["bases"]] == [("api::VBase", True, None)], left
    # Any spelling of the name: a typedef of the class.
    alias = json.loads(run(dictinfo, "--json", dictionary, "--class", "api::WidgetAlias").stdout)
    assert alias["name"] == "api::Widget", alias["name"]

    text = run(dictinfo, dictionary, "--class", "api::Multi")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("struct api::Multi  [size "), text.stdout
    assert "    api::Base  [offset 0]\n" in text.stdout, text.stdout
    assert "    int m  [offset " in text.stdout, text.stdout
    text = run(dictinfo, dictionary, "--class", "api::VLeft")
    assert "    virtual api::VBase  [offset read from the object]\n" in text.stdout, text.stdout
    text = run(dictinfo, dictionary, "--class", "api::Widget")
    assert "    int api::Widget::Add(int x) const  [fast: wrapper]  [entry: plain ii]\n" in text.stdout, text.stdout
    assert text.stdout.startswith("class api::Widget  [size 48, align 8]\n"), text.stdout

    one_error_line(run(dictinfo, dictionary, "--class", "api::NoSuchClass"), 1, "no class 'api::NoSuchClass'",
                   dictionary)
    one_error_line(run(dictinfo, dictionary, "--class", "api::util"), 1, "'api::util' is a namespace")
    one_error_line(run(dictinfo, dictionary, dictionary, "--class", "api::Widget"), 2, "at most one dictionary")
    one_error_line(run(dictinfo, "--class", "api::Widget", "--which", "api::Widget"), 2, "give one")
    one_error_line(run(dictinfo, "--bogus"), 2, "--bogus", "see dictinfo --help")
    helped = run(dictinfo, "--help")
    assert helped.returncode == 0, helped.stderr
    for option in ("--class NAME", "--which NAME", "--catalog DB --list", "--json", "--verify"):
        assert option in helped.stdout, (option, helped.stdout)



def check_catalog_queries(dictinfo, catalog, catalogued):
    """--catalog DB --list [--verify], --which NAME, --class NAME through a catalog."""
    listing = run(dictinfo, "--catalog", catalog, "--list", "--json")
    assert listing.returncode == 0, listing.stderr
    report = json.loads(listing.stdout)
    assert report["catalog"] == catalog, report
    [entry] = report["libraries"]
    assert entry["path"] == catalogued and entry["state"] == "present", entry
    assert entry["content_hash"].startswith("sha256:") and entry["generator"].startswith("genreflex "), entry
    assert entry["origin"] == "genreflex", entry
    names = {(name["name"], name["kind"]) for name in entry["names"]}
    for expected in (("autoloaded", "namespace"), ("autoloaded::Gizmo", "class"), ("autoloaded::Triple", "function"),
                     ("autoloaded::Level", "enum"), ("autoloaded::GizmoAlias", "typedef"),
                     ("autoloaded::counter", "variable"), ("Sprocket", "class"), ("SprocketCount", "function")):
        assert expected in names, (expected, sorted(names))
    verified = json.loads(run(dictinfo, "--catalog", catalog, "--list", "--verify", "--json").stdout)
    assert verified["libraries"][0]["state"] == "ok", verified["libraries"][0]["state"]
    text = run(dictinfo, "--catalog", catalog, "--list")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("catalog %s: 1 library, %d names\n" % (catalog, len(names))), text.stdout
    assert "  %s  [present]\n" % catalogued in text.stdout and "    class autoloaded::Gizmo\n" in text.stdout

    # --which: from DICTLOADER_CATALOG, or from --catalog; nothing is loaded.
    for args, catalogs in ((("--which", "autoloaded::Gizmo"), catalog),
                           (("--catalog", catalog, "--which", "::autoloaded::Gizmo"), None)):
        which = run(dictinfo, "--json", *args, catalogs=catalogs)
        assert which.returncode == 0, which.stderr
        assert json.loads(which.stdout)["providers"] == [
            {"name": "autoloaded::Gizmo", "kind": "class", "library": catalogued, "catalog": catalog}], which.stdout
    text = run(dictinfo, "--which", "SprocketCount", catalogs=catalog)
    assert text.stdout == "SprocketCount: function in %s  (catalog %s)\n" % (catalogued, catalog), text.stdout
    one_error_line(run(dictinfo, "--which", "autoloaded::Nothing", catalogs=catalog), 1,
                   "no catalog names a library providing 'autoloaded::Nothing'")

    # --class with no dictionary: autoloaded through the catalog.
    gizmo = json.loads(run(dictinfo, "--json", "--class", "autoloaded::Gizmo", catalogs=catalog).stdout)
    assert gizmo["dictionary"] == catalogued, gizmo
    assert [method["name"] for method in gizmo["methods"] if method["kind"] == "method"] == ["Twice"], gizmo
    one_error_line(run(dictinfo, "--class", "autoloaded::Gizmo"), 1, "no class 'autoloaded::Gizmo'")

    # Unreadable catalogs are errors naming the file.
    one_error_line(run(dictinfo, "--catalog", "/nonexistent/x.catalog", "--list"), 1, "/nonexistent/x.catalog")
    one_error_line(run(dictinfo, "--catalog", "/nonexistent/x.catalog", "--which", "X"), 1, "/nonexistent/x.catalog")
    work = tempfile.mkdtemp(prefix="dictinfo-test-")
    try:
        corrupt = os.path.join(work, "corrupt.catalog")
        with open(corrupt, "wb") as out:
            out.write(b"not a catalog " * 100)
        one_error_line(run(dictinfo, "--catalog", corrupt, "--list"), 1, corrupt)
        one_error_line(run(dictinfo, "--which", "X", catalogs=corrupt), 1, corrupt)

        # A catalogued library that changed, then went away: --verify says so,
        # and --class names the name and the library.
        copy = os.path.join(work, os.path.basename(catalogued))
        shutil.copyfile(catalogued, copy)
        moved = os.path.join(work, "moved.catalog")
        shutil.copyfile(catalog, moved)
        connection = sqlite3.connect(moved)
        with connection:
            connection.execute("UPDATE libraries SET path = ?", (copy,))
        connection.close()
        with open(copy, "ab") as out:
            out.write(b"changed")
        changed = json.loads(run(dictinfo, "--catalog", moved, "--list", "--verify", "--json").stdout)
        assert changed["libraries"][0]["state"] == "changed", changed["libraries"][0]
        one_error_line(run(dictinfo, "--class", "autoloaded::Gizmo", catalogs=moved), 1,
                       "no class 'autoloaded::Gizmo'", "changed since it was catalogued", copy)
        os.remove(copy)
        gone = json.loads(run(dictinfo, "--catalog", moved, "--list", "--json").stdout)
        assert gone["libraries"][0]["state"] == "missing", gone["libraries"][0]
    finally:
        shutil.rmtree(work)

    one_error_line(run(dictinfo, "--list"), 2, "--list needs exactly one --catalog DB")
    one_error_line(run(dictinfo, "--catalog", catalog), 2, "needs --list, --which NAME or --class NAME")
    one_error_line(run(dictinfo, "--verify", "--which", "X"), 2, "--verify goes with --catalog DB --list")


def check_dispatchers(dictinfo, cross):
    """Dispatchers (dictionary ABI 1.8): which classes Python subclasses override, and what."""
    [report] = json.loads(run(dictinfo, "--json", cross).stdout)
    scopes = {scope["name"]: scope for scope in report["scopes"]}
    dispatcher = scopes["cross::Base"]["dispatcher"]
    assert dispatcher["constructors"] == 3, dispatcher
    assert "int cross::Base::value() const" in dispatcher["slots"], dispatcher
    assert "void cross::Base::bump(int&)" in dispatcher["slots"], dispatcher
    assert scopes["cross::Shape"]["abstract"] and len(scopes["cross::Shape"]["dispatcher"]["slots"]) == 2
    assert "dispatcher" not in scopes["cross::Holder"]  # no virtual functions
    text = run(dictinfo, cross).stdout
    assert "Python subclasses override 11 virtual functions" in text, text
    one = json.loads(run(dictinfo, "--json", "--class", "cross::Shape", cross).stdout)
    assert one["dispatcher"]["slots"] == ["double cross::Shape::area() const",
                                          "std::string cross::Shape::kind() const"], one


def check_smart_pointers(dictinfo, smart):
    """Smart pointer records (dictionary ABI 1.6) in the listing and for one class."""
    [report] = json.loads(run(dictinfo, "--json", smart).stdout)
    scopes = {scope["name"]: scope for scope in report["scopes"]}
    assert scopes["std::shared_ptr<smart::Shape>"]["smart_pointer"] == {
        "kind": "shared", "pointee": "smart::Shape", "adopts": True}, scopes["std::shared_ptr<smart::Shape>"]
    assert scopes["std::shared_ptr<const smart::Shape>"]["smart_pointer"]["pointee"] == "const smart::Shape"
    assert scopes["std::unique_ptr<smart::Shape>"]["smart_pointer"]["kind"] == "unique"
    assert "smart_pointer" not in scopes["smart::Shape"]
    text = run(dictinfo, smart).stdout
    assert "class std::shared_ptr<smart::Shape>  [size 16, align 8, shared_ptr to smart::Shape (adopts new objects)]" \
        in text, text
    one = json.loads(run(dictinfo, "--json", "--class", "std::unique_ptr<smart::Shape>", smart).stdout)
    assert one["smart_pointer"]["kind"] == "unique", one


def check_exception_classes(dictinfo, exceptions):
    """Exception classes (dictionary ABI 1.7): marked in the listing and for one class."""
    [report] = json.loads(run(dictinfo, "--json", exceptions).stdout)
    scopes = {scope["name"]: scope for scope in report["scopes"]}
    assert scopes["typed::MyError"]["exception_class"] is True
    assert scopes["typed::Problem"]["exception_class"] is True  # thrown by value
    assert scopes["typed::Thrower"]["exception_class"] is False
    assert "exception_class" not in scopes["typed"]  # a namespace
    text = run(dictinfo, exceptions).stdout
    assert re.search(r"class typed::MyError  \[size \d+, align 8, [^\]]*exception class\]", text), text
    one = json.loads(run(dictinfo, "--json", "--class", "typed::DerivedError", exceptions).stdout)
    assert one["exception_class"] is True, one
    assert re.search(r"exception class\]", run(dictinfo, "--class", "typed::AbstractError", exceptions).stdout)


if __name__ == "__main__":
    main()
