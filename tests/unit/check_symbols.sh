#!/bin/sh
# The library exports exactly the functions its public headers declare with
# FOLIO_API: nothing internal leaks, nothing declared is missing.
# Usage: check_symbols.sh LIBRARY INCLUDE_DIR
set -eu
library=$1
include_dir=$2
expected=$(mktemp)
exported=$(mktemp)
trap 'rm -f "$expected" "$exported"' EXIT
# A declaration may span lines: drop comments, join each header, then take
# the identifier before the first '(' of every FOLIO_API statement.
for header in "$include_dir"/*.h; do
    perl -0777 -pe 's{/\*.*?\*/}{}gs; s/^[ \t]*#.*$//mg; s/\n/ /g' "$header" |
        grep -o 'FOLIO_API [^;]*;' |
        sed -e 's/(.*//' -e 's/.*[ *]\(folio_[a-z0-9_]*\)$/\1/'
done | sort -u > "$expected"
nm -D --defined-only "$library" | awk '$2 == "T" { print $3 }' |
    sort -u > "$exported"
if ! diff -u "$expected" "$exported"; then
    echo "exported symbols differ from the FOLIO_API declarations" \
         "(- declared only, + exported only)" >&2
    exit 1
fi
echo "exported symbols: $(wc -l < "$exported") match the headers"
