#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# changes_only.sh SPLICECHECK SOURCE PATCHES PROPERTY...: runs kernel-src with the patches
# and passes when the property x level table shows a change (breaks / holds again) for
# exactly the named properties, each of them holding at the last level, and the verdict
# is as expected. A fix patch must turn its target green and leave everything else alone.
set -u
bin=$1 source=$2 patches=$3
shift 3
out=$("$bin" kernel-src --source "$source" --patches "$patches" 2>/dev/null)
status=$?
[ $status = 77 ] && { echo "kernel source unavailable: skipped"; exit 77; }
[ $status = 0 ] || { echo "exit status $status, expected 0"; echo "$out"; exit 1; }
table=$(sed -n '/^== property x patch level/,/^levels:/p' <<<"$out")
changed=$(grep -E 'holds again at|breaks at' <<<"$table" | awk '{print $1}' | sort | tr '\n' ' ')
want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
if [ "$changed" != "$want" ]; then
  printf 'properties that changed: %s\nexpected exactly:        %s\n%s\n' "$changed" "$want" "$table"
  exit 1
fi
for p in "$@"; do
  if ! grep -Eq "^$p .* ok +holds again at [0-9]+$" <<<"$table"; then
    printf '%s does not hold at the last level\n%s\n' "$p" "$table"
    exit 1
  fi
done
echo "$table"
