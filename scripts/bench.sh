#!/bin/sh
# Runs the benchmark suite and rewrites BENCHMARKS.md. Installs the peers
# first (cmark, pandoc, and Node for Readability + turndown, whose exact
# versions bench/readability/package-lock.json pins) and builds folio in
# release mode. Arguments go to bench/run.py (--no-pandoc, --articles N...).
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
missing=""
for peer in cmark:cmark pandoc:pandoc node:nodejs npm:npm; do
    command -v "${peer%%:*}" > /dev/null || missing="$missing ${peer#*:}"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # shellcheck disable=SC2086 # the list is meant to split into words
    $sudo apt-get install -y -qq --no-install-recommends $missing > /dev/null ||
        echo "bench: could not install$missing; run.py skips what is missing" >&2
fi
if command -v npm > /dev/null; then
    (cd bench/readability && npm ci --no-audit --no-fund --loglevel=error > /dev/null) ||
        echo "bench: npm ci failed in bench/readability; Readability + turndown is skipped" >&2
fi
BUILD_DIR=build-release scripts/build.sh -DCMAKE_BUILD_TYPE=Release -DFOLIO_BUILD_TESTS=OFF > /dev/null
python3 bench/run.py --folio build-release/bin/folio --data build-release/bench-data \
    --write BENCHMARKS.md "$@"
