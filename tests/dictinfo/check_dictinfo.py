"""dictinfo on a real dictionary and on bad input (run by ctest with Debian's python3).

    check_dictinfo.py DICTINFO DICTIONARY NOT_A_DICTIONARY
"""
import json
import subprocess
import sys


def run(*args):
    return subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


def main():
    dictinfo, dictionary, plain = sys.argv[1:4]

    listing = run(dictinfo, "--json", dictionary)
    assert listing.returncode == 0, listing.stderr
    [report] = json.loads(listing.stdout)
    assert report["generator"].startswith("genreflex "), report["generator"]
    assert report["abi"] == "1.0", report["abi"]
    assert report["function_addresses"] is True
    scopes = {scope["name"]: scope for scope in report["scopes"]}
    widget = scopes["api::Widget"]
    assert widget["kind"] == "class" and widget["size"] > 0
    prototypes = {fn["prototype"]: fn["fast_path"] for fn in widget["functions"]}
    assert prototypes["int api::Widget::Add(int x) const"] is True, prototypes
    assert prototypes["int api::Widget::Fail(int code) const"] is False, prototypes
    assert "int api::Widget::Scale(int x, int factor = 3) const" in prototypes, prototypes
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
    assert "int api::Widget::Add(int x) const  [fast]" in text.stdout, text.stdout

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
