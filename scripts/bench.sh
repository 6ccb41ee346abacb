#!/bin/sh
# Runs the benchmark suite and rewrites BENCHMARKS.md. Installs the peers
# (cmark, pandoc) and builds folio in release mode first.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
for peer in cmark pandoc; do
    command -v "$peer" > /dev/null || apt-get install -y -qq "$peer" > /dev/null
done
BUILD_DIR=build-release scripts/build.sh -DCMAKE_BUILD_TYPE=Release -DFOLIO_BUILD_TESTS=OFF > /dev/null
python3 bench/run.py --folio build-release/bin/folio --data build-release/bench-data \
    --write BENCHMARKS.md "$@"
