#!/usr/bin/env bash
# test.sh: installs the dependencies, builds, and runs every test: a normal
# build (GoogleTest, pytest under pypy3 and CPython, the install check), an
# ASan+UBSan build of the C++ tests and of the CPython pytest suite (python3
# with the ASan runtime preloaded), and a ThreadSanitizer build of libdictloader and its
# tests (with the multi-threaded stress). (detect_odr_violation=1: every
# dictionary exports the same entry symbol by design; level 1 still reports
# size clashes.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

echo "== build and test (RelWithDebInfo)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel 2
ctest --test-dir build --output-on-failure --parallel 2

echo "== build and test (AddressSanitizer + UndefinedBehaviorSanitizer)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDICTLOADER_SANITIZE=ON
cmake --build build-asan --parallel 2
ASAN_OPTIONS=detect_leaks=1:detect_odr_violation=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure --parallel 2

echo "== build and test libdictloader (ThreadSanitizer)"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDICTLOADER_TSAN=ON
cmake --build build-tsan --parallel 2
TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/dictloader/tsan.supp" ctest --test-dir build-tsan --output-on-failure --parallel 2
echo "== all tests passed"
