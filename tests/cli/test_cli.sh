#!/bin/bash
# The folio command as a user meets it: exit codes, standard streams,
# format choice, plugin discovery and atomic output.
# Usage: test_cli.sh FOLIO FIXTURE_DIR SAMPLES_DIR
set -u
folio=$1
fixtures=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() { # check NAME EXPECTED_STATUS COMMAND...
    local name=$1 expected=$2
    shift 2
    "$@" > "$work/stdout" 2> "$work/stderr"
    local status=$?
    if [ "$status" -eq "$expected" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name: exit $status, expected $expected"
        sed 's/^/  stderr: /' "$work/stderr"
    fi
}

expect_output() { # expect_output NAME FILE EXPECTED_TEXT
    if [ "$(cat "$2")" == "$3" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $1: got:"; sed 's/^/  | /' "$2"
        echo "  expected:"; printf '%s\n' "$3" | sed 's/^/  | /'
    fi
}

expect_grep() { # expect_grep NAME FILE PATTERN
    if grep -q -- "$3" "$2"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $1: no '$3' in:"; sed 's/^/  | /' "$2"
    fi
}

good="--plugin-dir=$fixtures/good"
printf 'LINES\none\ntwo\n' > "$work/in.lines"

# Information.
check "version" 0 "$folio" --version
expect_grep "version text" "$work/stdout" "^folio [0-9]*\.[0-9]*\.[0-9]* (plugin ABI 1\.0)$"
check "help" 0 "$folio" --help
expect_grep "help names -o" "$work/stdout" "--output=FILE"
check "help with writer options" 0 "$folio" "$good" -t lines --help
expect_grep "help lists plugin options" "$work/stdout" "--prefix=TEXT"
check "list formats" 0 "$folio" "$good" --list-formats
expect_grep "list shows the fixture" "$work/stdout" "^lines .*read,write.*\.lines.*good/lines\.so"
check "list formats shows bundled json" 0 "$folio" --list-formats
expect_grep "json is bundled" "$work/stdout" "^json .*read,write.*\.json"

# Conversions on standard streams and files.
check "stdin to stdout" 0 "$folio" "$good" -f lines -t lines --prefix='* ' < "$work/in.lines"
expect_output "stdin to stdout text" "$work/stdout" $'* LINES\n* one\n* two'
check "dash means stdin" 0 "$folio" "$good" -f lines -t lines - < "$work/in.lines"
check "format by extension" 0 "$folio" "$good" "$work/in.lines" -o "$work/out.lines"
expect_output "extension output" "$work/out.lines" $'LINES\none\ntwo'
printf 'LINES\nthree\n' > "$work/no-extension"
check "format by content" 0 "$folio" "$good" -t lines "$work/no-extension"
expect_output "content output" "$work/stdout" $'LINES\nthree'
check "FOLIO_PLUGIN_PATH" 0 env FOLIO_PLUGIN_PATH="$fixtures/nowhere:$fixtures/good" "$folio" -f lines -t lines "$work/in.lines"

# Usage errors: exit 2.
check "unknown option" 2 "$folio" "$good" -f lines -t lines --no-such-option "$work/in.lines"
expect_grep "unknown option named" "$work/stderr" "unknown option --no-such-option"
check "ill-typed option" 2 "$folio" "$good" -f lines -t lines --count=many "$work/in.lines"
expect_grep "ill-typed option named" "$work/stderr" "option --count takes an integer"
check "option needs a value" 2 "$folio" "$good" -f lines -t lines --prefix "$work/in.lines"
printf '{"folio": 1, "meta": {}, "blocks": []}' > "$work/in.json"
check "bad --wrap is a usage error" 2 "$folio" -t markdown --wrap=wide "$work/in.json"
expect_grep "wrap message" "$work/stderr" "option --wrap takes none or a number"
check "unknown format" 2 "$folio" "$good" -f nope -t lines "$work/in.lines"
expect_grep "unknown format named" "$work/stderr" "unknown format 'nope'"
check "no output format" 2 "$folio" "$good" -f lines "$work/in.lines"
expect_grep "no output format said" "$work/stderr" "name it with -t"
check "two inputs" 2 "$folio" "$good" -t lines "$work/in.lines" "$work/in.lines"
check "missing value" 2 "$folio" -f
check "bad max size" 2 "$folio" --max-input-size=lots

# Conversion failures: exit 1, message FILE:LINE:COL, nothing written.
printf 'LINES\nbad!\n' > "$work/bad.lines"
check "reader error" 1 "$folio" "$good" "$work/bad.lines" -t lines
expect_grep "error position" "$work/stderr" "^folio: $work/bad.lines:1:1: the lines format has no '!'$"
check "missing input" 1 "$folio" "$good" -f lines -t lines "$work/missing.lines"
expect_grep "missing input named" "$work/stderr" "missing.lines: cannot open"
check "input over the size limit" 1 "$folio" "$good" --max-input-size=4 "$work/in.lines" -t lines
expect_grep "limit named" "$work/stderr" "input size limit"
check "broken plugin asked by name" 1 "$folio" --plugin-dir="$fixtures/wrong_major" -f wrong_major -t json "$work/in.lines"
expect_grep "ABI mismatch named" "$work/stderr" "wrong_major.so: built for plugin ABI 2.0"

# Atomic output: a failed conversion leaves an existing file untouched and
# no temporary file; the input is never overwritten.
printf 'LINES\nprecious\n' > "$work/keep.lines"
check "failed conversion keeps the old output" 1 "$folio" "$good" "$work/bad.lines" -o "$work/keep.lines"
expect_output "old output intact" "$work/keep.lines" $'LINES\nprecious'
check "input is not overwritten" 1 "$folio" "$good" "$work/keep.lines" -o "$work/keep.lines"
expect_grep "overwrite refused" "$work/stderr" "would overwrite the input"
expect_output "input intact" "$work/keep.lines" $'LINES\nprecious'
check "output into a missing folder" 1 "$folio" "$good" "$work/in.lines" -o "$work/no/dir/out.lines"
leftovers=$(find "$work" -name '.*' -type f | wc -l)
if [ "$leftovers" -eq 0 ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: temporary files left behind"; fi

# A device is written in place, never replaced.
check "output to /dev/null" 0 "$folio" "$good" "$work/in.lines" -t lines -o /dev/null
[ -c /dev/null ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: /dev/null replaced"; }

# Writing to a closed or full standard output is an error, not a success.
if [ -w /dev/full ]; then
    check "stdout to /dev/full" 1 sh -c "\"$folio\" \"$good\" -f lines -t lines \"$work/in.lines\" > /dev/full"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
