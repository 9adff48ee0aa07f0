#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# splice_out_of_line.sh SPLICECHECK FETCH VERSION PATCH: a user's tree (a copy of the
# package's skbuff.c) with a defect our newest mirror lacks must fail the three-way
# differential, naming the real source as out of line.
set -u
bin=$1 fetch=$2 version=$3 patch=$4
tree=$("$fetch" "$version") || exit $?
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
mkdir -p "$copy/net/core"
cp "$tree/net/core/skbuff.c" "$copy/net/core/"
patch -s -p1 -d "$copy" <"$patch" || exit 1
exec "$(dirname "$0")/../../cli/tests/expect.sh" 1 "check: matches_mirror" "out of line: src:$copy$" \
  "UNEXPECTED: software_checksum" "verdict: UNEXPECTED$" -- \
  "$bin" kernel-src --component splice --source "$copy" --property software_checksum --cases 200
