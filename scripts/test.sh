#!/bin/sh
# Builds folio and runs every test: once as released, once under
# AddressSanitizer + UBSan (leaks included). Installs what is missing first.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "== build and test"
BUILD_DIR=build scripts/build.sh -DCMAKE_BUILD_TYPE=Release
(cd build && ctest --output-on-failure -j "$(nproc)")
echo "== build and test under AddressSanitizer + UBSan"
BUILD_DIR=build-asan scripts/build.sh -DFOLIO_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure -j "$(nproc)")
