#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# oracle_alloc_bad.sh MODE SPLICECHECK: `oracle --component alloc` on a kernel given by
# path (the 6.1 and 6.12 packages the oracle.alloc_kernel_* tests fetched) with headers
# that cannot serve it; each way must fail with its own exit code and show why:
#   mismatch  6.1's headers for the 6.12 image: 5, both releases named (no boot)
#   no_build  a headers tree whose make fails: 6, the build log's error line (no boot)
#   refused   a "module" the kernel will not load (ghash-generic without gf128mul, as a
#             headers tree's make would leave it): 7, the guest's dmesg lines (one boot)
set -u
mode=$1 bin=$2
cache=${XDG_CACHE_HOME:-$HOME/.cache}/splicecheck/oracle
image() { ls "$cache"/unpacked/boot/vmlinuz-"$1"* 2>/dev/null | tail -1; }
img61=$(image 6.1.) img612=$(image 6.12.)
hdr61=$(ls -d "$cache"/headers/usr/src/linux-headers-6.1.*-cloud-amd64 2>/dev/null | tail -1)
[ -n "$img61" ] && [ -n "$img612" ] && [ -n "$hdr61" ] ||
  { echo "no 6.1 and 6.12 kernels and headers in $cache (the oracle.alloc_kernel_6.1|6.12 fixtures fetch them)"; exit 1; }
modules() { echo "$cache/unpacked/lib/modules/${1#*/vmlinuz-}"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
traces=(--random 1 --seed 1 --profile pre-series)
case $mode in
  mismatch)
    want=5 pattern="the headers are for 6\.1\.[^ ]*, the kernel is 6\.12\."
    args=(--kernel "$img612" --modules "$(modules "$img612")" --headers "$hdr61") ;;
  no_build)
    printf 'modules:\n\t@echo "splicecheck_alloc.c:1:1: error: this tree builds no modules"; exit 1\n' >"$work/Makefile"
    want=6 pattern="does not build against .*error: this tree builds no modules"
    args=(--kernel "$img61" --modules "$(modules "$img61")" --headers "$work") ;;
  refused)
    ko=$(find "$(modules "$img61")" -name 'ghash-generic.ko*' | head -1)
    [ -n "$ko" ] || { echo "no ghash-generic module for 6.1"; exit 1; }
    printf 'modules:\n\tcp %s $(M)/splicecheck_alloc.ko\n' "$ko" >"$work/Makefile"
    want=7 pattern="refused splicecheck_alloc\.ko.*Unknown symbol"
    args=(--kernel "$img61" --modules "$(modules "$img61")" --headers "$work") ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
out=$(ORACLE_TIMEOUT=${ORACLE_TIMEOUT:-300} "$bin" oracle --component alloc "${args[@]}" "${traces[@]}" 2>&1)
rc=$?
if [ $rc != $want ] || ! grep -Ezq "$pattern" <<<"$out"; then
  printf 'exit %s (want %s), output should match /%s/:\n%s\n' "$rc" "$want" "$pattern" "$out"
  exit 1
fi
printf '%s\n' "$out"
