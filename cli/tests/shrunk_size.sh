#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# shrunk_size.sh MAX SPLICECHECK ARGS...: the run finds a bug and every shrunk trace it
# prints has at most MAX ops (SPEC §1.11: the __GFP_ZERO reuse needs no more than 6).
set -u
max=$1 bin=$2
shift 2
out=$("$bin" "$@" 2>/dev/null)
[ $? = 77 ] && { echo "kernel source unavailable: skipped"; exit 77; }
sizes=$(grep -Eo 'trace \(shrunk, [0-9]+ ops\)' <<<"$out" | grep -Eo '[0-9]+')
if [ -z "$sizes" ]; then
  echo "no bug found"; echo "$out"; exit 1
fi
for n in $sizes; do
  if [ "$n" -gt "$max" ]; then
    echo "shrunk trace of $n ops > $max"; echo "$out"; exit 1
  fi
done
echo "shrunk traces: $sizes"
