#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# series_layout.sh SPLICECHECK FETCH: a tree laid out as after the series' first patch
# (the page_frag functions in mm/page_frag_alloc.c, the struct still in mm_types.h),
# made from the 6.1 files, is found, extracted, built and run against the model alone.
set -u
bin=$1 fetch=$2
tree=$("$fetch" 6.1) || exit $?
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
mkdir -p "$copy/mm" "$copy/include/linux"
cp "$tree/mm/page_alloc.c" "$copy/mm/page_frag_alloc.c"
cp "$tree/include/linux/mm_types.h" "$copy/include/linux/"
exec "$(dirname "$0")/../../cli/tests/expect.sh" 0 "built: mm/page_frag_alloc.c \(the series' own file\); no mirror" \
  "EXPECTED: gfp_zero_reuse" "verdict: as expected$" -- "$bin" kernel-src --source "$copy" --cases 200
