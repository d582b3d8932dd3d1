#!/bin/sh
# Runs the unit tests (C, under the sanitizers) and the terminal tests
# (the real sanitizer-built binary in a pty), then prints the totals as
# "N passed, N failed". Usage: tests/run.sh BUILD_DIR [unit|tui|po]
set -u
build=$1
what=${2:-all}
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
failures=""

tally() {   # reads a test's output, adds its closing "N passed, N failed"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    [ -n "$p" ] || p=0
    [ -n "$f" ] || f=0
    passed=$((passed + p))
    failed=$((failed + f))
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT

if [ "$what" = all ] || [ "$what" = unit ]; then
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] || continue
        name=$(basename "$t")
        echo "== unit: $name"
        (cd "$top" && "$t") >"$out" 2>&1
        rc=$?
        cat "$out"
        tally "$out"
        if [ $rc -ne 0 ]; then
            failures="$failures $name"
            grep -qE '^[0-9]+ passed, [0-9]+ failed' "$out" || failed=$((failed + 1))
        fi
    done
fi

if [ "$what" = all ] || [ "$what" = po ]; then
    echo "== po: check-po"
    sh "$top/tests/check-po.sh" >"$out" 2>&1
    rc=$?
    cat "$out"
    tally "$out"
    if [ $rc -ne 0 ]; then
        failures="$failures check-po"
        grep -qE '^[0-9]+ passed, [0-9]+ failed' "$out" || failed=$((failed + 1))
    fi
fi

if [ "$what" = all ] || [ "$what" = tui ]; then
    for t in "$top"/tests/tui/test_*.py "$top"/tests/ssh/test_*.py; do
        [ -f "$t" ] || continue
        name=$(basename "$t" .py)
        echo "== tui: $name"
        JUWEI_BIN="$top/$build/juwei" JUWEI_LOCALEDIR="$top/build/locale" \
            /usr/bin/python3 "$t" >"$out" 2>&1
        rc=$?
        cat "$out"
        tally "$out"
        if [ $rc -ne 0 ]; then
            failures="$failures $name"
            grep -qE '^[0-9]+ passed, [0-9]+ failed' "$out" || failed=$((failed + 1))
        fi
    done
fi

[ -z "$failures" ] || echo "failing:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ -z "$failures" ]
