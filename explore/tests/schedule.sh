#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# schedule.sh EXPLORE FILE: a saved race (corpus/schedules/*.schedule: a comment, the
# replay string, the EXPECTED lines) replays 10 times out of 10 with the same verdict.
set -u
bin=$1 file=$2
replay=$(grep -v '^#' "$file" | head -1 | tr -d '\r')  # a CRLF file replays the same
out=$("$bin" --replay "$replay" --repeat 10)
status=$?
ok=1
grep -q "10 times, the same every time" <<<"$out" || ok=0
while read -r line; do
  grep -qxF "$line" <<<"$out" || ok=0
done < <(grep '^EXPECTED: ' "$file" | tr -d '\r')
if [ $status -ne 0 ] || [ $ok -ne 1 ]; then
  echo "$file: replay $replay does not show what the file expects"; echo "$out"; exit 1
fi
echo "$file: $(grep -c '^EXPECTED: ' "$file") row(s), replayed 10/10"
