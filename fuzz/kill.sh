#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# kill.sh HARNESS SPLICECHECK ROW RUNS [SEED [PROFILE]]: the fuzz-kill test of one bug row
# (on PROFILE, a src: profile say, else the row's own). Starts
# from the committed seeds less every seed that already shows the row, fuzzes with a
# fixed -seed and -runs budget (the work is bounded, not the time), then shrinks the
# input found into a regression and replays it: it must say EXPECTED: ROW. KILL_KEEP=DIR
# keeps that regression; KILL_FIND_ONLY=1 stops once found (fuzz/time-to-detect --kill).
set -u
harness=$1 bin=$2 row=$3 runs=$4 seed=${5:-1}
on=() as=(--harness "$(basename "$harness")" --bug "$row") shown=""
[ -n "${6:-}" ] && on=(--profile="$6") as+=(--profile "$6") shown=" on $6"
name=$(basename "$harness")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/reg"
# 77 (a src: profile whose source package cannot be had) is a skip, said as such.
"$harness" "${on[@]}" --bug="$row" -runs=0 "$work/corpus" >"$work/log" 2>&1
status=$?
[ $status -eq 77 ] && { grep SKIPPED "$work/log"; exit 77; }
[ $status -ne 0 ] && { cat "$work/log"; exit 1; }
# The seeds go in by -seed_inputs, in C-locale name order: read from a directory they would
# come in readdir order, which differs between filesystems (ext4 hashes names with a
# per-filesystem seed), and libFuzzer's start-up shuffle makes the whole run depend on it.
seeds=() dropped=0
for s in $(LC_ALL=C ls "$root/corpus/$name/seeds"); do
  if "$harness" "${on[@]}" --bug="$row" -runs=0 "$root/corpus/$name/seeds/$s" >/dev/null 2>&1; then
    seeds+=("$root/corpus/$name/seeds/$s")
  else
    dropped=$((dropped + 1))
  fi
done
kept=${#seeds[@]}
seed_flag=()
[ "$kept" -gt 0 ] && seed_flag=(-seed_inputs="$(IFS=,; echo "${seeds[*]}")")
echo "$row$shown: $kept seeds kept, $dropped already show it"
# The run must be the same on every machine. -use_cmp=0: libFuzzer's compare tracing keeps
# the operands of every comparison (pointer null checks included) and splices them into
# inputs, so addresses, which move with the environment's size, the stack limit and the
# binary's path, steered the run (the same command found series_memdup at 40 471, 121 532,
# 184 506 or 249 738 runs by these alone, and not within 300 000 on the CI machine); the
# dictionary gives the constants instead. -reload=0: no time-dependent re-reading of the
# corpus. No address randomization, for the code that branches on page addresses.
norand="setarch $(uname -m) -R"
$norand true 2>/dev/null || { echo "setarch -R is not permitted here: the run cannot be made repeatable"; exit 1; }
$norand "$harness" "${on[@]}" --bug="$row" -seed="$seed" -runs="$runs" -reload=0 -use_cmp=0 -dict="$root/corpus/$name/$name.dict" \
  -artifact_prefix="$work/" -print_final_stats=1 "${seed_flag[@]}" "$work/corpus" >"$work/log" 2>&1
crash=$(ls "$work"/crash-* 2>/dev/null | head -1)
if [ -z "$crash" ]; then
  echo "not found in $runs runs (seed $seed)"; tail -5 "$work/log"; exit 1
fi
at=$(grep -Eo 'found at execution [0-9]+' "$work/log" | grep -Eo '[0-9]+$')
echo "found at execution ${at:-?} (the $kept seeds included)"
if [ -n "${KILL_FIND_ONLY:-}" ]; then
  # The harness's own report of the input must already name the row (the shrink below
  # keeps the check, so an input the row does not explain would fail there).
  grep -q "^EXPECTED: $row$" "$work/log" && { echo "EXPECTED: $row"; exit 0; }
  echo "but not as EXPECTED: $row:"; grep -E '^(check|first divergence|EXPECTED|UNEXPECTED)' "$work/log"; exit 1
fi
"$bin" shrink "$crash" "${as[@]}" --out "$work/reg" || exit 1
trace=$(ls "$work"/reg/*.trace | head -1)
# On a src: profile the raw regression replays on that kernel code (its trace names the
# mirror's profile).
if [ ${#on[@]} -gt 0 ]; then out=$("$bin" replay "${trace%.trace}" "${as[@]}"); else out=$("$bin" replay "$trace"); fi
if ! grep -q "^EXPECTED: $row$" <<<"$out"; then
  echo "the shrunk regression does not replay as EXPECTED: $row"; echo "$out"; exit 1
fi
# On kernel source the finding must be the kernel code's, not only our mirror's.
if [ ${#on[@]} -gt 0 ] && ! grep -q "^first divergence at op [0-9]*: .* $6=" <<<"$out"; then
  echo "the divergence is not in $6's code"; echo "$out"; exit 1
fi
echo "regression replays: EXPECTED: $row$shown"
# KILL_KEEP=DIR keeps the regression (raw and .trace), e.g. corpus/<harness>/regressions.
[ -n "${KILL_KEEP:-}" ] && cp "$work"/reg/* "$KILL_KEEP"/
exit 0
