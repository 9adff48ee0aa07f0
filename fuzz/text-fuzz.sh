#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# text-fuzz.sh TEXT_FUZZ SEEDS RUNS: RUNS executions of the text readers' harness from a
# scratch copy of SEEDS, seed 1, with an RSS cap and a per-input timeout (a parse that
# grows without bound or hangs is a finding too). Exit 0: nothing found.
set -eu
bin=$1 seeds=$2 runs=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$seeds" "$work/corpus"
cd "$work"
"$bin" -runs="$runs" -seed=1 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 corpus
