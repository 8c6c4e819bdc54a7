#!/bin/sh
# sources_compile.sh - a test header's dictionary source, written by genreflex
# in source mode, compiles as written: with each compiler named, and the flags
# `genreflex --cppflags` prints (source mode has no compile to fall back on).
#
#   sources_compile.sh GENREFLEX WORKDIR "g++ clang++-16" HEADER [SELECTION] [-- GENREFLEX_ARGS...]
#
# No -I for the header's folder: the source includes it by absolute path
# (tests/python/data holds a strings.h that would shadow <strings.h>).
set -u
if [ $# -lt 4 ]; then
  echo "usage: $0 GENREFLEX WORKDIR COMPILERS HEADER [SELECTION] [-- GENREFLEX_ARGS...]" >&2
  exit 2
fi
genreflex=$1
workdir=$2
compilers=$3
header=$4
shift 4
selection=""
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
  selection=$1
  shift
fi
[ $# -gt 0 ] && [ "$1" = "--" ] && shift

mkdir -p "$workdir" || exit 1
name=$(basename "$header" .h)
source="$workdir/${name}_rflx.cpp"
rm -f "$source"
set -- "$@" "$header" -o "$source"
[ -n "$selection" ] && set -- "$@" "--selection=$selection"
if ! "$genreflex" "$@" --quiet; then
  echo "FAIL: genreflex $*" >&2
  exit 1
fi
cppflags=$("$genreflex" --cppflags) || exit 1

status=0
for compiler in $compilers; do
  log="$workdir/${name}.$(basename "$compiler").log"
  # shellcheck disable=SC2086  # the flags are words
  if "$compiler" $cppflags -fsyntax-only "$source" 2>"$log"; then
    echo "ok: $compiler $cppflags -fsyntax-only $source"
  else
    echo "FAIL: $compiler $cppflags -fsyntax-only $source" >&2
    head -n 60 "$log" >&2
    status=1
  fi
done
exit $status
