#!/bin/sh
# The main job on the project's own archive: converts every article under
# samples/ to the JSON tree (build/samples-out/), then back to each format
# that can write, and reports what it did. Installs what is missing and
# builds first.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_DIR=build scripts/build.sh > /dev/null
folio=build/bin/folio
out=build/samples-out
rm -rf "$out"
converted=0 skipped=0 failed=0
for input in $(find samples -type f ! -name README.md | sort); do
    relative=${input#samples/}
    mkdir -p "$out/$(dirname "$relative")"
    status=0
    "$folio" "$input" -t json -o "$out/$relative.json" 2> "$out/error.txt" ||
        status=$?
    case $status in
    0) converted=$((converted + 1)); echo "converted  $relative" ;;
    2) skipped=$((skipped + 1))
       echo "skipped    $relative: $(head -n 1 "$out/error.txt" | sed 's/^folio: //')" ;;
    *) failed=$((failed + 1)); echo "FAILED     $relative"; cat "$out/error.txt" ;;
    esac
done
rm -f "$out/error.txt"
# The JSON tree must read back and write the same bytes.
for tree in $(find "$out" -name '*.json' | sort); do
    "$folio" -f json -t json "$tree" | cmp -s - "$tree" ||
        { failed=$((failed + 1)); echo "FAILED     round trip of $tree"; }
done
echo "$converted converted, $skipped skipped (no reader for the format yet)," \
     "$failed failed; output in $out"
[ "$failed" -eq 0 ]
