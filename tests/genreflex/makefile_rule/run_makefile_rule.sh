#!/usr/bin/env bash
# run_makefile_rule.sh GENREFLEX_DIR PYTHONPATH WORK_DIR INTERPRETER...
#
# Runs the classic ROOT Makefile rule (Makefile beside this script, unchanged)
# with this genreflex first on PATH: Track.h + Track.xml -> Track_rflx.cpp and
# TrackDict.rootmap, then TrackDict.so from the dictionary source and
# Track.cxx. Each interpreter then loads TrackDict.so through `import cppyy`
# and calls methods compiled in Track.cxx. Prints "makefile rule OK" at the end.
set -euo pipefail
genreflex_dir=$1 pythonpath=$2 work=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work"
cp "$here/Makefile" "$here/Track.h" "$here/Track.cxx" "$here/Track.xml" "$work/"
cd "$work"
export PATH="$genreflex_dir:$PATH"
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
