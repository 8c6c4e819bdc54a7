#!/bin/sh
# install_check.sh BUILD_DIR WORK_DIR SEED_HEADER PYPY
# Installs the build into a fresh prefix and runs the seed session from there
# only: the installed genreflex, libdictloader.so and cppyy package, and the
# installed standard dictionary (found beside the installed loader).
set -eu
build=$1 work=$2 header=$3 pypy=$4
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" > "$work/install.log"
for f in bin/genreflex bin/dictinfo lib/libdictloader.so include/dictloader/dictionary_abi.h \
         include/dictloader/cppyy_capi.h include/dictloader/dictloader.h lib/python/cppyy/__init__.py \
         lib/cmake/dictloader/dictloaderConfig.cmake share/dictloader/schema/catalog.sql \
         lib/dictloader/std.catalog lib/dictloader/libStd_sequencesDict.so lib/dictloader/libStd_mapsDict.so; do
  [ -e "$prefix/$f" ] || { echo "install_check: missing $prefix/$f"; exit 1; }
done
cd "$work"
"$prefix/bin/genreflex" "$header" --methptrgetter -o libMyClassDict.so
"$prefix/bin/genreflex" --cppflags | grep -q -- "-I$prefix/include" || { echo "install_check: --cppflags does not point at $prefix/include"; exit 1; }
"$prefix/bin/dictinfo" libMyClassDict.so | grep -q "int MyClass::AddInt(int a)"
env -u CPPYY_BACKEND_LIBRARY PYTHONPATH="$prefix/lib/python" "$pypy" -c '
import cppyy
assert cppyy._library.startswith("'"$prefix"'"), cppyy._library
cppyy.load_reflection_info("./libMyClassDict.so")
obj = cppyy.gbl.MyClass()
assert obj.MyFunc() == 0 and obj.AddInt(41) == 41 and obj.Sum(1.0, 2.0) == 3.0
v = cppyy.gbl.std.vector[int]()  # from the installed standard dictionary, beside the installed loader
v.push_back(42)
assert list(v) == [42]
with open("/proc/self/maps") as maps:
    standard = {line.split()[-1] for line in maps if "/libStd_" in line}
assert standard == {"'"$prefix"'/lib/dictloader/libStd_sequencesDict.so"}, standard
print("installed seed session OK")
'
