#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# expect.sh STATUS PATTERN... -- COMMAND...: passes when COMMAND exits with STATUS and its
# stdout+stderr match every extended-regex PATTERN. Used by CTest for the CLI's contract.
set -u
want=$1
shift
patterns=()
while [ "$1" != "--" ]; do
  patterns+=("$1")
  shift
done
shift
out=$("$@" 2>&1)
got=$?
# 77: a kernel source package could not be fetched; CTest shows the test as skipped.
if [ "$got" = 77 ] && [ "$want" != 77 ]; then
  printf '%s\n' "$out"
  exit 77
fi
if [ "$got" != "$want" ]; then
  printf 'exit status %s, expected %s\n--- output:\n%s\n' "$got" "$want" "$out"
  exit 1
fi
for p in "${patterns[@]}"; do
  if ! grep -Eq -- "$p" <<<"$out"; then
    printf 'output does not match /%s/\n--- output:\n%s\n' "$p" "$out"
    exit 1
  fi
done
