"""dictinfo on a real dictionary and on bad input (run by ctest with Debian's python3).

    check_dictinfo.py DICTINFO DICTIONARY NOT_A_DICTIONARY STUBS_ONLY_DICTIONARY ABI_1_0_DICTIONARY
"""
import json
import os
import subprocess
import sys


def run(*args, policy=None):
    env = dict(os.environ)
    env.pop("DICTLOADER_FASTPATH", None)
    if policy:
        env["DICTLOADER_FASTPATH"] = policy
    return subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                          env=env)


def functions_of(report, scope_name):
    [scope] = [scope for scope in report["scopes"] if scope["name"] == scope_name]
    return {fn["prototype"]: fn for fn in scope["functions"]}


def main():
    dictinfo, dictionary, plain, stubs_only, legacy = sys.argv[1:6]

    listing = run(dictinfo, "--json", dictionary)
    assert listing.returncode == 0, listing.stderr
    [report] = json.loads(listing.stdout)
    assert report["generator"].startswith("genreflex "), report["generator"]
    assert report["abi"] == "1.3", report["abi"]
    assert report["function_addresses"] is True
    assert report["fast_path_all"] is False
    scopes = {scope["name"]: scope for scope in report["scopes"]}
    widget = scopes["api::Widget"]
    assert widget["kind"] == "class" and widget["size"] > 0
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
    members = {member["name"]: member for member in widget["data"]}
    assert members["value"]["type"] == "int" and members["value"]["static"] is False
    assert members["instances"]["static"] is True
    assert scopes["api::Multi"]["bases"] == ["api::Base", "api::Other"], scopes["api::Multi"]["bases"]
    enums = {en["name"]: en for en in report["enums"]}
    assert enums["api::Mode"]["scoped"] is True
    assert enums["api::Mode"]["values"] == {"Off": 0, "On": 7, "Auto": -3}, enums["api::Mode"]
    assert report["typedefs"]["api::Count"] == "int", report["typedefs"]

    text = run(dictinfo, dictionary)
    assert text.returncode == 0, text.stderr
    assert "int api::Widget::Add(int x) const  [fast: wrapper]" in text.stdout, text.stdout
    assert "int api::Widget::Fail(int code) const  [stubs: may throw" in text.stdout, text.stdout

    # DICTLOADER_FASTPATH overrides what the dictionary recorded, and dictinfo shows it.
    everything = json.loads(run(dictinfo, "--json", dictionary, policy="all").stdout)[0]
    half = functions_of(everything, "api::util")["double api::util::Half(double x)"]
    assert half["fast_path"] is True and half["address"] == "direct", half
    nothing = json.loads(run(dictinfo, "--json", dictionary, policy="none").stdout)[0]
    add = functions_of(nothing, "api::Widget")["int api::Widget::Add(int x) const"]
    assert add["fast_path"] is False and add["why_not"] == "DICTLOADER_FASTPATH=none", add

    stubs = run(dictinfo, "--json", stubs_only)
    assert stubs.returncode == 0, stubs.stderr
    [stubs_report] = json.loads(stubs.stdout)
    listed = [fn for scope in stubs_report["scopes"] for fn in scope["functions"]]
    assert listed and all(fn["why_not"] in ("no --methptrgetter", "not a method PyPy's JIT calls directly")
                          for fn in listed), listed
    assert any(fn["why_not"] == "no --methptrgetter" for fn in listed), listed

    # A dictionary of ABI 1.0 has no fast-path records: the loader hands out the
    # addresses of functions marked as unable to throw, others only under "all".
    old = json.loads(run(dictinfo, "--json", legacy).stdout)[0]
    assert old["abi"] == "1.0", old["abi"]
    widget = functions_of(old, "api::Widget")
    assert widget["int api::Widget::Add(int x) const"]["fast_path"] is True, widget
    fail = widget["int api::Widget::Fail(int code) const"]
    assert fail["fast_path"] is False and fail["why_not"].startswith("may throw"), fail
    assert widget["api::Widget::Widget(int v)"]["why_not"] == "not a method PyPy's JIT calls directly"
    old_all = json.loads(run(dictinfo, "--json", legacy, policy="all").stdout)[0]
    assert functions_of(old_all, "api::Widget")["int api::Widget::Fail(int code) const"]["fast_path"] is True

    refused = run(dictinfo, plain)
    assert refused.returncode == 1, refused.returncode
    assert refused.stderr.startswith("dictinfo: error: ") and "not a dictionary" in refused.stderr, refused.stderr

    missing = run(dictinfo, "/nonexistent/libNoDict.so")
    assert missing.returncode == 1 and "cannot load" in missing.stderr, missing.stderr

    usage = run(dictinfo)
    assert usage.returncode == 2 and "no dictionary given" in usage.stderr, usage.stderr
    print("dictinfo checks passed")


if __name__ == "__main__":
    main()
