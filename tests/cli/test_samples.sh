#!/bin/bash
# Every sample through every writer of the build, as a user converting an
# archive would: each conversion succeeds, and each output reads back with
# its own format's reader. Also pins which reader the content picks where
# an extension lies.
# Usage: test_samples.sh FOLIO SAMPLES_DIR
set -u
folio=$1
samples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

reader_of() { # the reader folio picks for FILE, from its JSON metadata
    "$folio" "$1" -t json 2> /dev/null | head -n 40
}

# An extension can lie: content decides when the extension's reader
# refuses.
reader_of "$samples/2025/06/_posts/2025-06-21-kestrel-harbour-festival.txt" |
    grep -q '"layout": "post"' && pass ||
    fail "a Jekyll post saved as .txt was not read as Markdown"
reader_of "$samples/2025/09/museum-late-opening.txt" | grep -q '"lang": "en-GB"' &&
    pass || fail "an HTML page saved as .txt was not read as HTML"
reader_of "$samples/2025/06/kestrel-harbour-festival.txt" |
    grep -q '"title": "Kestrel Harbour festival returns' && pass ||
    fail "a plain text article lost its title"

writers=$("$folio" --list-formats | awk 'NR > 1 && $2 ~ /write/ { print $1 }')
while IFS= read -r -d '' input; do
    for writer in $writers; do
        out="$work/out.$writer"
        if ! "$folio" "$input" -t "$writer" -o "$out" 2> "$work/stderr"; then
            fail "$input -> $writer: $(cat "$work/stderr")"
            continue
        fi
        if "$folio" -f "$writer" -t json "$out" > /dev/null 2> "$work/stderr"; then
            pass
        else
            fail "$input -> $writer does not read back: $(cat "$work/stderr")"
        fi
    done
done < <(find "$samples" -type f ! -name README.md -print0 | sort -z)

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
