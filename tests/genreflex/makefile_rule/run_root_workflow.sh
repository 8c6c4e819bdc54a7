#!/usr/bin/env bash
# run_root_workflow.sh GENREFLEX_DIR PYTHONPATH WORK_DIR INTERPRETER...
#
# A ROOT user's path end to end: the classic Makefile rule (unchanged) builds
# TrackDict.so and TrackDict.rootmap; the rootmap is imported into a catalog
# (genreflex --catalog --import-rootmap); then a script on each interpreter
# uses demo::Track without loading anything, the catalog named only by
# DICTLOADER_CATALOG. The per-user default catalog is moved into WORK_DIR
# (XDG_DATA_HOME) so that nothing outside it is read or written. Prints
# "root workflow OK" at the end.
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
