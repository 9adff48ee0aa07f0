#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# replay-regression.sh SPLICECHECK TRACE: a fuzz regression (TRACE and its raw input
# beside it, without .trace) replays without the engine: the text trace and the raw input
# under the trace header's profile and bug give the same EXPECTED: lines, at least one.
set -u
bin=$1 trace=$2
raw=${trace%.trace}
read -r _ _ component profile bug <<<"$(head -1 "$trace")"
text=$("$bin" replay "$trace" 2>&1); text_rc=$?
bytes=$("$bin" replay "$raw" --harness "$component" --profile "$profile" ${bug:+--bug "$bug"} 2>&1); bytes_rc=$?
want=$(grep '^EXPECTED: ' <<<"$text")
if [ $text_rc != 0 ] || [ -z "$want" ]; then
  echo "the trace does not replay as expected (exit $text_rc):"; echo "$text"; exit 1
fi
if [ $bytes_rc != 0 ] || [ "$(grep '^EXPECTED: ' <<<"$bytes")" != "$want" ]; then
  echo "the raw input replays differently (exit $bytes_rc):"; echo "$bytes"; exit 1
fi
echo "$want"
