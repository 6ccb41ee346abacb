#!/bin/sh
# The main job on the project's own archive: folio batch converts every
# article under samples/ (format told from the content) into each format
# this build can write, under build/samples-out/FORMAT/, with a manifest;
# then every JSON tree must read back to the same bytes. Installs what is
# missing and builds first.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR=build scripts/build.sh > /dev/null
folio=build/bin/folio
out=build/samples-out
rm -rf "$out"
mkdir -p "$out"
status=0
for format in $("$folio" --list-formats | awk 'NR > 1 && $2 ~ /write/ { print $1 }'); do
    echo "== samples -> $format"
    "$folio" batch samples "$out/$format" -t "$format" -f auto \
        --exclude README.md --manifest "$out/$format.jsonl" || status=1
done
if [ -d "$out/json" ]; then
    echo "== JSON trees read back byte for byte"
    trees=0
    for tree in $(find "$out/json" -name '*.json' -not -path '*/.folio-batch/*'); do
        trees=$((trees + 1))
        "$folio" -f json -t json "$tree" | cmp -s - "$tree" ||
            { echo "differs: $tree"; status=1; }
    done
    echo "$trees trees checked"
fi
exit $status
