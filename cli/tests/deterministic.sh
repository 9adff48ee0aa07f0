#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# deterministic.sh SPLICECHECK ARGS...: two runs with the same arguments print the same
# stdout, byte for byte (timings go to stderr).
set -u
bin=$1
shift
a=$("$bin" "$@" 2>/dev/null)
b=$("$bin" "$@" 2>/dev/null)
if [ "$a" != "$b" ]; then
  diff <(echo "$a") <(echo "$b") | head -20
  exit 1
fi
echo "identical: $(wc -l <<<"$a") lines"
