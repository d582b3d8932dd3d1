#!/bin/sh
# Runs one libFuzzer target for a bounded time (from `make fuzz`).
# Usage: fuzz/run.sh BUILD_DIR NAME SECONDS [SEED_DIR …]
# New coverage goes to BUILD_DIR/corpus/NAME; a crash is saved as
# tests/data/fuzz/NAME/crash-… (or leak-…, timeout-…), an input that
# `make check` replays from then on, and this exits 1.
set -u
fz=$1 name=$2 seconds=$3
shift 3
mkdir -p "$fz/corpus/$name" "tests/data/fuzz/$name"
echo "== fuzz: $name for $seconds s"
"$fz/fuzz_$name" -max_total_time="$seconds" -print_final_stats=1 \
    -timeout=10 -artifact_prefix="tests/data/fuzz/$name/" \
    "$fz/corpus/$name" "tests/data/fuzz/$name" "$@" >"$fz/$name.log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$fz/$name.log")
secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$fz/$name.log")
cov=$(grep -o 'cov: [0-9]*' "$fz/$name.log" | tail -n 1)
echo "   ${runs:-?} executions in ${secs:-?} s, $cov, corpus $(ls "$fz/corpus/$name" | wc -l) inputs"
if [ $rc -ne 0 ]; then
    tail -n 40 "$fz/$name.log"
    echo "fuzz: $name failed; the input is kept in tests/data/fuzz/$name/" >&2
    exit 1
fi
