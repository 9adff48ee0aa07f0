#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# many_live_fragments.sh SPLICECHECK N: replays a generated alloc trace of N small
# allocations on two cpus, none freed (N live fragments at the end), and expects every
# check to hold. The disjointness and refcount checks keep indexes instead of walking
# every live fragment per op; this holds them to the walk's answer at a size where the
# walk was quadratic (the trace is made here, not committed).
set -eu
bin=$1
n=$2
trace=$(mktemp)
trap 'rm -f "$trace"' EXIT
{
  echo "# splicecheck alloc series"
  for ((i = 0; i < n; i++)); do
    echo "Alloc cpu=$((i % 2)) fragsz=$((8 + (i % 7) * 8)) gfp=GFP_KERNEL align=$((1 << (i % 4)))"
  done
} >"$trace"
out=$("$bin" replay "$trace" 2>&1) || { printf 'exit %s\n%s\n' "$?" "$out" | tail -20; exit 1; }
grep -q "^replay: alloc/series, $n ops, then teardown$" <<<"$out" || { echo "$out" | head; exit 1; }
grep -q "^no check broke$" <<<"$out" || { echo "$out" | tail -20; exit 1; }
