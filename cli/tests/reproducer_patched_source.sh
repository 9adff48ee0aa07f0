#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# reproducer_patched_source.sh SPLICECHECK FETCH TRACE PATCH: the reproducer's trace (the
# one oracle.reproducer_gfp_zero_reuse_7.2 boots, where 7.2 prints FAIL) replayed on 7.2's
# own source (kernel-src's build on the shims): gfp_zero_reuse shows; on that source with
# PATCH applied the source hands out zeros (its column breaks none). 77 when the source
# package cannot be had.
set -u
bin=$1 fetch=$2 trace=$3 fix=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree=$("$fetch" 7.2) || exit $?
sed '1s/^# splicecheck alloc [^ ]*/# splicecheck alloc v6.13/' "$trace" >"$work/t.trace"
"$bin" encode "$work/t.trace" --out "$work/t.raw" >/dev/null || exit 1
base=$("$bin" replay "$work/t.raw" --harness alloc_fuzz --profile src:7.2 2>&1)
grep -q "^EXPECTED: gfp_zero_reuse$" <<<"$base" || { echo "7.2's source should show gfp_zero_reuse:"; echo "$base"; exit 1; }
cp -r "$tree" "$work/patched"
patch -d "$work/patched" -p1 -s <"$fix" || { echo "$fix does not apply to $tree"; exit 1; }
fixed=$("$bin" replay "$work/t.raw" --harness alloc_fuzz --profile "src:$work/patched" 2>&1)
# The patched source's own column: the same fragment, and no check broken.
if ! grep -Eq "src:$work/patched=frag [^;]* breaks none" <<<"$fixed"; then
  echo "the patched source should break nothing on the trace:"; echo "$fixed"; exit 1
fi
grep -E "^first divergence|^EXPECTED" <<<"$base"
echo "patched: $(grep -Eo "src:$work/patched=frag [^;]* breaks none" <<<"$fixed")"
