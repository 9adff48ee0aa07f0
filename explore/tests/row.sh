#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# row.sh EXPLORE ROW pct|bounded: the row is found by the strategy (pct: seeds 1-5, at
# most 100 000 schedules each; bounded: k=2), and each found schedule's replay string
# reproduces it 10 times out of 10.
set -u
bin=$1 row=$2 strategy=$3
seeds=1
[ "$strategy" = pct ] && seeds="1 2 3 4 5"
for seed in $seeds; do
  out=$("$bin" --bug "$row" --strategy "$strategy" --seed "$seed" --schedules 100000 --preemptions 2)
  if ! grep -q "^EXPECTED: $row$" <<<"$out"; then
    echo "seed $seed: $row not found"; echo "$out"; exit 1
  fi
  grep -E "^== " <<<"$out" | sed "s/^/seed $seed: /"
  replay=$(grep -Eo 'explore --replay [^ ]+' <<<"$out" | head -1 | cut -d' ' -f3)
  again=$("$bin" --replay "$replay" --repeat 10)
  if ! grep -q "^EXPECTED: $row$" <<<"$again" || ! grep -q "10 times, the same every time" <<<"$again"; then
    echo "seed $seed: replay $replay does not reproduce $row 10 times out of 10"; echo "$again"; exit 1
  fi
  echo "seed $seed: replay $replay reproduces it 10/10"
done
