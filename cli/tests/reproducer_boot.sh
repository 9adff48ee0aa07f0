#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# reproducer_boot.sh SPLICECHECK RUNNER ROW KERNEL WANT: writes ROW's reproducer for
# KERNEL, builds and boots it with the module runner, and expects its line to start
# with WANT (FAIL or PASS). 77 when the kernel or its headers cannot be had.
set -u
bin=$1 runner=$2 row=$3 kernel=$4 want=$5
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" reproducer "$row" --kernel "$kernel" --out "$dir/splicecheck_repro.c" || exit 1
echo unused >"$dir/in.txt"
"$runner" "$kernel" "$dir/splicecheck_repro.c" "$dir/in.txt" "$dir/out.txt"
rc=$?
[ $rc = 3 ] && exit 77
[ $rc = 0 ] || { echo "runner exit $rc"; exit 1; }
cat "$dir/out.txt"
grep -q "^splicecheck-repro: $want" "$dir/out.txt"
