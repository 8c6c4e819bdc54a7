#!/usr/bin/env bash
# demo.sh: installs the dependencies, builds, and runs the seed demo (the 2010
# talk's session on PyPy, then its overhead table for this build).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel 2
build/benchmarks/seed/run_seed "$@"
