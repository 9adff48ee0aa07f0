#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# out_of_line.sh SPLICECHECK FETCH PATCH: a user's tree (a copy of the 7.2 files) with a
# defect our mirror lacks must fail the three-way differential, naming the real source.
set -u
bin=$1 fetch=$2 patch=$3
tree=$("$fetch" 7.2) || exit $?
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r "$tree/." "$copy/"
patch -s -p1 -d "$copy" <"$patch" || exit 1
exec "$(dirname "$0")/../../cli/tests/expect.sh" 1 "check: matches_mirror" "out of line: src:$copy;" \
  "UNEXPECTED: refcount_balance" "verdict: UNEXPECTED$" -- "$bin" kernel-src --source "$copy" --cases 200
