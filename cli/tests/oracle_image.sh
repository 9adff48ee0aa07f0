#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# oracle_image.sh MODE SPLICECHECK SCENARIOS: `oracle --kernel PATH --modules DIR` on the
# sid kernel the oracle.kernel_7.2 test fetched (the path a kernel developer takes with a
# kernel of their own). MODE ok: its own modules, no disagreement; no_modules: an empty
# modules directory, so the guest lacks qemu_fw_cfg and kTLS and the run must fail loudly.
set -u
mode=$1 bin=$2 set=$3
cache=${XDG_CACHE_HOME:-$HOME/.cache}/splicecheck/oracle/unpacked
image=$(ls "$cache"/usr/lib/modules/*/vmlinuz 2>/dev/null | tail -1)
[ -n "$image" ] || { echo "no sid kernel in $cache (the oracle.kernel_7.2 fixture fetches it)"; exit 1; }
moddir=$(dirname "$image")
if [ "$mode" = no_modules ]; then
  moddir=$(mktemp -d)
  trap 'rmdir "$moddir"' EXIT
fi
out=$("$bin" oracle --kernel "$image" --modules "$moddir" --file "$set" 2>&1)
rc=$?
case $mode in
  ok) want=0 pattern="the model disagrees on 0, the impl on 0" ;;
  no_modules) want=4 pattern="ORACLE error .*qemu_fw_cfg" ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
if [ $rc != $want ] || ! grep -Eq "$pattern" <<<"$out"; then
  printf 'exit %s (want %s), output should match /%s/:\n%s\n' "$rc" "$want" "$pattern" "$out"
  exit 1
fi
grep -E "^splicecheck oracle:|^summary:|ORACLE error" <<<"$out" || true
