#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# smoke.sh HARNESS RUNS [SEED]: fuzzes a copy of the committed seeds (libFuzzer writes
# new inputs into its corpus directory) for a fixed number of runs on the harness's
# default profile; any finding fails. Prints the final stats line (exec/s).
set -u
harness=$1 runs=$2 seed=${3:-1}
name=$(basename "$harness")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/corpus/$name/seeds/"* "$work/"
"$harness" -seed="$seed" -runs="$runs" -dict="$root/corpus/$name/$name.dict" -artifact_prefix="$work/" \
  "$work" >"$work.log" 2>&1
rc=$?
grep -E '^#[0-9]+' "$work.log" | tail -1
[ $rc = 0 ] || { echo "finding (exit $rc):"; grep -A30 'found at execution' "$work.log" | head -40; }
rm -f "$work.log"
exit $rc
