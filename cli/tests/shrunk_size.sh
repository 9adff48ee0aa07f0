#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# shrunk_size.sh MAX [--expect ROW] SPLICECHECK ARGS...: the run finds a bug and every
# shrunk trace it prints (`trace (shrunk, N ops)` of run, `MINIMAL ... (N ops` of oracle)
# has at most MAX ops (SPEC §1.11: the __GFP_ZERO reuse needs no more than 6). With
# --expect, the run must also exit 0 with `EXPECTED: ROW`.
set -u
max=$1
shift
row=""
if [ "$1" = --expect ]; then
  row=$2
  shift 2
fi
bin=$1
shift
out=$("$bin" "$@" 2>&1)
rc=$?
[ $rc = 77 ] && { echo "$out"; echo "source or kernel unavailable: skipped"; exit 77; }
if [ -n "$row" ] && { [ $rc != 0 ] || ! grep -q "^EXPECTED: $row$" <<<"$out"; }; then
  echo "exit $rc, no 'EXPECTED: $row'"; echo "$out"; exit 1
fi
sizes=$(grep -Eo '(trace \(shrunk, |^MINIMAL .*\()[0-9]+ ops' <<<"$out" | grep -Eo '[0-9]+ ops$' | grep -Eo '[0-9]+')
if [ -z "$sizes" ]; then
  echo "no bug found"; echo "$out"; exit 1
fi
for n in $sizes; do
  if [ "$n" -gt "$max" ]; then
    echo "shrunk trace of $n ops > $max"; echo "$out"; exit 1
  fi
done
echo "shrunk traces: $sizes"
