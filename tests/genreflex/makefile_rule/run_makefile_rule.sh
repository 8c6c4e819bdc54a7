#!/usr/bin/env bash
# run_makefile_rule.sh GENREFLEX_DIR PYTHONPATH WORK_DIR INTERPRETER...
#
# A ROOT user's path end to end. The classic ROOT Makefile rule (Makefile
# beside this script, unchanged) runs with this genreflex first on PATH:
# Track.h + Track.xml -> Track_rflx.cpp and TrackDict.rootmap, then
# TrackDict.so from the dictionary source and Track.cxx. Each interpreter
# loads TrackDict.so through `import cppyy` and calls methods compiled in
# Track.cxx. Then the rootmap is imported into a catalog (genreflex --catalog
# --import-rootmap) and a script on each interpreter uses demo::Track without
# loading anything, the catalog named only by DICTLOADER_CATALOG (the per-user
# default catalog is moved into WORK_DIR, XDG_DATA_HOME, and must stay
# unwritten). Prints "makefile rule OK", then "root workflow OK".
set -euo pipefail
genreflex_dir=$1 pythonpath=$2 work=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work"
cp "$here/Makefile" "$here/Track.h" "$here/Track.cxx" "$here/Track.xml" "$work/"
cd "$work"
export PATH="$genreflex_dir:$PATH" XDG_DATA_HOME="$work/xdg"
make --no-print-directory TrackDict.so

# the rootmap names the library the rule builds and what it provides
for line in '[ TrackDict.so ]' 'class demo::Track' 'namespace demo' 'header Track.h'; do
  grep -qxF "$line" TrackDict.rootmap || { echo "TrackDict.rootmap lacks '$line':"; cat TrackDict.rootmap; exit 1; }
done
if grep -q Unlisted TrackDict.rootmap; then echo "TrackDict.rootmap lists demo::Unlisted"; exit 1; fi

for interpreter in "$@"; do
  PYTHONPATH="$pythonpath" "$interpreter" - <<'PY'
import cppyy
cppyy.load_reflection_info("./TrackDict.so")
track = cppyy.gbl.demo.Track(4)
assert track.hits() == 4, track.hits()
assert track.scaled(2.5) == 10.0, track.scaled(2.5)
assert track.label() == "track with 4 hits", track.label()
assert not hasattr(track, "reset"), "Track.xml excludes reset()"
try:
    cppyy.gbl.demo.Unlisted
except AttributeError:
    pass
else:
    raise AssertionError("demo::Unlisted is not selected")
PY
  echo "$interpreter: calls through TrackDict.so OK"
done
echo "makefile rule OK"

genreflex --catalog="$work/catalog.sqlite" --import-rootmap=TrackDict.rootmap

# from another directory: the catalog, not the working directory, finds the library
mkdir -p elsewhere && cd elsewhere
for interpreter in "$@"; do
  DICTLOADER_CATALOG="$work/catalog.sqlite" PYTHONPATH="$pythonpath" "$interpreter" - <<'PY'
import cppyy
track = cppyy.gbl.demo.Track(4)  # never loaded: the catalog says TrackDict.so
assert track.hits() == 4 and track.label() == "track with 4 hits", track.label()
try:
    cppyy.gbl.demo.Unlisted  # not selected, so in no dictionary and no catalog
except AttributeError:
    pass
else:
    raise AssertionError("demo::Unlisted was found")
PY
  echo "$interpreter: demo::Track autoloaded through the catalog"
done
[ ! -e "$work/xdg/dictloader/catalog.sqlite" ] || { echo "the default catalog was written"; exit 1; }
echo "root workflow OK"
