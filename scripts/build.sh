#!/bin/sh
# Configures and builds folio in BUILD_DIR (default: build), with compiler
# warnings as errors. Extra arguments go to cmake's configure step.
set -eu
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DFOLIO_WERROR=ON "$@" > "$build_dir.configure.log" 2>&1 ||
    { cat "$build_dir.configure.log"; exit 1; }
rm -f "$build_dir.configure.log"
cmake --build "$build_dir" -j "$(nproc)"
