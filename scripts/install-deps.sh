#!/usr/bin/env bash
# install-deps.sh: installs every build and test dependency from Debian 12 (bookworm).
# Used by README's first command and by .ci/run, so the two cannot drift apart.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  # Clang libTooling and LLVM Support, version 16 (all four are needed, see TOOLCHAIN.md)
  clang-16 libclang-16-dev libclang-cpp16-dev llvm-16-dev
  libsqlite3-dev sqlite3
  # the catalog's content hashes (OpenSSL's SHA-256)
  libssl-dev
  # headers the real-header tests use (tests/real_headers)
  zlib1g-dev
  # the header corpus (benchmarks/corpus)
  libfastjet-dev libclhep-dev libhepmc3-dev
  libboost-program-options-dev nlohmann-json3-dev
  # genreflex's selection files (ROOT's lcgdict XML)
  libxml2-dev
  libgtest-dev
  # Python side: PyPy with its built-in _cppyy, Debian's CPython, pytest for both
  pypy3 pypy3-dev python3 python3-dev
  # the CPython extension module's table of live objects (tsl::robin_map)
  robin-map-dev
  python3-pytest python3-exceptiongroup python3-tomli
  # the CPython bindings benchmark (benchmarks/bindings; each is optional there)
  swig pybind11-dev libboost-python-dev python3-cffi
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all dependencies present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
