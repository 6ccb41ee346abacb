#!/bin/bash
# folio batch as an archive migration meets it: nested folders, a wrong
# extension, broken and unreadable files, a collision, hostile metadata, a
# run killed with SIGKILL and resumed, determinism across -j, shards.
# Usage: test_batch.sh FOLIO
set -u
folio=$1
work=$(mktemp -d)
trap 'chmod -R u+rwX "$work"; rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect_status() { # NAME EXPECTED ACTUAL
    if [ "$3" -eq "$2" ]; then pass; else fail "$1: exit $3, expected $2"; sed 's/^/  | /' "$work/stderr"; fi
}

# A JSON article: FILE TITLE [DATE]
article() {
    mkdir -p "$(dirname "$1")"
    printf '{"folio": 1, "meta": {"title": "%s", "date": "%s"}, "blocks": [{"type": "paragraph", "children": [{"type": "text", "text": "Body of %s."}]}]}\n' \
        "$2" "${3:-2025-06-16T05:01:56}" "$2" > "$1"
}

src=$work/archive
article "$src/2025/06/harbour.json" "Harbour festival opens"
article "$src/2025/06/library.json" "Library reopens"
article "$src/2025/07/deep/er/storm.json" "Storm clean-up" "2025-07-02"
article "$src/2025/07/wrong-extension.article" "Saved with an extension no reader claims"
printf '{"folio": 1, "blocks": [' > "$src/2025/07/broken.json"
article "$src/2025/08/hostile.json" "../../etc/passwd"
article "$src/2025/08/absolute.json" "/etc/shadow"
article "$src/2025/08/dots.json" ".."
article "$src/2025/08/control.json" "bell\\u0007and\\nnewline"
article "$src/.hidden/secret.json" "Hidden"
printf '\377\330\377\340\000\020JFIF\000\001' > "$src/2025/photo.jpg"

# Mirrored names, by extension: a file no reader claims is not an input, the broken
# file fails alone, everything else converts.
"$folio" batch "$src" "$work/out" -t json --manifest "$work/manifest.jsonl" \
    > "$work/stdout" 2> "$work/stderr"
expect_status "mirror run" 1 $?
for f in 2025/06/harbour.json 2025/07/deep/er/storm.json 2025/08/hostile.json; do
    cmp -s <("$folio" -f json -t json "$src/$f") "$work/out/$f" && pass ||
        fail "mirror: $f is not the conversion of its input"
done
[ ! -e "$work/out/2025/07/broken.json" ] && pass || fail "broken input left an output"
[ ! -e "$work/out/2025/07/wrong-extension.json" ] && pass || fail "an unclaimed extension was taken without -f auto"
[ ! -e "$work/out/.hidden" ] && pass || fail "a hidden folder was walked"
grep -q "broken.json:1:.*" "$work/stderr" && pass || fail "broken file error has no position"
grep -q "^folio batch: 7 converted, 0 up to date, 1 failed" "$work/stderr" && pass ||
    fail "summary: $(tail -n 1 "$work/stderr")"
[ "$(wc -l < "$work/manifest.jsonl")" -eq 8 ] && pass || fail "manifest has $(wc -l < "$work/manifest.jsonl") records, not 8"
grep -q '"input":"2025/07/broken.json","output":"2025/07/broken.json","status":"failed"' "$work/manifest.jsonl" &&
    pass || fail "manifest lacks the failure"

# A second run skips everything up to date; touching one input redoes it;
# --force redoes all.
"$folio" batch "$src" "$work/out" -t json 2> "$work/stderr"
grep -q "0 converted, 7 up to date, 1 failed" "$work/stderr" && pass || fail "rerun: $(tail -n 1 "$work/stderr")"
sleep 0.01; touch "$src/2025/06/library.json"
"$folio" batch "$src" "$work/out" -t json 2> "$work/stderr"
grep -q "1 converted, 6 up to date" "$work/stderr" && pass || fail "touched: $(tail -n 1 "$work/stderr")"
# The journal keeps the latest record per input only: the version line and 7.
journal=$work/out/.folio-batch/journal
[ "$(wc -l < "$journal")" -eq 8 ] && [ "$(cut -f 5 "$journal" | sort | uniq -d)" = "" ] && pass ||
    fail "journal not compacted: $(cat "$journal")"
"$folio" batch "$src" "$work/out" -t json --force 2> "$work/stderr"
grep -q "7 converted, 0 up to date" "$work/stderr" && pass || fail "force: $(tail -n 1 "$work/stderr")"
"$folio" batch "$src" "$work/out" -t json --compact 2> "$work/stderr"
grep -q "7 converted, 0 up to date" "$work/stderr" && pass ||
    fail "changed options did not redo the outputs: $(tail -n 1 "$work/stderr")"

# Mirrored names are made from the input's path whenever needed: a deep
# folder and a long name mirror exactly; inputs that mirror to one output
# (another extension; names cut to 240 bytes) collide, and neither is written.
mirror=$work/mirror
long=$(printf 'x%.0s' $(seq 1 200))
deep=a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z
article "$mirror/$deep/$long.json" "Deep"
article "$mirror/coll/a.json" "A"
article "$mirror/coll/a.txt" "A saved as text"
article "$mirror/coll/$long${long:0:42}-1.json" "Long one"
article "$mirror/coll/$long${long:0:42}-2.json" "Long two"
"$folio" batch "$mirror" "$work/mirrored" -t json -f json --include '*.json' --include '*.txt' \
    -j 2 --manifest "$work/mirror.jsonl" 2> "$work/stderr"
expect_status "mirror collisions" 1 $?
cmp -s <("$folio" -f json -t json "$mirror/$deep/$long.json") "$work/mirrored/$deep/$long.json" && pass ||
    fail "deep folder and long name not mirrored: $(find "$work/mirrored" -type f)"
grep -q "1 converted, 0 up to date, 0 failed, 4 collisions" "$work/stderr" && pass ||
    fail "mirror collisions: $(tail -n 1 "$work/stderr")"
grep -q "coll/a.json is also the output of coll/a.txt" "$work/stderr" && pass ||
    fail "collision by extension not reported"
[ "$(find "$work/mirrored/coll" -type f 2> /dev/null | wc -l)" -eq 0 ] && pass || fail "a collision was written"
[ "$(grep -c "\"output\":\"coll/${long}${long:0:40}.json\",\"status\":\"collision\"" "$work/mirror.jsonl")" -eq 2 ] &&
    pass || fail "names cut to 240 bytes did not collide"

# Content detection takes the file with the wrong extension.
"$folio" batch "$src" "$work/auto" -t json -f auto 2> "$work/stderr"
[ -f "$work/auto/2025/07/wrong-extension.json" ] && pass || fail "-f auto missed the mislabelled article"
grep -q "1 ignored" "$work/stderr" && pass || fail "-f auto: the photo was not ignored: $(tail -n 1 "$work/stderr")"

# Names from metadata: hostile titles stay inside OUTDIR; two inputs with
# one name collide and neither is written.
article "$src/2025/09/copy-of-harbour.json" "Harbour festival opens"
"$folio" batch "$src" "$work/named" -t json --name '_posts/{date:%Y-%m-%d}-{slug}' \
    2> "$work/stderr"
expect_status "named run" 1 $?
outside=$(find "$work" -maxdepth 1 -newer "$src/2025/09/copy-of-harbour.json" ! -name named ! -name stderr ! -path "$work" | wc -l)
[ "$outside" -eq 0 ] && pass || fail "something was written outside OUTDIR"
[ -z "$(find "$work/named" -path '*..*' -o -name '*[[:cntrl:]]*')" ] && pass || fail "unsafe names: $(find "$work/named")"
[ -f "$work/named/_posts/2025-06-16-etc-passwd.json" ] && pass ||
    fail "hostile title not neutralised: $(ls "$work/named/_posts")"
[ -f "$work/named/_posts/2025-07-02-storm-clean-up.json" ] && pass || fail "date format or slug wrong: $(ls "$work/named/_posts")"
[ ! -e "$work/named/_posts/2025-06-16-harbour-festival-opens.json" ] && pass || fail "a collision was written"
[ "$(grep -c "is also the output of" "$work/stderr")" -eq 2 ] && pass || fail "collision not reported for both inputs"
"$folio" batch "$src" "$work/named2" -t json --name '{title}' 2> "$work/stderr"
[ -f "$work/named2/..-..-etc-passwd.json" ] || [ -f "$work/named2/_.-..-etc-passwd.json" ] && pass ||
    fail "raw title with slashes: $(ls -a "$work/named2")"
[ -z "$(find "$work/named2" -name '..*' -o -name '.' -prune -o -name '*[[:cntrl:]]*' -print)" ] && pass ||
    fail "raw titles gave unsafe names: $(ls -a "$work/named2")"
rm -f "$src/2025/09/copy-of-harbour.json"

# Dry run: reports, writes nothing.
"$folio" batch "$src" "$work/dry" -t json --dry-run > "$work/stdout" 2> "$work/stderr"
[ ! -e "$work/dry" ] && pass || fail "dry run created OUTDIR"
[ "$(grep -c '^would write' "$work/stdout")" -eq 8 ] && pass || fail "dry run listed $(grep -c '^would write' "$work/stdout")"

# OUTDIR inside SRC is not walked.
"$folio" batch "$src" "$src/converted" -t json 2> "$work/stderr"
[ ! -e "$src/converted/converted" ] && pass || fail "OUTDIR inside SRC was walked"
grep -q "7 converted" "$work/stderr" && pass || fail "inside: $(tail -n 1 "$work/stderr")"
rm -rf "$src/converted"

# Unreadable and oversized inputs fail alone.
if [ "$(id -u)" -ne 0 ]; then
    chmod 000 "$src/2025/06/library.json"
    "$folio" batch "$src" "$work/unreadable" -t json 2> "$work/stderr"
    grep -q "library.json: cannot open" "$work/stderr" && pass || fail "unreadable file not reported"
    chmod 644 "$src/2025/06/library.json"
fi
"$folio" batch "$src" "$work/small" -t json --max-input-size=150 2> "$work/stderr"
grep -q "input size limit" "$work/stderr" && pass || fail "oversized input not reported"

# A large archive: -j1 and -j2 give the same bytes; a run killed with
# SIGKILL resumes to the same result with no temporary file left.
big=$work/big
for i in $(seq 1 1500); do
    article "$big/$((i % 7))/$((i % 13))/article-$i.json" "Article number $i" \
        "2025-0$((i % 9 + 1))-1$((i % 10))"
done
"$folio" batch "$big" "$work/j1" -t json -j 1 2> /dev/null
"$folio" batch "$big" "$work/j2" -t json -j 2 2> /dev/null
diff -r -x .folio-batch "$work/j1" "$work/j2" > /dev/null && pass || fail "-j1 and -j2 differ"
"$folio" batch "$big" "$work/killed" -t json -j 2 2> /dev/null &
pid=$!
for _ in $(seq 1 200); do
    [ "$(find "$work/killed" -name '*.json' 2> /dev/null | wc -l)" -gt 100 ] && break
    sleep 0.01
done
kill -9 "$pid" 2> /dev/null; wait "$pid" 2> /dev/null
"$folio" batch "$big" "$work/killed" -t json -j 2 2> "$work/stderr"
expect_status "resumed run" 0 $?
grep -q "1500 inputs" "$work/stderr" && pass || fail "resume: $(tail -n 1 "$work/stderr")"
diff -r -x .folio-batch "$work/j1" "$work/killed" > /dev/null && pass || fail "resumed output differs"
[ -z "$(find "$work/killed" -type f -name '.*')" ] && pass || fail "temporary files left: $(find "$work/killed" -type f -name '.*')"
# A record torn by a kill is left out; the next run compacts the journal
# to one whole record per input, made from what this run appended too.
journal=$work/killed/.folio-batch/journal
printf '0000000000000001\t1\t1\t1\t0/0/article-' >> "$journal"
touch "$big/1/1/article-1.json"
"$folio" batch "$big" "$work/killed" -t json -j 2 2> "$work/stderr"
grep -q "1 converted, 1499 up to date" "$work/stderr" && pass || fail "after a torn record: $(tail -n 1 "$work/stderr")"
[ "$(wc -l < "$journal")" -eq 1501 ] && [ "$(awk -F '\t' 'NR > 1 && NF != 6' "$journal")" = "" ] &&
    [ "$(cut -f 5 "$journal" | sort | uniq -d)" = "" ] && pass || fail "journal after a torn record: $(wc -l < "$journal") lines"
"$folio" batch "$big" "$work/killed" -t json -j 2 2> "$work/stderr"
grep -q "0 converted, 1500 up to date" "$work/stderr" && pass || fail "after compacting: $(tail -n 1 "$work/stderr")"
# Of two records for one input, the later counts: one saying the output
# has 1 byte makes it stale.
sed -n 2p "$journal" | awk -F '\t' -v OFS='\t' '{ $4 = 1; print }' >> "$journal"
"$folio" batch "$big" "$work/killed" -t json -j 2 2> "$work/stderr"
grep -q "1 converted, 1499 up to date" "$work/stderr" && pass || fail "later record: $(tail -n 1 "$work/stderr")"
[ "$(wc -l < "$journal")" -eq 1501 ] && pass || fail "journal with a later record: $(wc -l < "$journal") lines"

# Shards partition the archive.
for k in 1 2 3; do
    "$folio" batch "$big" "$work/shards" -t json --shard "$k/3" --manifest "$work/shard$k.jsonl" 2> /dev/null
done
[ "$(cat "$work"/shard?.jsonl | wc -l)" -eq 1500 ] && pass || fail "shards do not add up to the archive"
[ "$(cat "$work"/shard?.jsonl | sort -u | wc -l)" -eq 1500 ] && pass || fail "shards overlap"
diff -r -x .folio-batch "$work/j1" "$work/shards" > /dev/null && pass || fail "sharded output differs"

# Usage errors.
"$folio" batch "$src" 2> "$work/stderr"; expect_status "one folder" 2 $?
"$folio" batch "$src" "$work/x" 2> "$work/stderr"; expect_status "no -t" 2 $?
"$folio" batch "$src" "$work/x" -t json --shard 4/3 2> "$work/stderr"; expect_status "bad shard" 2 $?
"$folio" batch "$src" "$work/x" -t json --name '{title' 2> "$work/stderr"; expect_status "bad template" 2 $?
"$folio" -t json --jobs 2 "$src/2025/06/harbour.json" 2> "$work/stderr"; expect_status "batch option outside batch" 2 $?

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
